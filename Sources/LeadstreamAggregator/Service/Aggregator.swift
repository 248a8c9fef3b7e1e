//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamAccess
import LeadstreamCore
import LeadstreamPartitions
import LeadstreamWire
import Logging
import ServiceLifecycle
import Synchronization
import ZeroMQ

/// The aggregator (`leadstream aggregator`, or part of `leadstream run`):
/// merges the workers' partials in sequence order, exactly once, replays gaps
/// from the gateway, answers queries, publishes live topics and checkpoints.
///
/// Two threads, each owning its sockets: the merge thread (`AggregatorLoop`)
/// holds the state, and the query thread (`QueryServer`) answers from a
/// copy of it the merge thread posts when a waiting query needs it
/// (`StateBoard`), so neither waits for the other and nothing but the
/// hand-over is locked.
public final class Aggregator: Service, Sendable {
    public struct Configuration: Sendable {
        /// Bound: PULL of the workers' partials.
        public var partials = DefaultEndpoints.partials
        /// Connected: the gateway's ROUTER (`head`, `replay`).
        public var gateway = DefaultEndpoints.ingest
        /// Bound: ROUTER for `report` and `snapshot`.
        public var query = DefaultEndpoints.query
        /// Bound: PUB of live topics.
        public var publish = DefaultEndpoints.publish
        /// Where the checkpoint lives.
        public var checkpointPath = "./leadstream-data/aggregator.checkpoint"
        public var publishInterval: Duration = .milliseconds(50)
        /// How long the loop builds topics at least before it serves partials and queries again
        /// (as long as it just spent merging, if longer).
        public var publishSlice: Duration = .milliseconds(1)
        public var gapTimeout: Duration = .milliseconds(500)
        public var checkpointInterval: Duration = .seconds(5)
        /// How long a query waits for the acknowledged events to be merged.
        public var queryWait: Duration = .seconds(30)
        public var replayChunk: UInt64 = 10_000
        /// Messages the PUB queues per subscriber; past it libzmq drops them and the subscriber resyncs.
        public var publishHighWaterMark = 100_000
        /// Who may query and subscribe (viewer and operator tokens, SPEC §10).
        public var access = AccessControl.open
        /// CURVE: the bound endpoints as servers (ZAP domains `partials`, `query`, `publish`), the gateway link as client.
        public var curve: CurveSetup?
        /// Sent with `head` and `replay` when the gateway checks tokens and the link has no CURVE key:
        /// an operator token of the gateway's store.
        public var gatewayToken: String?
        /// Also bound: `inproc://` names of the query ROUTER and the PUB, for a client in the same
        /// process (`leadstream run`'s web face), which needs no CURVE there.
        public var inProcess: (query: String, publish: String)?
        /// Serves `corrupt` (tests only: it damages the state on purpose, so `validate` can be proved).
        public var unsafeTestHooks = false
        /// This aggregator's partition of a partitioned deployment (`nil`: it holds every account); answers
        /// `partitions` and refuses a report of another partition's account (`wrong_partition`).
        public var placement: PartitionPlacement?

        public init() {}
    }

    public let configuration: Configuration
    private let context: ZMQContext
    private let logger: Logger
    private let stopping = Atomic<Bool>(false)

    public init(configuration: Configuration, context: ZMQContext, logger: Logger) {
        self.configuration = configuration
        self.context = context
        self.logger = logger
    }

    public func stop() { stopping.store(true, ordering: .releasing) }

    public func run() async throws {
        let board = StateBoard()
        let link = BoardLink.endpoint()
        // The query thread binds the query endpoints at once; its reports wait for the merge thread's first post.
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                try await runOnDedicatedThread(named: "leadstream-aggregator", stop: self.stop) { [self] in
                    try runMerging(board, link)
                }
            }
            group.addTask {
                try await runOnDedicatedThread(named: "leadstream-queries", stop: self.stop) { [self] in
                    try runQueries(board, link)
                }
            }
        }
    }

    private func runMerging(_ board: StateBoard, _ link: String) throws {
        let checkpoint = Checkpoint(path: configuration.checkpointPath)
        let state = CheckpointRecovery(checkpoint: checkpoint, logger: logger).startingState()
        var loop = try AggregatorLoop(
            configuration: configuration, context: context, logger: logger, state: state, checkpoint: checkpoint,
            board: board, boardLink: link)
        let outcome = Result { try loop.serve(stopping: stopping) }
        loop.close()
        stop()  // the query thread goes too
        try outcome.get()
    }

    private func runQueries(_ board: StateBoard, _ link: String) throws {
        var server = try QueryServer(
            configuration: configuration, context: context, logger: logger, board: board, link: link)
        let outcome = Result { try server.serve(stopping: stopping) }
        server.close()
        stop()
        try outcome.get()
    }
}
