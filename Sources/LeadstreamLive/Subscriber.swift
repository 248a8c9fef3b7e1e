//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamClients
import LeadstreamWire
import Logging
import ZeroMQ

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Follows an aggregator's live topics under a prefix with the zguide's Clone pattern
/// (docs/cluster.md, "The subscriber"), for `leadstream subscribe`.
///
/// It subscribes first, then asks for the snapshot, so nothing published in between is lost;
/// what the snapshot already covered is dropped by version. A published message whose
/// `previous_version` is not the version last emitted (PUB drops messages past a slow subscriber's high-water mark) is emitted and
/// triggers a fresh snapshot; a second of silence does too, because a dropped *last* message
/// leaves no later gap to notice.
///
/// Guarantee: per topic, the versions handed to `emit` strictly increase.
///
/// ```swift
/// let subscriber = Subscriber(configuration: .init(prefix: "exec/acme/"), context: context, logger: logger)
/// let summary = try subscriber.run { message in print(message.json) }
/// ```
///
/// `run` blocks its thread; `context.shutdown()` (from any thread) makes it return.
public struct Subscriber: Sendable {
    public struct Configuration: Sendable {
        /// The aggregator's PUB (`--publish`).
        public var publish: String
        /// The aggregator's query ROUTER (`--query`), asked for snapshots.
        public var query: String
        /// Topic prefix; empty follows every topic.
        public var prefix: String
        /// ZMQ_RCVHWM of the SUB socket; nil keeps libzmq's default (1000).
        public var receiveHighWaterMark: Int32?
        /// Sleep after each published message: an artificially slow reader, for tests.
        public var slowdown: Duration?
        /// Stop after this much silence (after one last snapshot); nil runs until shut down.
        public var exitAfterIdle: Duration?
        /// Fetch the snapshot again after this much silence (docs/cluster.md: one second).
        public var refetchAfterSilence: Duration
        /// How long one snapshot request may take.
        public var snapshotTimeout: Duration
        /// A viewer token (`--access tokens`): sent with the subscription and each snapshot request.
        public var token: String?
        /// CURVE on both links (a viewer's key may stand for its token: SPEC §10).
        public var security: SocketSecurity
        /// Asked at least every 250 ms: `true` ends the run (a service's graceful shutdown, when the
        /// context is shared and cannot be shut down for one subscriber).
        public var shouldStop: @Sendable () -> Bool = { false }

        public init(
            publish: String = DefaultEndpoints.publish, query: String = DefaultEndpoints.query, prefix: String = "",
            receiveHighWaterMark: Int32? = nil, slowdown: Duration? = nil, exitAfterIdle: Duration? = nil,
            refetchAfterSilence: Duration = .seconds(1), snapshotTimeout: Duration = .seconds(5),
            token: String? = nil, security: SocketSecurity = .none
        ) {
            self.token = token
            self.security = security
            self.publish = publish
            self.query = query
            self.prefix = prefix
            self.receiveHighWaterMark = receiveHighWaterMark
            self.slowdown = slowdown
            self.exitAfterIdle = exitAfterIdle
            self.refetchAfterSilence = refetchAfterSilence
            self.snapshotTimeout = snapshotTimeout
        }
    }

    /// What one run saw, for tests and the command's last log line.
    public struct Summary: Hashable, Sendable {
        /// Published messages received (emitted, dropped or unreadable).
        public var received = 0
        /// Messages handed to `emit`, from the stream and from snapshots.
        public var emitted = 0
        /// Published messages dropped as not newer than what was emitted.
        public var dropped = 0
        /// Broken `previous_version` links noticed, each followed by a snapshot.
        public var resyncs = 0
        /// Snapshots fetched (the first, after each resync, after silence).
        public var snapshots = 0
        /// Snapshot requests that failed (timed out, refused, malformed); retried after silence.
        public var snapshotFailures = 0

        public init() {}
    }

    public let configuration: Configuration
    public let context: ZMQContext
    public let logger: Logger

    public init(configuration: Configuration, context: ZMQContext, logger: Logger) {
        self.configuration = configuration
        self.context = context
        self.logger = logger
    }

    /// Follows the topics until `exitAfterIdle` of silence or until `context` is shut down.
    ///
    /// - Parameter emit: called on this thread, in order, for each message to show.
    /// - Throws: `ZMQError` for a malformed endpoint or a socket failure (not for shutdown).
    @discardableResult
    public func run(_ emit: (LiveMessage) -> Void) throws -> Summary {
        try withoutActuallyEscaping(emit) { emit in try run(state: RunState(emit: emit)) }
    }

    private func run(state: consuming RunState) throws -> Summary {
        var state = state
        do {
            // XSUB: the subscription is a message the publisher admits (or not) for this viewer;
            // libzmq sends it again on every reconnect.
            let sub = try Socket(context, type: .xsub)
            try sub.set(.linger, 0)
            if let mark = configuration.receiveHighWaterMark { try sub.set(.receiveHighWaterMark, mark) }
            try sub.secure(configuration.security)
            try sub.connect(configuration.publish)
            try sub.send(WireFrames.Subscription(prefix: configuration.prefix, token: configuration.token).bytes)
            var snapshots = try SnapshotClient(
                endpoint: configuration.query, context: context, timeout: configuration.snapshotTimeout,
                token: configuration.token, security: configuration.security)
            try fetch(&snapshots, &state, reason: "start")
            try follow(sub, &snapshots, &state)
        } catch ZMQError.terminated {
            // Shut down from outside: a normal end.
        }
        logger.debug("subscriber stopped", metadata: state.summary.metadata)
        return state.summary
    }

    // MARK: - The loop

    private func follow(_ sub: borrowing Socket, _ snapshots: inout SnapshotClient, _ state: inout RunState) throws {
        let clock = ContinuousClock()
        var lastHeard = clock.now
        var lastFetch = clock.now
        while !configuration.shouldStop() {
            let now = clock.now
            if let idle = configuration.exitAfterIdle, now - lastHeard >= idle {
                // Never stop on a stale view: fetch once more unless that was done since the last message.
                if lastFetch <= lastHeard { try fetch(&snapshots, &state, reason: "exit") }
                return
            }
            let silentSince = max(lastHeard, lastFetch)
            if now - silentSince >= configuration.refetchAfterSilence {
                try fetch(&snapshots, &state, reason: "silence")
                lastFetch = clock.now
                continue
            }
            var wait = configuration.refetchAfterSilence - (now - silentSince)
            if let idle = configuration.exitAfterIdle { wait = min(wait, idle - (now - lastHeard)) }
            wait = min(wait, .milliseconds(250))
            guard !(try Poller.wait(for: .pollIn, on: sub, timeout: wait)).isEmpty,
                let frames = try sub.receiveMultipart(dontWait: true)
            else { continue }
            lastHeard = clock.now
            state.summary.received += 1
            if try handle(frames, &snapshots, &state) { lastFetch = clock.now }
            if let slowdown = configuration.slowdown { sleepBlocking(slowdown) }
        }
    }

    /// Applies one published `[topic, JSON]`; returns whether it led to a snapshot.
    private func handle(_ frames: [[UInt8]], _ snapshots: inout SnapshotClient, _ state: inout RunState) throws -> Bool {
        guard frames.count == 2, let message = try? LiveMessage(bytes: frames[1]) else {
            logger.debug("ignored a message that is not [topic, JSON]", metadata: ["frames": "\(frames.count)"])
            return false
        }
        switch state.table.accept(published: message) {
        case .drop:
            state.summary.dropped += 1
            return false
        case .emit:
            state.emit(message)
            return false
        case .emitAndResync(let known):
            state.emit(message)
            state.summary.resyncs += 1
            logger.info(
                "resync",
                metadata: [
                    "topic": "\(message.topic)", "version": "\(message.version)",
                    "previous_version": "\(message.previousVersion)", "known": "\(known)",
                ])
            try fetch(&snapshots, &state, reason: "resync")
            return true
        }
    }

    /// Fetches the snapshot and emits what is newer than what was emitted. A failed request is
    /// logged and left to the next silence; a refused token (`SnapshotError.denied`: revoked,
    /// expired, out of scope) and a shut-down context end the run.
    private func fetch(_ snapshots: inout SnapshotClient, _ state: inout RunState, reason: String) throws {
        do {
            let lines = try snapshots.snapshot(prefix: configuration.prefix)
            state.summary.snapshots += 1
            let newer = state.table.accept(snapshot: lines)
            for message in newer { state.emit(message) }
            if reason == "silence" || reason == "exit", !newer.isEmpty {
                // Newer figures after a silence: the stream lost a topic's last messages, which no
                // later message of that topic could show as a gap. That loss is a resync, too.
                state.summary.resyncs += 1
                logger.info("resync", metadata: ["reason": "\(reason)", "newer": "\(newer.count)"])
            }
            logger.debug(
                "snapshot", metadata: ["reason": "\(reason)", "topics": "\(lines.count)", "newer": "\(newer.count)"])
        } catch SnapshotError.denied(let code, let message) {
            throw SnapshotError.denied(code: code, message: message)
        } catch let error as SnapshotError {
            state.summary.snapshotFailures += 1
            logger.info("snapshot failed", metadata: ["reason": "\(reason)", "error": "\(error)"])
        }
    }
}

/// One run's mutable state, passed `inout` through the loop's helpers.
private struct RunState {
    let sink: (LiveMessage) -> Void
    var table = VersionTable()
    var summary = Subscriber.Summary()

    init(emit: @escaping (LiveMessage) -> Void) { self.sink = emit }

    mutating func emit(_ message: LiveMessage) {
        summary.emitted += 1
        sink(message)
    }
}

extension Subscriber.Summary {
    var metadata: Logger.Metadata {
        [
            "received": "\(received)", "emitted": "\(emitted)", "dropped": "\(dropped)", "resyncs": "\(resyncs)",
            "snapshots": "\(snapshots)", "snapshot.failures": "\(snapshotFailures)",
        ]
    }
}

/// Blocks the calling thread (the subscriber owns its thread; this is no cooperative-pool task).
private func sleepBlocking(_ duration: Duration) {
    let (seconds, attoseconds) = duration.components
    var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
    var remaining = timespec()
    while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
}
