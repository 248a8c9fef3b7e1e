//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamClients
import LeadstreamWire
import Synchronization
import ZeroMQ

/// The aggregator's two live endpoints, in-process on real TCP sockets: an XPUB publishing
/// `[topic, JSON]` and a ROUTER answering `snapshot` with the current table.
///
/// One thread owns both sockets; tests hand it work through `publish`. A message can be
/// recorded in the table without being sent, which is how a PUB high-water-mark drop looks to
/// a subscriber. XPUB (not PUB) so that `waitForSubscriber` can tell when a subscription arrived:
/// only then is "no gap" a fair expectation.
final class FakeAggregator: Sendable {
    private struct State {
        var table: [String: (version: Int, json: String)] = [:]
        /// The "merged sequence": every publish advances it, so a topic's versions jump.
        var sequence = 0
        var outbox: [(topic: String, json: String)] = []
        var subscriptions = 0
        var snapshotsServed = 0
        /// Messages sent on the XPUB so far.
        var sent = 0
        /// Snapshot requests received and not answered yet (held).
        var heldRequests = 0
        /// While set, snapshot requests wait (to let the stream overtake a snapshot reply).
        var holdSnapshots = false
        var stopping = false
    }

    private let state = Mutex(State())
    private let done = DispatchSemaphore(value: 0)
    private let endpoints = Mutex<(publish: String, query: String)>(("", ""))

    /// The XPUB's endpoint (`--publish`).
    var publishEndpoint: String { endpoints.withLock { $0.publish } }
    /// The ROUTER's endpoint (`--query`).
    var queryEndpoint: String { endpoints.withLock { $0.query } }

    /// Binds both sockets on ephemeral loopback ports and starts serving. `sendHighWaterMark`
    /// bounds the XPUB's queue per subscriber (libzmq's default is 1000), past which it drops.
    init(context: ZMQContext, sendHighWaterMark: Int32 = 1000) throws {
        let ready = DispatchSemaphore(value: 0)
        let failure = Mutex<(any Error)?>(nil)
        Thread { [self] in
            do {
                let pub = try Socket(context, type: .xpub)
                let router = try Socket(context, type: .router)
                try pub.set(.linger, 0)
                try pub.set(.sendHighWaterMark, sendHighWaterMark)
                try router.set(.linger, 0)
                try pub.bind("tcp://127.0.0.1:*")
                try router.bind("tcp://127.0.0.1:*")
                let bound = (try pub.lastEndpoint, try router.lastEndpoint)
                endpoints.withLock { $0 = bound }
                ready.signal()
                try serve(pub: pub, router: router)
            } catch {
                failure.withLock { $0 = error }
                ready.signal()
            }
            done.signal()
        }.start()
        ready.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Records the next message of `topic` with `body` (a JSON object's members, e.g. `"n":3`)
    /// and, when `deliver`, publishes it. Its version is the next value of a sequence shared by
    /// all topics (as the aggregator's merged sequence is); returns it.
    @discardableResult
    func publish(_ topic: String, body: String = #""n":0"#, deliver: Bool = true) -> Int {
        state.withLock { state in
            state.sequence += 1
            let version = state.sequence
            let previous = state.table[topic]?.version ?? 0
            let json = #"{"topic":"\#(topic)","version":\#(version),"previous_version":\#(previous),\#(body)}"#
            state.table[topic] = (version, json)
            if deliver { state.outbox.append((topic, json)) }
            return version
        }
    }

    var snapshotsServed: Int { state.withLock { $0.snapshotsServed } }
    /// Messages the serving thread has sent on the XPUB (a publish with `deliver` is sent on its next turn).
    var sent: Int { state.withLock { $0.sent } }
    /// Snapshot requests received but not answered (while `holdSnapshots(true)`).
    var heldRequests: Int { state.withLock { $0.heldRequests } }

    /// Holds snapshot requests unanswered until `holdSnapshots(false)`.
    func holdSnapshots(_ hold: Bool) { state.withLock { $0.holdSnapshots = hold } }

    /// Waits, in short sleeps, until `count` SUBs have subscribed.
    func waitForSubscriber(count: Int = 1, timeout: Duration = .seconds(5)) async throws {
        guard try await poll(timeout: timeout, until: { self.state.withLock({ $0.subscriptions }) >= count }) else {
            throw FakeError.noSubscriber
        }
    }

    /// Polls until `condition` holds of the fake; false after `timeout`.
    func wait(timeout: Duration = .seconds(10), until condition: (FakeAggregator) -> Bool) async throws -> Bool {
        try await poll(timeout: timeout) { condition(self) }
    }

    /// Stops the serving thread; its sockets are closed when it returns.
    func stop() {
        state.withLock { $0.stopping = true }
        done.wait()
    }

    enum FakeError: Error { case noSubscriber }

    // MARK: - The serving thread

    private func serve(pub: borrowing Socket, router: borrowing Socket) throws {
        var poller = Poller()
        poller.register(pub, for: .pollIn)
        poller.register(router, for: .pollIn)
        var held: [[[UInt8]]] = []
        while true {
            let (outbox, stopping) = state.withLock { s in
                defer { s.outbox = [] }
                return (s.outbox, s.stopping)
            }
            if stopping { return }
            for (topic, json) in outbox {
                try pub.sendMultipart([Array(topic.utf8), Array(json.utf8)])
                state.withLock { $0.sent += 1 }
            }
            let ready = try poller.poll(timeout: .milliseconds(2))
            // XPUB hands subscriptions up as [1, prefix…].
            if !ready[0].isEmpty, let frame = try pub.receive(dontWait: true), frame.first == 1 {
                state.withLock { $0.subscriptions += 1 }
            }
            if !ready[1].isEmpty, let frames = try router.receiveMultipart(dontWait: true) { held.append(frames) }
            // Read after the receive: a hold set before the request was sent must apply to it.
            let holding = state.withLock { s in
                s.heldRequests = held.count
                return s.holdSnapshots
            }
            guard !holding else { continue }
            for frames in held { try answer(frames, on: router) }
            held = []
            state.withLock { $0.heldRequests = 0 }
        }
    }

    /// Answers `[identity, "LS1", "snapshot", id, prefix]` with the table's lines under the prefix.
    private func answer(_ frames: [[UInt8]], on router: borrowing Socket) throws {
        guard frames.count == 5, let request = WireFrames.decode(frames[1...]), request.verb == .snapshot else {
            return
        }
        let prefix = String(decoding: request.body, as: UTF8.self)
        let body = state.withLock { s in
            s.snapshotsServed += 1
            return s.table.keys.sorted().filter { $0.hasPrefix(prefix) }.map { s.table[$0]!.json + "\n" }.joined()
        }
        try router.sendMultipart([frames[0]] + WireFrames.encode(.snapshot, id: request.id, body: Array(body.utf8)))
    }
}
