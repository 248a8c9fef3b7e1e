//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamJournal

/// The durable, append-only source of truth the gateway writes to: blocks of
/// records (`RecordBlock`), one per admitted batch with accepted events.
///
/// The gateway calls `append` from one task at a time, in the order it
/// applied the events to its registry, so the journal's sequence order is
/// the registry's arrival order (SPEC §2) by construction.
public protocol EventJournal: Sendable {
    /// Durably appends `blocks` and returns the contiguous range assigned to
    /// their events, or `nil` when there is none.
    func append(_ blocks: [JournalBlock]) async throws -> ClosedRange<UInt64>?
    /// The blocks holding events `from...through`, whole, in order; they stop
    /// once they hold at least `limit` events.
    func read(from: UInt64, through: UInt64, limit: Int) async throws -> [StoredBlock]
    /// The last durable sequence number (0 when empty).
    func lastSequence() async throws -> UInt64
}
