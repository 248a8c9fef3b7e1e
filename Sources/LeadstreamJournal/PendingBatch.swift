/// A caller's batch waiting for the next commit, with the continuation that acknowledges it.
///
/// The continuation is resumed exactly once by the writer: with the batch's sequence range after the
/// transaction holding it is durable, or with the error that made the transaction fail.
struct PendingBatch: Sendable {
    let blocks: [JournalBlock]
    /// `BlockChecksum.of` each block, computed by the caller so the writer thread, the journal's ceiling,
    /// only binds it.
    let checksums: [BlockChecksum]
    /// The events of all of them.
    var events: Int { blocks.reduce(0) { $0 + $1.events } }
    let continuation: CheckedContinuation<ClosedRange<UInt64>, any Error>
}
