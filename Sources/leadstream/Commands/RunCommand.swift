//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import ArgumentParser
import Foundation
import LeadstreamAccess
import LeadstreamCore
import LeadstreamGateway
import LeadstreamJournal
import LeadstreamAggregator
import LeadstreamWeb
import LeadstreamWorker
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import UnixSignals
import ZeroMQ

/// `leadstream run` (SPEC §11): the embedded default. The gateway, worker
/// threads and the aggregator in one process, talking over inproc pipes, with
/// the same user-facing endpoints as a distributed deployment.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run gateway, workers and aggregator in one process (the embedded default).",
        discussion: """
            Send events with `leadstream send FILE` (or POST /v1/events), read reports with `leadstream report …`, \
            follow live figures with `leadstream subscribe PREFIX`. Ctrl-C or SIGTERM stops taking events, \
            answers what is in flight, publishes, checkpoints and exits 0; acknowledged events are in the \
            journal (DATA/journal.sqlite) and the next start catches up from it.
            """
    )

    @Option(help: "ZeroMQ ingest endpoint to bind (send, load).") var ingest = DefaultEndpoints.ingest
    @Option(help: "Live results endpoint to bind (PUB; subscribe).") var publish = DefaultEndpoints.publish
    @Option(help: "Report query endpoint to bind (report, subscribe snapshots).") var query = DefaultEndpoints.query
    @Option(help: "HTTP address to bind: the dashboard page, reports, live stream, POST /v1/events, /metrics.")
    var http = DefaultEndpoints.http
    @Option(help: "Data folder.") var data = DefaultEndpoints.data
    @Option(help: "Report worker threads.") var workers = 2
    @Option(help: "Journal durability: full (survives power loss) or normal (survives a process kill).")
    var durability = "full"
    @Option(help: "Live topics are published at most once per this many milliseconds.") var publishInterval = 50
    @Flag(help: "Also feed a realistic sample stream, so figures move in `subscribe`.") var demo = false
    @Option(help: "Demo events per second.") var demoRate = 200
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"
    @Flag(help: ArgumentHelp("Serve `corrupt`, which damages the live state on purpose (tests of validate only).", visibility: .hidden))
    var unsafeTestHooks = false
    @OptionGroup(title: "Access (docs/security.md)") var security: ServerAccessOptions

    func run() async throws {
        let logger = bootstrapLogging(level: logLevel, label: "leadstream")
        guard workers >= 1 else { throw UsageError(.invalidValue, "--workers must be at least 1") }
        if demo, security.access == .tokens {
            throw UsageError(.invalidValue, "--demo feeds several accounts and runs in --access open only")
        }
        let curve = try security.curve()
        let tls = try security.tls()
        try security.checkExposure(zeroMQ: [ingest, query, publish], http: http, curve: curve, tls: tls != nil)
        let prometheus = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: prometheus))
        // One token store for the gateway (ingest tokens) and the aggregator (viewer tokens).
        let access = try security.control(data: data, logger: logger)
        let context = try ZMQContext()
        let gate = try security.startGate(curve, context: context, logger: logger)
        // inproc names are per context, and this process has one. The aggregator reaches its gateway
        // in-process too, with a token that exists only in this process.
        let forward = "inproc://leadstream-forward"
        let partials = "inproc://leadstream-partials"
        let link = "inproc://leadstream-ingest"
        // The web face reaches the aggregator in-process too, as any web face does: query and publish only.
        let local = (query: "inproc://leadstream-query", publish: "inproc://leadstream-publish")
        var face = WebFace.Configuration()
        face.query = local.query
        face.publish = local.publish
        face.token = access.tokens?.addTransient(.operator)
        face.tls = tls != nil
        let web = try WebFace(configuration: face, context: context, logger: logger)
        let gateway = try await GatewayAssembly(
            ingest: ingest, http: http, forward: forward, data: data, durability: durability, context: context,
            prometheus: prometheus, logger: logger, access: access, curve: curve, tls: tls, inProcess: link,
            routes: [web])
        var configuration = Aggregator.Configuration.endpoints(
            partials: partials, gateway: link, query: query, publish: publish, data: data,
            publishInterval: publishInterval, gapTimeout: 500)
        configuration.access = access
        configuration.curve = curve
        configuration.gatewayToken = access.tokens?.addTransient(.operator)
        configuration.inProcess = local
        configuration.unsafeTestHooks = unsafeTestHooks
        let aggregator = Aggregator(configuration: configuration, context: context, logger: logger)
        let pool = (0..<workers).map { i in
            ReportWorker(
                configuration: .init(forward: forward, partials: partials, name: "worker-\(i)"), context: context,
                logger: logger)
        }
        var services: [any Service] = [aggregator]
        services += pool as [any Service]
        // The web face last: stopped first, it ends its live streams before the HTTP server drains.
        services += [gateway.server, gateway.web, web]
        if demo {
            services.append(
                DemoFeed(ingest: link, rate: demoRate, context: context, logger: logger))
        }
        logger.info(
            "leadstream running",
            metadata: [
                "ingest": "\(gateway.server.boundEndpoint)", "query": "\(query)", "publish": "\(publish)",
                "http": "\(http)", "page": "\(tls == nil ? "http" : "https")://\(http)/", "workers": "\(workers)", "data": "\(data)", "access": "\(access.mode)",
                "curve": "\(curve != nil)", "tls": "\(tls != nil)",
                "journal.last_seq": "\(gateway.journal.lastSequence)",
            ])
        // Stopped in reverse: the demo and ingest first, then the workers, the aggregator last.
        let group = ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
        try gateway.close()
        access.tokens?.stop()
        gate?.stop()
        try context.terminate()
    }
}
