//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Synchronization

/// Lets numbered tasks through one at a time, in number order.
///
/// Requests are decoded concurrently, but SPEC §2 applies events in arrival
/// order, so each request takes a number when it arrives and is admitted to
/// the registry only after every lower number was.
final class Turnstile: Sendable {
    private struct State {
        var next = 0
        var waiting: [Int: CheckedContinuation<Void, Never>] = [:]
    }
    private let state = Mutex(State())

    /// Returns once every number below `ticket` has called `leave`.
    func enter(_ ticket: Int) async {
        await withCheckedContinuation { c in
            let now = state.withLock { s -> Bool in
                if s.next == ticket { return true }
                s.waiting[ticket] = c
                return false
            }
            if now { c.resume() }
        }
    }

    /// Lets the next number through. Call exactly once per ticket, after `enter`.
    func leave() {
        let next = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.next += 1
            return s.waiting.removeValue(forKey: s.next)
        }
        next?.resume()
    }
}
