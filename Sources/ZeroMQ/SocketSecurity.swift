//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// A CURVE key pair, each key 40 Z85 characters.
public struct CurveKeyPair: Sendable, Hashable {
    public var publicKey: String
    public var secretKey: String

    public init(publicKey: String, secretKey: String) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// A new random pair.
    public static func generate() throws(ZMQError) -> CurveKeyPair {
        let (publicKey, secretKey) = try Curve.keyPair()
        return CurveKeyPair(publicKey: publicKey, secretKey: secretKey)
    }
}

/// How one socket authenticates its connections, applied before it binds or
/// connects.
///
/// A CURVE server names a ZAP domain: the context's ZAP handler (which must
/// run before the socket binds: libzmq admits *any* client key when none
/// does) sees it and can apply a policy per endpoint.
public enum SocketSecurity: Sendable, Hashable {
    /// No mechanism: plain text, anyone who can connect.
    case none
    /// Accepts CURVE clients, each checked by the ZAP handler under `domain`.
    case curveServer(CurveKeyPair, domain: String)
    /// Connects with `keys` to a server whose public key is `serverKey`.
    case curveClient(CurveKeyPair, serverKey: String)
}

extension Socket {
    /// Sets the socket's security options; call it before `bind`/`connect`.
    public borrowing func secure(_ security: SocketSecurity) throws(ZMQError) {
        switch security {
        case .none:
            return
        case .curveServer(let keys, let domain):
            try set(.zapDomain, domain)
            try set(.curveServer, true)
            try set(.curveSecretKey, keys.secretKey)
        case .curveClient(let keys, let serverKey):
            try set(.curveServerKey, serverKey)
            try set(.curvePublicKey, keys.publicKey)
            try set(.curveSecretKey, keys.secretKey)
        }
    }
}
