//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import ArgumentParser
import LeadstreamCore
import LeadstreamWorker
import Logging
import ServiceLifecycle
import UnixSignals
import ZeroMQ

/// `leadstream worker` (SPEC §11): stateless report workers as their own process.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run stateless report workers: forwarded change batches in, signed partial counts out.",
        discussion: """
            Workers keep no state: start, stop or kill any number of them at any time. A batch lost with a \
            killed worker is replayed by the aggregator from the gateway's journal (docs/cluster.md).
            """
    )

    @Option(help: "The gateway's forward endpoint to connect (PULL).") var forward = DefaultEndpoints.forward
    @Option(help: "The aggregator's partials endpoint to connect (PUSH).") var partials = DefaultEndpoints.partials
    @Option(help: "Worker threads in this process.") var threads = 1
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"
    @Option(help: "Serve /healthz and /metrics on this HOST:PORT.") var metrics: String?
    @OptionGroup(title: "CURVE (a component key: docs/security.md)") var curve: CurveClientOptions

    func run() async throws {
        let logger = bootstrapLogging(level: logLevel, label: "leadstream.worker")
        guard threads >= 1 else { throw UsageError(.invalidValue, "--threads must be at least 1") }
        let security = try curve.security()
        let web = try MetricsServer.make(address: metrics, logger: logger)
        let context = try ZMQContext()
        let workers = (0..<threads).map { i in
            ReportWorker(
                configuration: .init(forward: forward, partials: partials, name: "worker-\(i)", security: security),
                context: context, logger: logger)
        }
        let group = ServiceGroup(
            services: workers + (web.map { [$0] } ?? []), gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
        try context.terminate()
    }
}
