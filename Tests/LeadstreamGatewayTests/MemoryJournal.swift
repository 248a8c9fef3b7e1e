//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamGateway
import Synchronization

/// A journal double for unit tests of the ingestor: appends can be held back
/// (to observe what waits for durability) or made to fail.
final class MemoryJournal: EventJournal, Sendable {
    private struct State {
        var events: [JournaledEvent] = []
        var appends = 0
        var failing = false
        var held: [CheckedContinuation<Void, Never>]? = nil
    }
    private let state = Mutex(State())

    var events: [JournaledEvent] { state.withLock { $0.events } }
    var appendCount: Int { state.withLock { $0.appends } }

    func hold() { state.withLock { $0.held = [] } }
    func release() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            defer { s.held = nil }
            return s.held ?? []
        }
        for w in waiters { w.resume() }
    }
    func fail() { state.withLock { $0.failing = true } }

    func append(_ events: [JournaledEvent]) async throws -> ClosedRange<UInt64>? {
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
            s.appends += 1
            guard !events.isEmpty else { return nil }
            let first = UInt64(s.events.count + 1)
            for (i, e) in events.enumerated() {
                var e = e
                e.sequence = first + UInt64(i)
                s.events.append(e)
            }
            return first...(first + UInt64(events.count) - 1)
        }
    }

    func read(from: UInt64, through: UInt64, limit: Int) async throws -> [JournaledEvent] {
        state.withLock { s in
            Array(s.events.filter { $0.sequence >= from && $0.sequence <= through }.prefix(limit))
        }
    }

    func lastSequence() async throws -> UInt64 { state.withLock { UInt64($0.events.count) } }

    struct Failed: Error {}
}
