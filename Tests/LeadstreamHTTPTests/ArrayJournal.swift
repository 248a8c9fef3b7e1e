//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamGateway
import LeadstreamJournal

actor ArrayJournal: EventJournal {
    private(set) var blocks: [StoredBlock] = []
    private var last: UInt64 { blocks.last?.last ?? 0 }

    func append(_ batch: [JournalBlock]) async throws -> ClosedRange<UInt64>? {
        let first = last + 1
        for b in batch where b.events > 0 {
            blocks.append(StoredBlock(first: last + 1, last: last + UInt64(b.events), body: b.body))
        }
        return last >= first ? first...last : nil
    }

    func read(from: UInt64, through: UInt64, limit: Int) async throws -> [StoredBlock] {
        var out: [StoredBlock] = []
        var n = 0
        for b in blocks where b.last >= from && b.first <= through && n < limit {
            out.append(b)
            n += b.events
        }
        return out
    }

    func lastSequence() async throws -> UInt64 { last }
}
