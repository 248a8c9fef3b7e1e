//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamClients
import LeadstreamPartitions
import LeadstreamWire
import ArgumentParser
import LeadstreamAccess
import LeadstreamCore
import LeadstreamHTTP
import LeadstreamWeb
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import UnixSignals
import ZeroMQ

/// `leadstream web`: the web face on its own (docs/web.md), for a cluster. It
/// talks to the aggregator only through `--query` and `--publish`, holds no
/// data, and any number of them can run on any hosts.
struct WebCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web",
        abstract: "Serve the dashboard page, HTTP reports and the live stream for a running aggregator.",
        discussion: """
            Every report and live view is asked of the aggregator with the viewer's own token, so the \
            aggregator applies the access rules. With --access tokens give this component an operator \
            token (--token): it follows every topic once and passes each viewer what they may see.
            """
    )

    @Option(help: "The aggregator's query endpoint to connect.") var query = DefaultEndpoints.query
    @Option(help: "The aggregator's live results endpoint to connect (PUB).") var publish = DefaultEndpoints.publish
    @Option(help: "HTTP address to bind: the page, /v1/reports, /v1/live, /v1/session, /healthz, /metrics.")
    var http = DefaultEndpoints.http
    @Option(help: "Report requests in flight at once.") var queryThreads = 4
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"
    @Option(help: "open, or tokens when the aggregator checks tokens (then --token is an operator token).")
    var access: AccessMode = .open
    @OptionGroup(title: "This component's token and CURVE keys towards the aggregator") var client: ClientAccessOptions
    @Option(help: "HTTPS certificate chain (PEM).") var tlsCert: String?
    @Option(help: "HTTPS private key (PEM).") var tlsKey: String?
    @Flag(help: "Start even when HTTP beyond loopback lacks --access tokens or TLS.") var insecure = false

    func run() async throws {
        let logger = bootstrapLogging(level: logLevel, label: "leadstream.web")
        var server = ServerAccessOptions()
        server.access = access
        server.tlsCert = tlsCert
        server.tlsKey = tlsKey
        server.insecure = insecure
        let tls = try server.tls()
        try server.checkExposure(zeroMQ: [], http: http, curve: nil, tls: tls != nil)
        if access == .tokens, client.resolvedToken == nil {
            throw UsageError(.missingField, "--access tokens needs --token: an operator token for the live feed")
        }
        let (host, port) = try HostPort.parse(http)
        let prometheus = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: prometheus))
        let context = try ZMQContext()
        var configuration = WebFace.Configuration()
        configuration.query = query
        configuration.publish = publish
        configuration.token = client.resolvedToken
        configuration.security = try client.security()
        configuration.queryThreads = max(1, queryThreads)
        // A partitioned deployment (docs/partitions.md): every partition's aggregator, learned from --query.
        let routes = try PartitionRoutes.fetch(
            context: context, endpoint: query, kind: .query, also: [.publish: publish], token: client.resolvedToken,
            security: configuration.security, accounts: [])
        if routes.isPartitioned {
            configuration.partitions = (0..<routes.reply.count).map {
                (query: routes.endpoint($0, .query), publish: routes.endpoint($0, .publish))
            }
        }
        configuration.tls = tls != nil
        let web = try WebFace(configuration: configuration, context: context, logger: logger)
        let app = try HTTPServer.buildApplication(
            configuration: .init(host: host, port: port, tls: tls), ingest: nil, registry: prometheus, logger: logger,
            routes: [web])
        logger.info("web face running", metadata: ["http": "\(http)", "query": "\(query)", "publish": "\(publish)"])
        // The web face stops first, ending its live streams, then the HTTP server.
        let group = ServiceGroup(services: [app, web], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
        try context.terminate()
    }
}
