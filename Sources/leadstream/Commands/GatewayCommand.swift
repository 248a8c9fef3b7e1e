//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import ArgumentParser
import Foundation
import LeadstreamCore
import LeadstreamGateway
import LeadstreamHTTP
import LeadstreamJournal
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import UnixSignals
import ZeroMQ

/// `leadstream gateway` (SPEC §11): the capture gateway as its own process.
struct GatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway",
        abstract: "Run the capture gateway: acknowledged ingest over ZeroMQ and HTTP, journal, replay, forwarding.",
        discussion: """
            Batches are acknowledged only once their accepted events are committed to the journal
            (DATA/journal.sqlite). On start the lead registry is rebuilt from the journal. SIGTERM or SIGINT
            stops taking requests, answers those in flight, and exits 0.
            """
    )

    @Option(help: "ZeroMQ ingest endpoint to bind (ROUTER).") var ingest = "tcp://127.0.0.1:5550"
    @Option(help: "HTTP address to bind: POST /v1/events, /healthz, /metrics.") var http = "127.0.0.1:8080"
    @Option(help: "Where committed changes are PUSHed to report workers.") var forward = "tcp://127.0.0.1:5551"
    @Option(help: "Data folder.") var data = "./leadstream-data"
    @Option(help: "Journal durability: full (survives power loss) or normal (survives a process kill).")
    var durability = "full"
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"

    func run() async throws {
        let logger = bootstrapLogging(level: logLevel, label: "leadstream.gateway")
        let prometheus = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: prometheus))
        let (host, port) = try HostPort.parse(http)
        guard let level = JournalConfiguration.Durability(rawValue: durability) else {
            throw UsageError(.invalidValue, "--durability must be full or normal")
        }
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let journal = try Journal(
            path: (data as NSString).appendingPathComponent("journal.sqlite"),
            configuration: JournalConfiguration(durability: level))
        let store = JournalStore(journal)
        let context = try ZMQContext()
        let forwarder = try ChangeForwarder(endpoint: forward, context: context, logger: logger)
        let ingestor = try await Ingestor(journal: store, sink: forwarder, logger: logger)
        let server = try ZeroMQIngestServer(
            configuration: .init(endpoint: ingest), context: context, ingestor: ingestor, journal: store, logger: logger)
        let web = HTTPServer.buildApplication(
            configuration: .init(host: host, port: port), ingest: ingestor, registry: prometheus, logger: logger)
        logger.info(
            "gateway ready",
            metadata: [
                "ingest": "\(server.boundEndpoint)", "http": "\(http)", "forward": "\(forwarder.boundEndpoint)",
                "journal.last_seq": "\(journal.lastSequence)",
            ])
        let group = ServiceGroup(
            services: [server, web], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
        forwarder.close()
        try journal.close()
        try context.terminate()
    }
}
