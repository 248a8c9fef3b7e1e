//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Dispatch
import LeadstreamJournal

/// The SQLite journal as the gateway's `EventJournal`.
///
/// The journal's reads are synchronous SQLite calls; they run on a dispatch
/// queue so they never block the cooperative pool the gateway answers on.
public struct JournalStore: EventJournal {
    public let journal: Journal
    private let reads = DispatchQueue(label: "leadstream.journal.reads")

    public init(_ journal: Journal) { self.journal = journal }

    public func append(_ blocks: [JournalBlock]) async throws -> ClosedRange<UInt64>? {
        try await journal.append(blocks)
    }

    public func read(from: UInt64, through: UInt64, limit: Int) async throws -> [StoredBlock] {
        let journal = self.journal
        return try await withCheckedThrowingContinuation { c in
            reads.async { c.resume(with: Result { try journal.read(from: from, through: through, limit: limit) }) }
        }
    }

    public func lastSequence() async throws -> UInt64 { journal.lastSequence }
}
