//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Dispatch
import Foundation
import LeadstreamCore
import LeadstreamWire
import Synchronization
import ZeroMQ

/// A subscriber on its own thread: for every live result it records when it
/// arrived and the `as_of.seq` it carries, and it keeps the last message of
/// each `exec/` topic for the final check.
///
/// It runs on a thread of its own, not the cooperative pool, because it blocks
/// in `zmq_poll`, and receive times must not wait for a busy pool.
final class PublishRecorder: Sendable {
    struct State: Sendable {
        var observations: [PublishLatency.Observation] = []
        /// The highest `as_of.seq` seen per account.
        var maxPerAccount: [String: UInt64] = [:]
        /// Each `exec/` topic's last message's JSON.
        var lastExec: [LiveTopic: [UInt8]] = [:]
        /// Messages per account, from the topics (the busiest account is the one the queries ask about).
        var messagesPerAccount: [String: Int] = [:]
        /// Topics seen: report → account → period ids.
        var periods: [ReportRequest.Kind: [String: Set<String>]] = [:]
        var malformed = 0
        var failure: String?
    }

    let state = Mutex(State())
    private let stopping = Atomic(false)
    private let finished = DispatchSemaphore(value: 0)
    private let ready = DispatchSemaphore(value: 0)
    private let origin: ContinuousClock.Instant

    /// Connects and subscribes to everything before returning, so no message
    /// published after that is missed (beyond PUB's own slow-joiner window,
    /// which `join` covers by waiting a moment).
    init(
        context: ZMQContext, endpoint: String, origin: ContinuousClock.Instant, token: String? = nil,
        security: SocketSecurity = .none
    ) {
        self.origin = origin
        let thread = Thread { [self] in self.run(context: context, endpoint: endpoint, token: token, security: security) }
        thread.name = "load-subscriber"
        thread.start()
        ready.wait()
    }

    private func run(context: ZMQContext, endpoint: String, token: String?, security: SocketSecurity) {
        defer { finished.signal() }
        let socket: Socket
        do {
            socket = try Socket(context, type: .xsub)
        } catch {
            state.withLock { $0.failure = "subscriber: \(error)" }
            ready.signal()
            return
        }
        do {
            try socket.set(.linger, 0)
            try socket.set(.receiveHighWaterMark, 1_000_000)
            try socket.secure(security)
            try socket.connect(endpoint)
            // The publisher admits subscriptions for the token's viewer (docs/security.md).
            try socket.send(WireFrames.Subscription(prefix: "", token: token).bytes)
            ready.signal()
            while !stopping.load(ordering: .acquiring) {
                guard try Poller.wait(for: .pollIn, on: socket, timeout: .milliseconds(50)).contains(.pollIn) else {
                    continue
                }
                while let frames = try socket.receiveMultipart(dontWait: true) {
                    record(frames, at: ContinuousClock.now)
                }
            }
        } catch {
            state.withLock { $0.failure = "subscriber: \(error)" }
            ready.signal()
        }
        socket.close()
    }

    private func record(_ frames: [[UInt8]], at instant: ContinuousClock.Instant) {
        let at = Nanoseconds.between(origin, instant)
        guard frames.count == 2, let seq = AsOf.sequence(in: frames[1]) else {
            state.withLock { $0.malformed += 1 }
            return
        }
        guard let topic = LiveTopic(name: String(decoding: frames[0], as: UTF8.self)) else {
            state.withLock { $0.malformed += 1 }
            return
        }
        state.withLock { s in
            s.observations.append(.init(receivedAt: at, account: topic.account, sequence: seq))
            s.maxPerAccount[topic.account] = max(s.maxPerAccount[topic.account] ?? 0, seq)
            s.messagesPerAccount[topic.account, default: 0] += 1
            if s.periods[topic.kind]?[topic.account]?.contains(topic.period) != true {
                s.periods[topic.kind, default: [:]][topic.account, default: []].insert(topic.period)
            }
            if topic.kind == .executive { s.lastExec[topic] = frames[1] }
        }
    }

    /// When the last message came.
    var progress: (sequence: UInt64, lastAt: UInt64?) {
        state.withLock { s in (s.maxPerAccount.values.max() ?? 0, s.observations.last?.receivedAt) }
    }

    func stop() {
        stopping.store(true, ordering: .releasing)
        finished.wait()
    }
}

/// Nanoseconds on the monotonic clock, from one origin, so that every thread's times compare.
enum Nanoseconds {
    static func between(_ origin: ContinuousClock.Instant, _ instant: ContinuousClock.Instant) -> UInt64 {
        let (s, atto) = (instant - origin).components
        return s < 0 ? 0 : UInt64(s) * 1_000_000_000 + UInt64(atto / 1_000_000_000)
    }
}
