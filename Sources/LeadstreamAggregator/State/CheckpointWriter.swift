//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Dispatch
import LeadstreamCore
import Logging
import Synchronization

/// Saves checkpoints on a thread of its own, so the aggregator keeps merging
/// and answering while the rows are encoded, written and fsynced.
///
/// The loop hands over its state by value: copy-on-write makes the hand-over
/// free, and the first merge into an account afterwards copies only that
/// account's storage, far cheaper than encoding everything and an fsync.
/// At most one save runs; a request while one runs is declined, and the loop
/// asks again at its next interval.
final class CheckpointWriter: Sendable {
    let checkpoint: Checkpoint
    private let logger: Logger
    private let queue = DispatchQueue(label: "leadstream-checkpoint")
    private let busy = Atomic<Bool>(false)
    /// The merged sequence of the last checkpoint on disk (its rows' accepted count).
    private let saved: Atomic<UInt64>

    init(_ checkpoint: Checkpoint, saved: UInt64, logger: Logger) {
        self.checkpoint = checkpoint
        self.saved = Atomic(saved)
        self.logger = logger
    }

    /// The merged sequence the checkpoint on disk holds.
    var savedThrough: UInt64 { saved.load(ordering: .acquiring) }

    /// Starts saving `state` in the background unless a save is running or
    /// the checkpoint already holds it; `false` when it did not start one.
    @discardableResult
    func saveInBackground(_ state: AggregateState) -> Bool {
        guard state.merged != savedThrough,
            busy.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return false }
        queue.async { [self] in
            save(state)
            busy.store(false, ordering: .releasing)
        }
        return true
    }

    /// Waits for a running save, then saves `state` on the caller's thread
    /// (at shutdown: the last checkpoint is on disk when this returns).
    func saveNow(_ state: AggregateState) {
        queue.sync {}
        if state.merged != savedThrough { save(state) }
    }

    /// Waits for a running save, then saves `state` on the caller's thread whatever the file holds (a tenant
    /// erasure changes the state, not `merged`); throws when it could not.
    func saveErased(_ state: AggregateState) throws {
        try queue.sync {
            try checkpoint.save(state)
            saved.store(state.merged, ordering: .releasing)
        }
    }

    private func save(_ state: AggregateState) {
        let start = ContinuousClock.now
        do {
            try checkpoint.save(state)
            saved.store(state.merged, ordering: .releasing)
            logger.info(
                "checkpoint saved",
                metadata: [
                    "merged": "\(state.merged)",
                    "ms": "\(Int((ContinuousClock.now - start) / .milliseconds(1)))",
                ])
        } catch {
            logger.error("checkpoint failed", metadata: ["error": "\(error)"])
        }
    }
}
