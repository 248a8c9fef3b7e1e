//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamClients
import LeadstreamAccess
import LeadstreamCore
import LeadstreamLive
import Metrics
import Synchronization

/// The web face's copy of the live topics and its open streams.
///
/// One subscriber (the Clone pattern, `LeadstreamLive.Subscriber`) feeds
/// `receive` with every topic's latest message; each `GET /v1/live` stream
/// registers here and is woken when a topic it carries changes. A stream
/// holds no queue, only the set of its topics changed since it last wrote
/// (`drain` hands it their latest messages), so a slow reader costs at most
/// one entry per topic and skips versions instead of piling them up.
///
/// Coordinators' and advisors' `exec/`/`dash/` topics are their own views
/// (`ScopedView`): a change of the account-wide topic marks the view stale,
/// the refresher (`WebFace`) asks the aggregator for it with a token of that
/// viewer, and `storeView` passes it on only when it changed. Views are
/// shared by every stream of the same viewer and dropped with its last one.
final class LiveHub: Sendable {
    struct ScopedView: Sendable {
        /// The compact body without `as_of`: a new message only when it differs.
        var figures: String
        var message: LiveMessage
    }

    /// A view to fetch again: the viewer, its topic, the version of the change that caused it, a token to ask with.
    struct StaleView: Sendable {
        var viewer: Viewer
        var topic: String
        var version: Int
        var token: String?
    }

    private struct Stream {
        var scope: StreamScope
        var token: String?
        var pending: Set<String> = []
        let signal: WakeSignal
        var closed: String?
    }

    private struct State {
        /// account → topic → latest message.
        var latest: [String: [String: LiveMessage]] = [:]
        var streams: [Int: Stream] = [:]
        /// account → its streams' ids: a topic's message wakes only its own account's streams, not every one.
        var byAccount: [String: Set<Int>] = [:]
        var views: [Viewer: [String: ScopedView]] = [:]
        var stale: [Viewer: [String: Int]] = [:]
        var nextID = 0
        var stopped = false
    }

    private let state = Mutex(State())
    /// Fired when a view became stale.
    let refresh = WakeSignal()
    private let openStreams = Gauge(label: "leadstream_web_live_streams")
    private let sent = Counter(label: "leadstream_web_live_messages_total")

    // MARK: - The feed

    /// A topic's new latest message, from the subscriber's thread.
    func receive(_ message: LiveMessage) {
        guard let topic = LiveTopic(name: message.topic) else { return }
        var wake: [WakeSignal] = []
        var stale = false
        state.withLock { s in
            // A correction (a repair: the same version, naming itself as the previous one) replaces what is held.
            let isCorrection = message.previousVersion == message.version
            if let known = s.latest[topic.account]?[message.topic],
                known.version > message.version || (known.version == message.version && !isCorrection)
            {
                return
            }
            s.latest[topic.account, default: [:]][message.topic] = message
            for id in s.byAccount[topic.account] ?? [] {
                let stream = s.streams[id]!
                if stream.scope.sendsDirectly(message.topic) {
                    s.streams[id]!.pending.insert(message.topic)
                    wake.append(stream.signal)
                } else if let viewer = stream.scope.view, stream.scope.sendsAsView(message.topic) {
                    s.stale[viewer, default: [:]][message.topic] = message.version
                    stale = true
                }
            }
        }
        for signal in wake { signal.fire() }
        if stale { refresh.fire() }
    }

    var isStopped: Bool { state.withLock { $0.stopped } }

    /// The accounts with topics, for open mode's account picker.
    func accounts() -> [String] { state.withLock { $0.latest.keys.sorted() } }

    // MARK: - Streams

    /// Registers a stream; it starts with every topic of its scope whose version is at least `from`.
    /// Returns `nil` once the hub has stopped.
    func open(_ scope: StreamScope, token: String?, from: Int) -> (id: Int, signal: WakeSignal)? {
        let signal = WakeSignal()
        var stale = false
        let opened: (id: Int, count: Int)? = state.withLock { s in
            guard !s.stopped else { return nil }
            let id = s.nextID
            s.nextID += 1
            var stream = Stream(scope: scope, token: token, signal: signal)
            for (topic, message) in s.latest[scope.account] ?? [:] where message.version >= from {
                if scope.sendsDirectly(topic) { stream.pending.insert(topic) }
            }
            if let viewer = scope.view {
                let views = s.views[viewer] ?? [:]
                for (topic, message) in s.latest[scope.account] ?? [:] where scope.sendsAsView(topic) {
                    if let view = views[topic] {
                        if view.message.version >= from { stream.pending.insert(topic) }
                    } else {
                        s.stale[viewer, default: [:]][topic] = message.version
                        stale = true
                    }
                }
            }
            s.streams[id] = stream
            s.byAccount[scope.account, default: []].insert(id)
            return (id, s.streams.count)
        }
        guard let (id, count) = opened else { return nil }
        openStreams.record(count)
        signal.fire()
        if stale { refresh.fire() }
        return (id, signal)
    }

    /// The latest message of each topic changed since the last call, in version order; `nil` once
    /// the stream is closed (with the reason, for its last event).
    func drain(_ id: Int) -> Result<[LiveMessage], StreamClosed> {
        let result: Result<[LiveMessage], StreamClosed> = state.withLock { s in
            guard let stream = s.streams[id] else { return .failure(StreamClosed(reason: "stopped")) }
            if let reason = stream.closed { return .failure(StreamClosed(reason: reason)) }
            guard !stream.pending.isEmpty else { return .success([]) }
            s.streams[id]!.pending.removeAll()
            let views = stream.scope.view.flatMap { s.views[$0] } ?? [:]
            let messages = stream.pending.compactMap { topic in
                stream.scope.sendsDirectly(topic) ? s.latest[stream.scope.account]?[topic] : views[topic]?.message
            }
            return .success(messages.sorted { ($0.version, $0.topic) < ($1.version, $1.topic) })
        }
        if case .success(let messages) = result, !messages.isEmpty { sent.increment(by: messages.count) }
        return result
    }

    /// Forgets a stream (its reader left or it was closed); a viewer's views go with its last stream.
    func close(_ id: Int) {
        let left = state.withLock { s -> Int? in
            guard let stream = s.streams.removeValue(forKey: id) else { return nil }
            s.byAccount[stream.scope.account]?.remove(id)
            if s.byAccount[stream.scope.account]?.isEmpty == true { s.byAccount[stream.scope.account] = nil }
            if let viewer = stream.scope.view, !s.streams.values.contains(where: { $0.scope.view == viewer }) {
                s.views[viewer] = nil
                s.stale[viewer] = nil
            }
            return s.streams.count
        }
        if let left { openStreams.record(left) }
    }

    /// Ends the streams that `token` opened, e.g. when it was revoked; their readers get `reason`.
    func closeStreams(token: String, reason: String) {
        let signals = state.withLock { s in
            s.streams.filter { $0.value.token == token && $0.value.closed == nil }.map { id, stream in
                s.streams[id]!.closed = reason
                return stream.signal
            }
        }
        for signal in signals { signal.fire() }
    }

    /// The distinct tokens of the open streams, to check again.
    func streamTokens() -> Set<String> {
        state.withLock { Set($0.streams.values.compactMap { $0.closed == nil ? $0.token : nil }) }
    }

    /// Ends every stream (graceful shutdown), so no response is left open; later `open`s get `nil`.
    func stop() {
        let signals = state.withLock { s in
            s.stopped = true
            for id in s.streams.keys { s.streams[id]!.closed = "the server is shutting down" }
            return s.streams.values.map(\.signal)
        }
        for signal in signals { signal.fire() }
        refresh.fire()
    }

    // MARK: - Scoped views

    /// The stale views, each with a token of one of its viewer's streams; they are no longer stale.
    func takeStale() -> [StaleView] {
        state.withLock { s in
            var out: [StaleView] = []
            for (viewer, topics) in s.stale {
                let token = s.streams.values.first { $0.scope.view == viewer && $0.closed == nil }?.token
                for (topic, version) in topics { out.append(StaleView(viewer: viewer, topic: topic, version: version, token: token)) }
            }
            s.stale.removeAll()
            return out
        }
    }

    /// A view's fresh body (compact JSON, `as_of` included): kept and sent only when its figures changed.
    func storeView(_ stale: StaleView, body: String) {
        let figures = ScopedMessage.withoutAsOf(body)
        let signals: [WakeSignal] = state.withLock { s in
            // Its last stream may have gone while the aggregator answered.
            guard s.streams.values.contains(where: { $0.scope.view == stale.viewer }) else { return [] }
            let previous = s.views[stale.viewer]?[stale.topic]
            // The same version with other figures is a correction, sent as one (previous version = its own).
            guard previous?.figures != figures, stale.version >= (previous?.message.version ?? 1) else { return [] }
            let message = ScopedMessage.make(
                topic: stale.topic, version: stale.version, previousVersion: previous?.message.version ?? 0, body: body)
            s.views[stale.viewer, default: [:]][stale.topic] = ScopedView(figures: figures, message: message)
            var signals: [WakeSignal] = []
            for (id, stream) in s.streams where stream.scope.view == stale.viewer && stream.scope.sendsAsView(stale.topic) {
                s.streams[id]!.pending.insert(stale.topic)
                signals.append(stream.signal)
            }
            return signals
        }
        for signal in signals { signal.fire() }
    }
}

/// Why a stream ended.
struct StreamClosed: Error {
    var reason: String
}
