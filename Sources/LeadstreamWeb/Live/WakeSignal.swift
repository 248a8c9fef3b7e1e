//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Synchronization

/// "Something changed; look again": one waiter, any number of firers, and a
/// fire while nobody waits is kept for the next wait (so none is lost between
/// a look and a wait). Fires coalesce: many fires make one wake.
final class WakeSignal: Sendable {
    private struct State {
        var fired = false
        var waiter: CheckedContinuation<Void, Never>?
    }
    private let state = Mutex(State())

    func fire() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if let w = s.waiter {
                s.waiter = nil
                return w
            }
            s.fired = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns `true` when fired, `false` after `timeout` without a fire.
    func wait(timeout: Duration) async -> Bool {
        if state.withLock({ s in defer { s.fired = false }; return s.fired }) { return true }
        let timer = Timer()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForFire() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                guard !Task.isCancelled else { return }
                timer.expired.withLock { $0 = true }
                self.fire()  // releases the waiter
            }
            await group.next()
            group.cancelAll()
        }
        return !timer.expired.withLock { $0 }
    }

    private final class Timer: Sendable {
        let expired = Mutex(false)
    }

    private func waitForFire() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                if s.fired {
                    s.fired = false
                    return true
                }
                s.waiter = c
                return false
            }
            if now { c.resume() }
        }
    }
}
