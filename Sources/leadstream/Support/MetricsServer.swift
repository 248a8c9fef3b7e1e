//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamHTTP
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// `--metrics HOST:PORT` of the components without an HTTP port of their own
/// (`aggregator`, `worker`): `/healthz` and `/metrics` for this process.
/// The figures are counts and latencies, with no account in any label, so the
/// port may face a monitoring network.
enum MetricsServer {
    /// Bootstraps swift-metrics over Prometheus (always, so counters cost the same with or without
    /// the port) and returns the HTTP service when an address is given.
    static func make(address: String?, logger: Logger) throws -> (any Service)? {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        guard let address else { return nil }
        let (host, port) = try HostPort.parse(address)
        return try HTTPServer.buildApplication(
            configuration: .init(host: host, port: port), ingest: nil, registry: registry, logger: logger)
    }
}
