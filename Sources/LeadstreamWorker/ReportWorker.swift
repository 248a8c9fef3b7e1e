//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import LeadstreamWire
import Logging
import Metrics
import ServiceLifecycle
import Synchronization
import ZeroMQ

/// A stateless report worker (`leadstream worker`, or a thread of `leadstream run`):
/// PULLs the gateway's forwarded record blocks, turns each into signed partial
/// counts by interned cell, and PUSHes them with the block to the aggregator:
/// the counting is the one per-event step taken off the aggregator's thread.
///
/// It keeps nothing between batches, so any number of workers may come and go.
/// A batch it loses by dying is found missing by the aggregator and replayed.
public final class ReportWorker: Service, Sendable {
    public struct Configuration: Sendable {
        /// The gateway's `--forward` endpoint (connected).
        public var forward: String
        /// The aggregator's `--partials` endpoint (connected).
        public var partials: String
        public var name: String
        /// CURVE on both links (a `component` key: the gateway and aggregator admit nothing else there).
        public var security: SocketSecurity

        public init(
            forward: String = DefaultEndpoints.forward, partials: String = DefaultEndpoints.partials, name: String = "worker",
            security: SocketSecurity = .none
        ) {
            self.security = security
            self.forward = forward
            self.partials = partials
            self.name = name
        }
    }

    public let configuration: Configuration
    private let context: ZMQContext
    private let logger: Logger
    private let stopping = Atomic<Bool>(false)
    private let counted = Atomic<Int>(0)
    private let batchCounter = Counter(label: "leadstream_worker_batches_total")
    private let eventCounter = Counter(label: "leadstream_worker_events_total")

    public init(configuration: Configuration, context: ZMQContext, logger: Logger) {
        self.configuration = configuration
        self.context = context
        self.logger = logger
    }

    /// Batches counted so far.
    public var batches: Int { counted.load(ordering: .relaxed) }

    public func stop() { stopping.store(true, ordering: .releasing) }

    public func run() async throws {
        try await runOnDedicatedThread(named: "leadstream-\(configuration.name)", stop: stop) { [self] in try loop() }
    }

    private func loop() throws {
        let pull = try Socket(context, type: .pull)
        let push = try Socket(context, type: .push)
        let outcome = Result { () throws -> Void in try serve(pull, push) }
        pull.close()
        push.close()
        try outcome.get()
    }

    private func serve(_ pull: borrowing Socket, _ push: borrowing Socket) throws {
        try pull.set(.linger, 0)
        try push.set(.linger, 0)
        // A blocked send (aggregator away) wakes up to see a shutdown.
        try push.set(.sendTimeout, 100)
        try pull.secure(configuration.security)
        try push.secure(configuration.security)
        try pull.connect(configuration.forward)
        try push.connect(configuration.partials)
        logger.info(
            "worker running", metadata: ["forward": "\(configuration.forward)", "partials": "\(configuration.partials)"])
        while !stopping.load(ordering: .acquiring) {
            guard try Poller.wait(for: .pollIn, on: pull, timeout: .milliseconds(100)).contains(.pollIn) else { continue }
            while let frames = try pull.receiveMultipart(dontWait: true) {
                guard let request = WireFrames.decode(frames[...]), request.verb == .changes, request.id > 0,
                    let partial = Partial(counting: request.body, first: request.id)
                else {
                    logger.warning("malformed batch dropped", metadata: ["frames": "\(frames.count)"])
                    continue
                }
                let reply = WireFrames.encode(.partial, id: partial.sequences.lowerBound, body: partial.encoded)
                while try push.sendMultipart(reply) == .wouldBlock {
                    if stopping.load(ordering: .acquiring) { return }  // the aggregator replays what is lost
                }
                counted.add(1, ordering: .relaxed)
                batchCounter.increment()
                eventCounter.increment(by: partial.sequences.count)
            }
        }
        logger.info("worker stopped", metadata: ["batches": "\(batches)"])
    }
}
