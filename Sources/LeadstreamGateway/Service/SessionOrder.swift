//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Synchronization

/// Guarantees that a client's batches are applied in its order, across
/// lost messages, retries and gateway restarts.
///
/// A client tags each batch with its session and the lowest batch it has not
/// seen acknowledged (`ordering` frame, docs/protocol.md). Batch `k` is
/// admitted only if every batch from that lowest one up to `k − 1` was
/// admitted by this process: a later batch that overtakes a lost earlier one
/// (libzmq can deliver a dead connection's queue after reconnecting) is
/// refused as `out_of_order`, and the client resends everything outstanding in
/// order. Per session only the contiguous admitted span is kept, with the
/// ingestor's generation it was admitted in: a roll-back after a full disk
/// (`Ingestor`) undoes admissions, so a span of an older generation vouches
/// for nothing and the client must resend from its lowest unacknowledged batch.
final class SessionOrder: Sendable {
    private struct Span {
        var first: UInt64
        var last: UInt64
        var touched: UInt64
        var generation: Int
    }
    private struct State {
        var sessions: [UInt64: Span] = [:]
        var clock: UInt64 = 0
    }
    private let state = Mutex(State())
    private let maxSessions: Int

    init(maxSessions: Int = 10_000) { self.maxSessions = maxSessions }

    /// Whether batch `index` of `session` may be applied now, given that the
    /// client had not seen `lowestUnacknowledged` (≤ `index`) acknowledged.
    func mayAdmit(session: UInt64, index: UInt64, lowestUnacknowledged low: UInt64, generation: Int = 0) -> Bool {
        state.withLock { s in
            // Nothing owed before it, or everything owed (low ..< index) inside the span this process admitted.
            guard index != low else { return true }
            guard let span = s.sessions[session], span.generation == generation else { return false }
            return low >= span.first && index - 1 <= span.last
        }
    }

    /// Records that batch `index` of `session` was applied.
    func admitted(session: UInt64, index: UInt64, generation: Int = 0) {
        state.withLock { s in
            s.clock += 1
            if var span = s.sessions[session], span.generation == generation, index >= span.first,
                index <= span.last + 1
            {
                span.last = max(span.last, index)
                span.touched = s.clock
                s.sessions[session] = span
            } else {
                s.sessions[session] = Span(first: index, last: index, touched: s.clock, generation: generation)
            }
            if s.sessions.count > maxSessions, let oldest = s.sessions.min(by: { $0.value.touched < $1.value.touched }) {
                s.sessions.removeValue(forKey: oldest.key)
            }
        }
    }
}
