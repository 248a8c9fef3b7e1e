import Foundation

/// The hand-off between `append` callers and the writer thread; this is where group commit happens.
///
/// Callers enqueue and return to their task at once (they suspend on their continuation, not on a lock).
/// The writer sleeps on the condition while the queue is empty; when it wakes it takes *everything* queued
/// so far. While it commits, new batches pile up here and all go into the next transaction, so under load
/// the number of fsyncs stays near one per commit latency, however many callers there are.
///
/// `@unchecked Sendable`: every stored property is read and written only while holding `condition`.
final class GroupCommitQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: [PendingBatch] = []
    private var closed = false
    private var failure: JournalError?

    /// Queues a batch, or fails it at once if the journal is closed or failed.
    func enqueue(_ batch: PendingBatch) {
        condition.lock()
        if let failure {
            condition.unlock()
            batch.continuation.resume(throwing: failure)
            return
        }
        if closed {
            condition.unlock()
            batch.continuation.resume(throwing: JournalError.closed)
            return
        }
        pending.append(batch)
        condition.signal()
        condition.unlock()
    }

    /// Blocks the writer until there is work; returns everything queued, or nil once closed and drained.
    func takeAll() -> [PendingBatch]? {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty && !closed {
            condition.wait()
        }
        if pending.isEmpty { return nil }
        let taken = pending
        pending.removeAll(keepingCapacity: true)
        return taken
    }

    /// Stops accepting batches; the writer still commits what is already queued.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Refuses every later batch with `error` and fails what is still queued.
    func fail(with error: JournalError) {
        condition.lock()
        failure = error
        closed = true
        let dropped = pending
        pending.removeAll()
        condition.broadcast()
        condition.unlock()
        for batch in dropped {
            batch.continuation.resume(throwing: error)
        }
    }
}
