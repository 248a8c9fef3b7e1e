//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Logging
import Metrics
import ZeroMQ

/// One process's CURVE set-up (`--curve-secret`, `--curve-server-key`,
/// `--curve-allow`): its own key pair for every socket, the servers' public
/// key for the links it connects (all servers of a deployment may share one
/// pair), and the allow-list its ZAP handler checks for the endpoints it binds.
public struct CurveSetup: Sendable {
    public var keys: CurveKeyPair
    public var serverKey: String?
    public var allowList: CurveAllowList?

    public init(keys: CurveKeyPair, serverKey: String? = nil, allowList: CurveAllowList? = nil) {
        self.keys = keys
        self.serverKey = serverKey
        self.allowList = allowList
    }

    /// A bound endpoint's security.
    public func server(_ domain: String) -> SocketSecurity { .curveServer(keys, domain: domain) }

    /// A connected link's security; the server's key defaults to our own (one shared pair).
    public var client: SocketSecurity { .curveClient(keys, serverKey: serverKey ?? keys.publicKey) }
}

extension Optional where Wrapped == CurveSetup {
    public func server(_ domain: String) -> SocketSecurity { self?.server(domain) ?? .none }
    public var client: SocketSecurity { self?.client ?? .none }

    /// `endpoint`'s security: none for an `inproc://` link, which never leaves the process (`run`'s own links).
    public func server(_ domain: String, binding endpoint: String) -> SocketSecurity {
        endpoint.hasPrefix("inproc://") ? .none : server(domain)
    }

    public func client(connecting endpoint: String) -> SocketSecurity {
        endpoint.hasPrefix("inproc://") ? .none : client
    }
}

/// The ZAP policy of SPEC §10 over an allow-list: a listed key is admitted
/// with `User-Id` `ROLE:KEY` where its role fits the endpoint (the forward
/// and partials links take `component` keys only); anything else is refused,
/// logged and counted (`leadstream_curve_refusals_total{domain}`).
public enum CurveGate {
    public static func start(context: ZMQContext, allowList: CurveAllowList, logger: Logger) throws -> ZAPHandler {
        try ZAPHandler(context: context) { request in
            let decision = decide(request, allowList)
            if case .deny(let reason) = decision {
                Counter(label: "leadstream_curve_refusals_total", dimensions: [("domain", request.domain)]).increment()
                logger.warning(
                    "connection refused",
                    metadata: [
                        "domain": "\(request.domain)", "address": "\(request.address)",
                        "mechanism": "\(request.mechanism)", "reason": "\(reason)",
                    ])
            }
            return decision
        }
    }

    static func decide(_ request: ZAPHandler.Request, _ allowList: CurveAllowList) -> ZAPHandler.Decision {
        guard request.mechanism == "CURVE", let key = request.clientKey else {
            return .deny(reason: "not a CURVE client")
        }
        guard let role = allowList.role(of: key) else { return .deny(reason: "key \(key) is not listed") }
        guard ZAPDomain.admits(role, domain: request.domain) else {
            return .deny(reason: "a \(role.rawValue) key may not connect to \(request.domain)")
        }
        return .allow(userID: role.userID(key: key))
    }
}
