//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import LeadstreamGateway
import LeadstreamJournal
import Synchronization

final class MemoryJournal: EventJournal, Sendable {
    private struct State {
        var blocks: [StoredBlock] = []
        var appends = 0
        var failing = false
        var full = false
        var held: [CheckedContinuation<Void, Never>]? = nil
        var last: UInt64 { blocks.last?.last ?? 0 }
    }
    private let state = Mutex(State())

    var blocks: [StoredBlock] { state.withLock { $0.blocks } }
    /// The journaled events' ids, in sequence order.
    var eventIDs: [String] { blocks.flatMap { RecordBlock($0.body)?.eventIDs ?? ["<not a block>"] } }
    var appendCount: Int { state.withLock { $0.appends } }

    /// Appends waiting for `release()`.
    var heldAppends: Int { state.withLock { $0.held?.count ?? 0 } }

    func hold() { state.withLock { $0.held = [] } }
    func release() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            defer { s.held = nil }
            return s.held ?? []
        }
        for w in waiters { w.resume() }
    }
    func fail() { state.withLock { $0.failing = true } }
    /// Appends throw `JournalError.full` (committing nothing) until `free()`.
    func fill() { state.withLock { $0.full = true } }
    func free() { state.withLock { $0.full = false } }

    func append(_ blocks: [JournalBlock]) async throws -> ClosedRange<UInt64>? {
        await withCheckedContinuation { c in
            let wait = state.withLock { s -> Bool in
                guard s.held != nil else { return false }
                s.held!.append(c)
                return true
            }
            if !wait { c.resume() }
        }
        return try state.withLock { s throws -> ClosedRange<UInt64>? in
            if s.failing { throw Failed() }
            if s.full { throw JournalError.full("no space left on device (test)") }
            s.appends += 1
            let first = s.last + 1
            for b in blocks where b.events > 0 {
                s.blocks.append(StoredBlock(first: s.last + 1, last: s.last + UInt64(b.events), body: b.body))
            }
            return s.last >= first ? first...s.last : nil
        }
    }

    func read(from: UInt64, through: UInt64, limit: Int) async throws -> [StoredBlock] {
        state.withLock { s in
            var out: [StoredBlock] = []
            var n = 0
            for b in s.blocks where b.last >= from && b.first <= through && n < limit {
                out.append(b)
                n += b.events
            }
            return out
        }
    }

    func lastSequence() async throws -> UInt64 { state.withLock { $0.last } }

    struct Failed: Error {}
}
