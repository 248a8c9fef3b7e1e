//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Hummingbird
import Logging
import Prometheus

@testable import LeadstreamHTTP

/// One server under test: the application, its fake ingest and its own
/// metrics registry (never the global `MetricsSystem`, STYLE §6).
struct TestServer {
    let ingest: FakeIngest
    let registry: PrometheusCollectorRegistry
    let configuration: HTTPServer.Configuration

    /// A logger that discards everything, made without touching `LoggingSystem`.
    static let logger = Logger(label: "leadstream.http.test", factory: { _ in SwiftLogNoOpLogHandler() })

    init(_ outcome: FakeIngest.Outcome = .result(.acceptedAll(1, firstSeq: 1)), maxBodyBytes: Int = 1024) {
        ingest = FakeIngest(outcome)
        registry = PrometheusCollectorRegistry()
        configuration = HTTPServer.Configuration(
            host: "127.0.0.1", port: 0, maxBodyBytes: maxBodyBytes,
            metricsFactory: PrometheusMetricsFactory(registry: registry))
    }

    func application() throws -> some ApplicationProtocol {
        try HTTPServer.buildApplication(configuration: configuration, ingest: ingest, registry: registry, logger: Self.logger)
    }

    func router() -> Router<HTTPServer.Context> {
        HTTPServer.buildRouter(configuration: configuration, ingest: ingest, registry: registry)
    }
}
