//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import HummingbirdTLS
import LeadstreamAccess
import LeadstreamCore
import LeadstreamGateway
import LeadstreamHTTP
import LeadstreamJournal
import LeadstreamPartitions
import Logging
import Prometheus
import ServiceLifecycle
import ZeroMQ

/// The capture gateway's parts, put together the same way by `gateway` and `run`.
struct GatewayAssembly {
    let journal: Journal
    let forwarder: ChangeForwarder
    let server: ZeroMQIngestServer
    let web: any Service
    let checkpoints: GatewayCheckpointWriter

    /// How often the gateway's checkpoint is saved when events arrived (and always at shutdown): a start replays
    /// at most this much of the journal after a crash, and each save costs an encode of the whole registry.
    static let checkpointInterval: Duration = .seconds(30)

    /// - Parameters:
    ///   - access: who may ingest (ingest tokens) and read the journal (component and operator keys or tokens).
    ///   - curve: CURVE on the ingest ROUTER and the forward PUSH (ZAP domains `ingest`, `forward`).
    ///   - inProcess: another endpoint the ROUTER binds, for `run`'s own aggregator.
    ///   - routes: more routes on the HTTP port (`run`'s web face).
    init(
        ingest: String, http: String, forward: String, data: String, durability: String, context: ZMQContext,
        prometheus: PrometheusCollectorRegistry, logger: Logger, access: AccessControl = .open,
        curve: CurveSetup? = nil, tls: TLSConfiguration? = nil, inProcess: String? = nil, routes: [any HTTPRoutes] = [],
        placement: PartitionPlacement? = nil
    ) async throws {
        let (host, port) = try HostPort.parse(http)
        guard let level = JournalConfiguration.Durability(rawValue: durability) else {
            throw UsageError(.invalidValue, "--durability must be full or normal")
        }
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        journal = try Journal(
            path: (data as NSString).appendingPathComponent("journal.sqlite"),
            configuration: JournalConfiguration(durability: level))
        let store = JournalStore(journal)
        forwarder = try ChangeForwarder(
            endpoint: forward, context: context, logger: logger,
            security: curve.server(ZAPDomain.forward, binding: forward))
        let ingestor = try await Ingestor(
            journal: store, configuration: .init(placement: placement), sink: forwarder,
            checkpoint: GatewayCheckpoint(path: (data as NSString).appendingPathComponent("gateway.checkpoint")),
            logger: logger)
        let journal = self.journal
        checkpoints = GatewayCheckpointWriter(
            GatewayCheckpoint(path: (data as NSString).appendingPathComponent("gateway.checkpoint")),
            ingestor: ingestor, durable: { journal.lastSequence }, logger: logger)
        checkpoints.start(every: Self.checkpointInterval)
        server = try ZeroMQIngestServer(
            configuration: .init(
                endpoint: ingest, access: access, security: curve.server(ZAPDomain.ingest),
                extraEndpoints: inProcess.map { [$0] } ?? [], placement: placement),
            context: context, ingestor: ingestor, journal: store, logger: logger,
            eraser: GatewayErasure(
                ingestor: ingestor, journal: journal, checkpoints: checkpoints, data: data, logger: logger))
        web = try HTTPServer.buildApplication(
            configuration: .init(host: host, port: port, access: access, tls: tls), ingest: ingestor,
            registry: prometheus, logger: logger, routes: routes)
    }

    /// After the services stopped: the last checkpoint saved, no more forwarding, the journal closed.
    func close() throws {
        checkpoints.stopAndSave()
        forwarder.close()
        try journal.close()
    }
}
