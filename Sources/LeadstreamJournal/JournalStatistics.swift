/// Counters of the journal's writer, for tests and metrics.
///
/// `batches / transactions` is the group-commit factor: how many callers shared one fsync.
public struct JournalStatistics: Sendable, Hashable {
    /// Committed write transactions (each one fsync of the WAL under `synchronous = FULL`).
    public var transactions: UInt64 = 0
    /// Committed non-empty `append` batches.
    public var batches: UInt64 = 0
    /// Committed entries.
    public var entries: UInt64 = 0

    public init(transactions: UInt64 = 0, batches: UInt64 = 0, entries: UInt64 = 0) {
        self.transactions = transactions
        self.batches = batches
        self.entries = entries
    }
}
