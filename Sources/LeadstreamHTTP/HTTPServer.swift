//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Hummingbird
import HummingbirdTLS
import LeadstreamAccess
import LeadstreamCore
import LeadstreamGateway
import LeadstreamWire
import Logging
import Prometheus

/// The gateway's HTTP front door: event capture for producers that cannot
/// speak ZeroMQ, a liveness probe and the Prometheus scrape endpoint
/// (SPEC §11 `--http`, docs/http.md).
///
/// The server holds no ingest logic of its own: every batch goes to the same
/// ``EventIngesting`` the ZeroMQ transport uses, so both transports apply
/// SPEC §2 identically and answer with the same `BatchResult` wire form.
///
/// The application is a swift-service-lifecycle `Service`; run it in the
/// process's `ServiceGroup` after the ingest it feeds, so graceful shutdown
/// stops taking requests before the journal closes:
///
/// ```swift
/// let registry = PrometheusCollectorRegistry()
/// MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))  // once, in main
/// let app = HTTPServer.buildApplication(
///     configuration: .init(host: "127.0.0.1", port: 8080),
///     ingest: ingestor, registry: registry, logger: logger)
/// let group = ServiceGroup(services: [gateway, app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
/// try await group.run()
/// ```
public enum HTTPServer {
    /// The request context of every route: Hummingbird's basic one is enough,
    /// the routes need only the logger and the matched route path.
    public typealias Context = BasicRequestContext

    /// Builds the HTTP application.
    ///
    /// - Parameters:
    ///   - configuration: where to listen, the body limit and the metrics factory.
    ///   - ingest: the gateway core that validates, journals and acknowledges batches.
    ///   - registry: the registry `/metrics` renders; the process bootstraps
    ///     swift-metrics with a factory over the same registry.
    ///   - logger: the server's logger; requests log under it with `hb.request.id`.
    /// - Returns: a Hummingbird application, a `Service`.
    ///   - routes: more routes on the same port (the web face's reports, live stream and page).
    public static func buildApplication(
        configuration: Configuration = Configuration(),
        ingest: (any EventIngesting)?,
        registry: PrometheusCollectorRegistry,
        logger: Logger,
        routes: [any HTTPRoutes] = []
    ) throws -> some ApplicationProtocol {
        let router = buildRouter(configuration: configuration, ingest: ingest, registry: registry)
        for r in routes { r.addRoutes(to: router) }
        return Application(
            router: router,
            server: try configuration.tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: configuration.serverName
            ),
            logger: logger
        )
    }

    /// The routes alone, for embedding in another Hummingbird application.
    ///
    /// - Parameters:
    ///   - configuration: the body limit and the metrics factory (host and port are unused).
    ///   - ingest: the gateway core; `nil` in a process without a gateway (`leadstream web`): no `POST /v1/events`.
    ///   - registry: the registry `/metrics` renders.
    public static func buildRouter(
        configuration: Configuration = Configuration(),
        ingest: (any EventIngesting)?,
        registry: PrometheusCollectorRegistry
    ) -> Router<Context> {
        // HEAD of a GET route is its GET without the body (docs/http.md, "Errors"), for probes that ask so.
        let router = Router(context: Context.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestCounterMiddleware(factory: configuration.metricsFactory))
        router.add(middleware: JSONErrorMiddleware())
        if let ingest { addEvents(to: router, configuration: configuration, ingest: ingest) }
        router.get("/healthz") { _, _ in
            JSONResponse.make(.ok, .object([("status", .string("ok"))]))
        }
        router.get("/metrics") { _, _ in
            MetricsEndpoint.respond(registry: registry)
        }
        router.refuseOtherMethods(on: "/healthz", allowed: [.get])
        router.refuseOtherMethods(on: "/metrics", allowed: [.get])
        return router
    }

    private static func addEvents(to router: Router<Context>, configuration: Configuration, ingest: any EventIngesting) {
        let events = EventsEndpoint(
            ingest: ingest,
            access: configuration.access,
            maxBodyBytes: configuration.maxBodyBytes,
            unavailableRetryAfterSeconds: configuration.unavailableRetryAfterSeconds
        )
        router.post("/v1/events") { request, context in
            try await events.respond(to: request, context: context)
        }
        router.refuseOtherMethods(on: "/v1/events", allowed: [.post])
    }
}

/// Routes another module serves on the same HTTP port (`leadstream run`: one process, one port).
public protocol HTTPRoutes: Sendable {
    func addRoutes(to router: Router<HTTPServer.Context>)
}
