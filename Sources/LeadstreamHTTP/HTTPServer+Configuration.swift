//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import CoreMetrics
import HummingbirdTLS
import LeadstreamAccess
import LeadstreamWire
import Metrics

extension HTTPServer {
    /// How the HTTP server listens and what it takes; every value has a default
    /// so `Configuration()` is the SPEC §11 default (`--http 127.0.0.1:8080`).
    public struct Configuration: Sendable {
        /// The SPEC §11 default bind address.
        public static let defaultHost = DefaultEndpoints.httpHost
        /// The SPEC §11 default port; a user-facing port never moves.
        public static let defaultPort = DefaultEndpoints.httpPort
        /// 16 MiB: a generous NDJSON batch (about 40 000 typical events) that
        /// still bounds the memory one request can hold.
        public static let defaultMaxBodyBytes = 16 * 1024 * 1024

        /// The interface to bind: loopback by default, so exposing ingest
        /// beyond the host is a deliberate choice.
        public var host: String
        /// The TCP port; `0` picks an ephemeral one (tests).
        public var port: Int
        /// The largest request body taken, in bytes. Bodies are collected
        /// with this bound while streaming, never buffered past it: a larger
        /// one is answered 413 without reading the rest.
        public var maxBodyBytes: Int
        /// The `Retry-After` sent with 503 when the gateway is shutting down
        /// (`IngestRefusal.unavailable` carries no delay of its own).
        public var unavailableRetryAfterSeconds: Int
        /// The `Server` header, if any.
        public var serverName: String?
        /// Where the request counter goes. The default is the process's
        /// bootstrapped `MetricsSystem.factory`; tests inject their own so they
        /// never touch the global system.
        public var metricsFactory: any MetricsFactory
        /// Who may send events (ingest tokens as `Authorization: Bearer`, SPEC §10).
        public var access: AccessControl
        /// Serve HTTPS with this (`--tls-cert`, `--tls-key`); `nil` serves plain HTTP.
        public var tls: TLSConfiguration?

        /// - Parameters:
        ///   - host: the bind interface, default `127.0.0.1`.
        ///   - port: the bind port, default `8080`.
        ///   - maxBodyBytes: the body limit, default 16 MiB.
        ///   - unavailableRetryAfterSeconds: `Retry-After` while shutting down, default 5.
        ///   - serverName: the `Server` header, default none.
        ///   - metricsFactory: the factory for `leadstream_http_requests_total`,
        ///     default `MetricsSystem.factory` (read when the configuration is made).
        public init(
            host: String = Configuration.defaultHost,
            port: Int = Configuration.defaultPort,
            maxBodyBytes: Int = Configuration.defaultMaxBodyBytes,
            unavailableRetryAfterSeconds: Int = 5,
            serverName: String? = nil,
            metricsFactory: (any MetricsFactory)? = nil,
            access: AccessControl = .open,
            tls: TLSConfiguration? = nil
        ) {
            self.access = access
            self.tls = tls
            self.host = host
            self.port = port
            self.maxBodyBytes = maxBodyBytes
            self.unavailableRetryAfterSeconds = unavailableRetryAfterSeconds
            self.serverName = serverName
            self.metricsFactory = metricsFactory ?? MetricsSystem.factory
        }
    }
}
