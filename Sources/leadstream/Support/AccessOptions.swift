//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import ArgumentParser
import Foundation
import HummingbirdTLS
import LeadstreamAccess
import LeadstreamCore
import Logging
import ZeroMQ

/// A client's CURVE keys (`worker`, and every client through `ClientAccessOptions`).
struct CurveClientOptions: ParsableArguments {
    @Option(help: "This client's CURVE key pair file (leadstream keygen --out FILE).")
    var curveSecret: String?
    @Option(help: "The servers' CURVE public key: 40 Z85 characters, or a file holding it.")
    var curveServerKey: String?

    /// The sockets' security: CURVE when `--curve-secret` is given.
    func security() throws -> SocketSecurity {
        guard let curveSecret else {
            if curveServerKey != nil { throw UsageError(.invalidValue, "--curve-server-key needs --curve-secret") }
            return .none
        }
        guard let curveServerKey else { throw UsageError(.missingField, "--curve-secret needs --curve-server-key") }
        do {
            return .curveClient(try CurveKeyFile.read(curveSecret), serverKey: try CurveKeyFile.publicKey(curveServerKey))
        } catch { throw UsageError(.invalidValue, "\(error)") }
    }
}

/// What a client presents (`send`, `report`, `subscribe`, `load`): a token
/// and, for a CURVE-secured cluster, its key pair and the servers' key.
struct ClientAccessOptions: ParsableArguments {
    @Option(help: "A token (default: $LEADSTREAM_TOKEN): a viewer's to read, an ingest token to send (docs/security.md).")
    var token: String?
    @OptionGroup var curve: CurveClientOptions

    /// `--token`, else `LEADSTREAM_TOKEN`.
    var resolvedToken: String? {
        token ?? ProcessInfo.processInfo.environment["LEADSTREAM_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    }

    func security() throws -> SocketSecurity { try curve.security() }
}

/// What a server takes (`gateway`, `aggregator`, `run`): its access mode,
/// CURVE keys and allow-list, TLS for HTTP, and `--insecure`.
struct ServerAccessOptions: ParsableArguments {
    @Option(help: "open (answer everyone: one trusted host) or tokens (the access rules of docs/security.md).")
    var access: AccessMode = .open
    @Option(help: "This server's CURVE key pair file (leadstream keygen --out FILE): CURVE on every TCP endpoint.")
    var curveSecret: String?
    @Option(help: "Allowed client keys, one a line: Z85 [client|operator|component] (reloaded when it changes).")
    var curveAllow: String?
    @Option(help: "The public key of the servers this one connects to (default: its own: one shared pair).")
    var curveServerKey: String?
    @Option(help: "HTTPS certificate chain (PEM).") var tlsCert: String?
    @Option(help: "HTTPS private key (PEM).") var tlsKey: String?
    @Flag(help: "Start even when an endpoint beyond loopback lacks --access tokens, CURVE or TLS.")
    var insecure = false

    /// The CURVE set-up, or `nil` without `--curve-secret`.
    func curve() throws -> CurveSetup? {
        guard let curveSecret else {
            if curveAllow != nil || curveServerKey != nil {
                throw UsageError(.invalidValue, "--curve-allow and --curve-server-key need --curve-secret")
            }
            return nil
        }
        guard let curveAllow else {
            throw UsageError(
                .missingField, "--curve-secret needs --curve-allow: without an allow-list libzmq admits any client key")
        }
        do {
            return CurveSetup(
                keys: try CurveKeyFile.read(curveSecret), serverKey: try curveServerKey.map(CurveKeyFile.publicKey),
                allowList: try CurveAllowList(path: curveAllow))
        } catch { throw UsageError(.invalidValue, "\(error)") }
    }

    /// The TLS configuration, or `nil` for plain HTTP.
    func tls() throws -> TLSConfiguration? {
        switch (tlsCert, tlsKey) {
        case (nil, nil): return nil
        case (let cert?, let key?):
            do {
                return TLSConfiguration.makeServerConfiguration(
                    certificateChain: try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) },
                    privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
            } catch { throw UsageError(.invalidValue, "cannot load --tls-cert/--tls-key: \(error)") }
        default: throw UsageError(.missingField, "--tls-cert and --tls-key go together")
        }
    }

    /// The access rules, with the token store in `data` when tokens are enforced.
    func control(data: String, logger: Logger) throws -> AccessControl {
        guard access == .tokens else { return .open }
        do { return AccessControl(mode: .tokens, tokens: try TokenDirectory(store: TokenStore(data: data), logger: logger)) } catch {
            throw UsageError(.invalidValue, "cannot open the token store in \(data): \(error)")
        }
    }

    /// SPEC §10: a server bound beyond loopback refuses to start without tokens and CURVE (and TLS for HTTP).
    func checkExposure(zeroMQ endpoints: [String], http: String?, curve: CurveSetup?, tls: Bool) throws {
        guard !insecure else { return }
        for endpoint in endpoints where !Exposure.isLocal(endpoint: endpoint) {
            guard access == .tokens, curve != nil else {
                throw UsageError(
                    .invalidValue,
                    "\(endpoint) is reachable beyond this host: start with --access tokens and --curve-secret/--curve-allow, or bind 127.0.0.1 (--insecure to start anyway)")
            }
        }
        if let http, !Exposure.isLocal(hostPort: http) {
            guard access == .tokens, tls else {
                throw UsageError(
                    .invalidValue,
                    "HTTP on \(http) is reachable beyond this host: start with --access tokens and --tls-cert/--tls-key, or bind 127.0.0.1 (--insecure to start anyway)")
            }
        }
    }

    /// Starts the ZAP handler before any CURVE endpoint is bound (libzmq admits any key without one).
    func startGate(_ curve: CurveSetup?, context: ZMQContext, logger: Logger) throws -> ZAPHandler? {
        guard let curve, let allowList = curve.allowList else { return nil }
        return try CurveGate.start(context: context, allowList: allowList, logger: logger)
    }
}

extension AccessMode: ExpressibleByArgument {}
