//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamPartitions
import LeadstreamWire
import ArgumentParser
import Foundation
import LeadstreamAccess
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

    @Option(help: "ZeroMQ ingest endpoint to bind (ROUTER).") var ingest = DefaultEndpoints.ingest
    @Option(help: "HTTP address to bind: POST /v1/events, /healthz, /metrics.") var http = DefaultEndpoints.http
    @Option(help: "Where committed changes are PUSHed to report workers.") var forward = DefaultEndpoints.forward
    @Option(help: "Data folder.") var data = DefaultEndpoints.data
    @Option(help: "Journal durability: full (survives power loss) or normal (survives a process kill).")
    var durability = "full"
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"
    @OptionGroup(title: "Access (docs/security.md)") var security: ServerAccessOptions
    @OptionGroup(title: "Partitions (docs/partitions.md)") var partitioning: PartitionOptions

    func run() async throws {
        let logger = bootstrapLogging(level: logLevel, label: "leadstream.gateway")
        let curve = try security.curve()
        let tls = try security.tls()
        try security.checkExposure(zeroMQ: [ingest, forward], http: http, curve: curve, tls: tls != nil)
        let prometheus = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: prometheus))
        let access = try security.control(data: data, logger: logger)
        let context = try ZMQContext()
        let gate = try security.startGate(curve, context: context, logger: logger)
        let gateway = try await GatewayAssembly(
            ingest: ingest, http: http, forward: forward, data: data, durability: durability, context: context,
            prometheus: prometheus, logger: logger, access: access, curve: curve, tls: tls,
            placement: try partitioning.placement())
        logger.info(
            "gateway ready",
            metadata: [
                "ingest": "\(gateway.server.boundEndpoint)", "http": "\(http)",
                "forward": "\(gateway.forwarder.boundEndpoint)", "journal.last_seq": "\(gateway.journal.lastSequence)",
                "access": "\(access.mode)", "curve": "\(curve != nil)", "tls": "\(tls != nil)",
            ])
        let group = ServiceGroup(
            services: [gateway.server, gateway.web], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
        try gateway.close()
        access.tokens?.stop()
        gate?.stop()
        try context.terminate()
    }
}
