import CZeroMQ

/// CURVE security helpers: key generation and the Z85 text encoding keys travel in.
///
/// CURVE encrypts and authenticates a connection with long-term Curve25519 keys. The server
/// sets `curveServer` and its secret key; each client sets its own key pair plus the server's
/// public key (`curveServerKey`). A client with the wrong server key fails the handshake
/// silently: nothing is delivered, so use receive timeouts.
/// See [zmq_curve](http://api.zeromq.org/4-3:zmq-curve).
public enum Curve {
    /// Whether this libzmq was built with CURVE (libsodium) support.
    public static var isAvailable: Bool { ZeroMQ.has("curve") }

    // MARK: - Keys

    /// A new random key pair, each key as 40 Z85 characters
    /// ([zmq_curve_keypair](http://api.zeromq.org/4-3:zmq-curve-keypair)).
    /// Throws `ZMQError.notSupported` without CURVE support.
    public static func keyPair() throws(ZMQError) -> (publicKey: String, secretKey: String) {
        var publicKey = [CChar](repeating: 0, count: 41)
        var secretKey = [CChar](repeating: 0, count: 41)
        try zmqCheck("zmq_curve_keypair") { zmq_curve_keypair(&publicKey, &secretKey) }
        return (string(publicKey), string(secretKey))
    }

    /// The public key belonging to a Z85 secret key
    /// ([zmq_curve_public](http://api.zeromq.org/4-3:zmq-curve-public)).
    public static func publicKey(forSecretKey secretKey: String) throws(ZMQError) -> String {
        var publicKey = [CChar](repeating: 0, count: 41)
        try zmqCheck("zmq_curve_public") { zmq_curve_public(&publicKey, secretKey) }
        return string(publicKey)
    }

    // MARK: - Z85

    /// Encodes bytes as Z85 ([zmq_z85_encode](http://api.zeromq.org/4-3:zmq-z85-encode)).
    /// Z85 works on 4-byte groups: returns nil unless `bytes.count` is a multiple of 4.
    public static func z85Encode(_ bytes: [UInt8]) -> String? {
        guard bytes.count % 4 == 0 else { return nil }
        var text = [CChar](repeating: 0, count: bytes.count / 4 * 5 + 1)
        guard zmq_z85_encode(&text, bytes, bytes.count) != nil else { return nil }
        return string(text)
    }

    /// Decodes Z85 text ([zmq_z85_decode](http://api.zeromq.org/4-3:zmq-z85-decode)).
    /// Returns nil unless the length is a multiple of 5 and every character is in the alphabet.
    public static func z85Decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 5 == 0, utf8.allSatisfy(z85Alphabet.contains) else { return nil }
        var bytes = [UInt8](repeating: 0, count: utf8.count / 5 * 4)
        guard zmq_z85_decode(&bytes, text) != nil else { return nil }
        return bytes
    }

    private static let z85Alphabet = Set(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".utf8)

    private static func string(_ text: [CChar]) -> String {
        String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
