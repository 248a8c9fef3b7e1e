import Synchronization

/// What the writer thread publishes to everyone else: the last committed sequence and the statistics.
///
/// Kept apart from the writer's own state so readers never wait for a commit in progress.
final class JournalCounters: Sendable {
    private let last: Atomic<UInt64>
    private let stats = Mutex(JournalStatistics())

    init(lastSequence: UInt64) {
        last = Atomic(lastSequence)
    }

    var lastSequence: UInt64 { last.load(ordering: .acquiring) }

    var statistics: JournalStatistics { stats.withLock { $0 } }

    /// Records one committed transaction; called by the writer after the commit returned.
    func committed(through seq: UInt64, batches: Int, entries: Int) {
        stats.withLock {
            $0.transactions += 1
            $0.batches += UInt64(batches)
            $0.entries += UInt64(entries)
        }
        last.store(seq, ordering: .releasing)
    }
}
