//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamJournal
import Synchronization

/// Batches waiting for the journal, in registry order, and the rounds that
/// commit them together (group commit).
///
/// Every batch takes a ticket, even one with no accepted event: its
/// duplicates may point at events queued before it, so it must not be
/// acknowledged before they are durable.
struct CommitQueue: ~Copyable {
    private var pending: [(ticket: CommitTicket, block: JournalBlock?)] = []
    private(set) var queuedEvents = 0
    /// Nothing waits for the journal.
    var isEmpty: Bool { pending.isEmpty }

    /// Queues a batch's block of accepted events (`nil` when none was accepted); the block goes to the journal
    /// and downstream as it is.
    mutating func enqueue(_ block: JournalBlock?) -> CommitTicket {
        let ticket = CommitTicket()
        pending.append((ticket, block))
        queuedEvents += block?.events ?? 0
        return ticket
    }

    /// Everything queued so far, as one journal append.
    mutating func takeRound() -> Round? {
        guard !pending.isEmpty else { return nil }
        let taken = pending
        pending.removeAll(keepingCapacity: true)
        queuedEvents = 0
        return Round(parts: taken.map { ($0.ticket, $0.block?.events ?? 0) }, blocks: taken.compactMap(\.block))
    }

    /// One journal append and the tickets it answers.
    struct Round: Sendable {
        var parts: [(ticket: CommitTicket, count: Int)]
        /// In queue order; a batch with no accepted event has none.
        var blocks: [JournalBlock]

        var events: Int { blocks.reduce(0) { $0 + $1.events } }

        /// The blocks with the first sequence of each, in the range the journal assigned.
        func numberedBlocks(_ range: ClosedRange<UInt64>) -> [(first: UInt64, body: [UInt8])] {
            var next = range.lowerBound
            return blocks.map { block in
                defer { next += UInt64(block.events) }
                return (next, block.body)
            }
        }

        /// Hands each ticket its slice of the committed range, in queue order.
        func complete(_ range: ClosedRange<UInt64>?) {
            var next = range?.lowerBound ?? 0
            for (ticket, count) in parts {
                if count == 0 {
                    ticket.resolve(.success(nil))
                } else {
                    ticket.resolve(.success(next...(next + UInt64(count) - 1)))
                    next += UInt64(count)
                }
            }
        }

        func fail(_ error: any Error) {
            for (ticket, _) in parts { ticket.resolve(.failure(JournalFailure(underlying: "\(error)"))) }
        }
    }
}

/// The journal failed: nothing of the round is durable.
struct JournalFailure: Error, Sendable {
    var underlying: String
}

/// A one-shot answer: the sequence range a batch got once it is durable.
final class CommitTicket: Sendable {
    private enum State {
        case waiting([CheckedContinuation<ClosedRange<UInt64>?, any Error>])
        case done(Result<ClosedRange<UInt64>?, JournalFailure>)
    }

    private let state = Mutex<State>(.waiting([]))

    func resolve(_ result: Result<ClosedRange<UInt64>?, JournalFailure>) {
        let waiters = state.withLock { s -> [CheckedContinuation<ClosedRange<UInt64>?, any Error>] in
            guard case .waiting(let w) = s else { return [] }
            s = .done(result)
            return w
        }
        for w in waiters { w.resume(with: result.mapError { $0 as any Error }) }
    }

    func wait() async throws -> ClosedRange<UInt64>? {
        try await withCheckedThrowingContinuation { c in
            let ready = state.withLock { s -> Result<ClosedRange<UInt64>?, JournalFailure>? in
                switch s {
                case .done(let r): return r
                case .waiting(var w):
                    w.append(c)
                    s = .waiting(w)
                    return nil
                }
            }
            if let ready { c.resume(with: ready.mapError { $0 as any Error }) }
        }
    }
}
