//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Hummingbird
import LeadstreamAccess
import LeadstreamAggregator
import LeadstreamCore
import LeadstreamClients
import LeadstreamWire
import LeadstreamHTTP
import LeadstreamLive
import Logging
import Metrics
import ServiceLifecycle
import ZeroMQ

/// The web face (docs/web.md): HTTP reports, the live stream and the
/// dashboard page, for an aggregator it reaches only through `--query` and
/// `--publish`.
///
/// It is two things: the routes (`HTTPRoutes`, added to an HTTP application,
/// `leadstream run`'s or `leadstream web`'s own), and a `Service` that keeps
/// the live topics' copy (`LiveHub`) fed, refreshes coordinators' and
/// advisors' views, and checks open streams' tokens every second. Run it in
/// the `ServiceGroup` *after* the HTTP application, so that graceful shutdown
/// stops it first and it ends its open streams, which would otherwise keep
/// the HTTP server waiting.
public final class WebFace: Service, HTTPRoutes, Sendable {
    public struct Configuration: Sendable {
        /// The aggregator's query ROUTER (reports, snapshots, `whoami`).
        public var query = DefaultEndpoints.query
        /// The aggregator's PUB.
        public var publish = DefaultEndpoints.publish
        /// Every partition's aggregator, in the map's partition order (docs/partitions.md), in place of `query` and
        /// `publish`; empty when the deployment is not partitioned.
        public var partitions: [(query: String, publish: String)] = []

        /// The aggregators to talk to, in partition order.
        var aggregators: [(query: String, publish: String)] { partitions.isEmpty ? [(query, publish)] : partitions }
        /// The web face's own token for its copy of every topic: an operator token when the
        /// aggregator checks tokens (`nil` in open mode).
        public var token: String?
        /// CURVE towards the aggregator.
        public var security: SocketSecurity = .none
        /// Report requests in flight at once (threads, each with its own socket).
        public var queryThreads = 4
        public var queryTimeout: Duration = .seconds(35)
        /// Silence after which a live stream gets a keep-alive comment.
        public var keepAlive: Duration = .seconds(10)
        /// How often open streams' tokens are checked again (SPEC §10: revocation within a second).
        public var tokenCheck: Duration = .milliseconds(500)
        /// Whether the page is served over TLS (the session cookie is then `Secure`).
        public var tls = false

        public init() {}
    }

    public let configuration: Configuration
    private let context: ZMQContext
    private let logger: Logger
    private let hub = LiveHub()
    private let pools: [QueryPool]
    private let aggregator: AggregatorClient
    private let refreshed = Counter(label: "leadstream_web_view_refreshes_total")

    /// Connects the query sockets (asynchronously: the aggregator need not be up yet).
    public init(configuration: Configuration, context: ZMQContext, logger: Logger) throws {
        self.configuration = configuration
        self.context = context
        self.logger = logger
        let queries = configuration.aggregators.map(\.query)
        pools = try queries.map {
            try QueryPool(
                context: context, endpoint: $0, size: configuration.queryThreads, timeout: configuration.queryTimeout,
                security: configuration.security)
        }
        aggregator = AggregatorClient(pools: pools, endpoints: queries, token: configuration.token)
    }

    // MARK: - Routes

    public func addRoutes(to router: Router<HTTPServer.Context>) {
        let reports = ReportsRoute(aggregator: aggregator)
        let live = LiveRoute(aggregator: aggregator, hub: hub, keepAlive: configuration.keepAlive)
        let session = SessionRoute(aggregator: aggregator, hub: hub, secure: configuration.tls)
        router.get("/") { _, _ in PageRoute.page() }
        router.get("/assets/{name}") { _, context -> Response in
            let name = context.parameters.get("name") ?? ""
            return PageRoute.asset(name)
                ?? JSONResponse.error(.notFound, code: "not_found", message: "no asset '\(name)'")
        }
        router.get("/v1/reports/{kind}") { request, context in
            let kind = context.parameters.get("kind") ?? ""
            guard ReportRequest.Kind(rawValue: kind) != nil else {
                return ErrorResponse.make(
                    Rejection(.invalidValue, field: "kind", "unknown report '\(kind)' (executive, dashboard, widget)"))
            }
            return await reports.respond(to: request, kind: kind)
        }
        router.get("/v1/live") { request, _ in await live.respond(to: request) }
        router.get("/v1/session") { request, _ in await session.current(request) }
        router.post("/v1/session") { request, _ in await session.signIn(request) }
        router.delete("/v1/session") { request, _ in session.signOut(request) }
        for path: RouterPath in ["/", "/assets/{name}", "/v1/reports/{kind}"] {
            router.refuseOtherMethods(on: path, allowed: [.get])
        }
        // A HEAD of the stream would open it in the hub and never close it: only its body does.
        router.refuseOtherMethods(on: "/v1/live", allowed: [.get], headAsGet: false)
        router.refuseOtherMethods(on: "/v1/session", allowed: [.get, .post, .delete])
    }

    // MARK: - Service

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.refreshViews() }
            group.addTask { await self.checkTokens() }
            group.addTask {
                do { try await self.follow() } catch {
                    self.logger.error("web face: the live feed failed", metadata: ["error": "\(error)"])
                }
            }
            await withTaskCancellationOrGracefulShutdownHandler {
                while !self.hub.isStopped { try? await Task.sleep(for: .milliseconds(100)) }
            } onCancelOrGracefulShutdown: {
                self.hub.stop()
            }
        }
        for pool in pools { pool.stop() }
        logger.debug("web face stopped")
    }

    /// The copy of every topic: one Clone-pattern subscriber per partition, each on its own thread, until the
    /// hub stops (a topic lives in one partition, so each topic's versions still arrive in order).
    private func follow() async throws {
        let sources = configuration.aggregators
        try await withThrowingDiscardingTaskGroup { group in
            for (i, source) in sources.enumerated() {
                group.addTask { try await self.follow(query: source.query, publish: source.publish, number: i) }
            }
        }
    }

    private func follow(query: String, publish: String, number: Int) async throws {
        var subscription = Subscriber.Configuration(publish: publish, query: query, prefix: "")
        subscription.token = configuration.token
        subscription.security = configuration.security
        let hub = self.hub
        subscription.shouldStop = { hub.isStopped }
        let subscriber = Subscriber(configuration: subscription, context: context, logger: logger)
        try await runOnDedicatedThread(named: "leadstream-web-live-\(number)", stop: { hub.stop() }) {
            try subscriber.run { message in hub.receive(message) }
        }
    }

    /// Asks the aggregator for each stale view with its viewer's token, as many at a time as there are query threads.
    private func refreshViews() async {
        let width = configuration.queryThreads
        while !hub.isStopped {
            _ = await hub.refresh.wait(timeout: .seconds(1))
            let stale = hub.takeStale()
            for start in stride(from: 0, to: stale.count, by: width) {
                await withDiscardingTaskGroup { group in
                    for view in stale[start..<min(start + width, stale.count)] { group.addTask { await self.refresh(view) } }
                }
            }
        }
    }

    private func refresh(_ view: LiveHub.StaleView) async {
        guard let topic = LiveTopic(name: view.topic) else { return }
        let request = QueryRequest(
            kind: topic.kind.rawValue, parameters: ["account": topic.account, "period": topic.period], format: "json")
        switch await aggregator.report(request, token: view.token) {
        case .report(let rendered) where rendered.exitStatus == 0:
            refreshed.increment()
            hub.storeView(view, body: ScopedMessage.compact(rendered.output))
        case .report, .rejected:
            // A refused token's streams are closed by `checkTokens`; an unavailable aggregator is
            // asked again at the topic's next change.
            logger.debug("view not refreshed", metadata: ["topic": "\(view.topic)"])
        }
    }

    /// Closes the streams of every token that no longer resolves (revoked, expired: SPEC §10).
    private func checkTokens() async {
        while !hub.isStopped {
            try? await Task.sleep(for: configuration.tokenCheck)
            for token in hub.streamTokens() {
                if case .failure(let r) = await aggregator.whoami(token: token), r.code == .unauthorized || r.code == .forbidden {
                    hub.closeStreams(token: token, reason: "\(r.code.rawValue): \(r.message)")
                }
            }
        }
    }
}
