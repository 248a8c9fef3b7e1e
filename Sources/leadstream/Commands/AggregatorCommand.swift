//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamPartitions
import LeadstreamWire
import ArgumentParser
import Foundation
import LeadstreamAccess
import LeadstreamAggregator
import Logging
import ServiceLifecycle
import UnixSignals
import ZeroMQ

/// `leadstream aggregator` (SPEC §11): the aggregator as its own process.
struct AggregatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregator",
        abstract: "Run the aggregator: merge partial counts exactly once, answer queries, publish live results.",
        discussion: """
            It checkpoints to DATA/aggregator.checkpoint and, on start, replays from the gateway what was \
            committed after the checkpoint. SIGTERM or SIGINT publishes what is pending, checkpoints and exits 0.
            """
    )

    @Option(help: "Endpoint to bind for the workers' partials (PULL).") var partials = DefaultEndpoints.partials
    @Option(help: "The gateway's ingest endpoint to connect, for replay and head.") var ingest = DefaultEndpoints.ingest
    @Option(help: "Endpoint to bind for report queries and snapshots (ROUTER).") var query = DefaultEndpoints.query
    @Option(help: "Endpoint to bind for live results (PUB).") var publish = DefaultEndpoints.publish
    @Option(help: "Data folder.") var data = DefaultEndpoints.data
    @Option(help: "Live topics are published at most once per this many milliseconds.") var publishInterval = 50
    @Option(help: "Milliseconds a missing range may wait before it is replayed.") var gapTimeout = 500
    @Option(help: "Messages the PUB queues per subscriber before dropping (a subscriber then resyncs).")
    var publishHwm = 100_000
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"
    @Option(help: "An operator token of the gateway's store, for head and replay when the link has no CURVE key.")
    var gatewayToken: String?
    @Option(help: "Serve /healthz and /metrics on this HOST:PORT.") var metrics: String?
    @Flag(help: ArgumentHelp("Serve `corrupt`, which damages the live state on purpose (tests of validate only).", visibility: .hidden))
    var unsafeTestHooks = false
    @OptionGroup(title: "Access (docs/security.md)") var security: ServerAccessOptions
    @OptionGroup(title: "Partitions (docs/partitions.md)") var partitioning: PartitionOptions

    func run() async throws {
        let logger = bootstrapLogging(level: logLevel, label: "leadstream.aggregator")
        let curve = try security.curve()
        try security.checkExposure(zeroMQ: [partials, query, publish], http: nil, curve: curve, tls: false)
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        var configuration = Aggregator.Configuration.endpoints(
            partials: partials, gateway: ingest, query: query, publish: publish, data: data,
            publishInterval: publishInterval, gapTimeout: gapTimeout, publishHighWaterMark: publishHwm)
        configuration.access = try security.control(data: data, logger: logger)
        configuration.curve = curve
        configuration.gatewayToken = gatewayToken
        configuration.unsafeTestHooks = unsafeTestHooks
        configuration.placement = try partitioning.placement()
        let web = try MetricsServer.make(address: metrics, logger: logger)
        let context = try ZMQContext()
        let gate = try security.startGate(curve, context: context, logger: logger)
        let aggregator = Aggregator(configuration: configuration, context: context, logger: logger)
        let group = ServiceGroup(
            services: [aggregator] + (web.map { [$0] } ?? []), gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
        configuration.access.tokens?.stop()
        gate?.stop()
        try context.terminate()
    }
}

extension Aggregator.Configuration {
    static func endpoints(
        partials: String, gateway: String, query: String, publish: String, data: String, publishInterval: Int,
        gapTimeout: Int, publishHighWaterMark: Int = 100_000
    ) -> Self {
        var c = Self()
        c.partials = partials
        c.gateway = gateway
        c.query = query
        c.publish = publish
        c.checkpointPath = (data as NSString).appendingPathComponent("aggregator.checkpoint")
        c.publishInterval = .milliseconds(publishInterval)
        c.gapTimeout = .milliseconds(gapTimeout)
        c.publishHighWaterMark = publishHighWaterMark
        return c
    }
}
