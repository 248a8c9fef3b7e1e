//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Testing

@testable import LeadstreamCore

/// Chunked rows behave as one array: order, in-place changes, value semantics
/// across chunk boundaries.
@Suite struct LeadRowsTests {
    private func lead(_ i: Int) -> Lead {
        Lead(
            leadID: "l\(i)", office: NameID(i % 3), campaign: 0, leadType: .contact, createdAt: Timestamp(seconds: Int64(i)),
            createdDay: Day(year: 2026, month: 9, day: 1)!, source: .form, user: 0, deleted: false,
            history: [StatusOccurrence(status: .new, user: 0, at: Timestamp(seconds: Int64(i)))])
    }

    @Test func rowsKeepCreationOrderAcrossChunks() {
        var rows = LeadRows()
        let n = LeadRows.chunkSize * 3 + 5
        for i in 0..<n { rows.append(lead(i)) }
        #expect(rows.count == n)
        #expect(rows.map(\.leadID) == (0..<n).map { "l\($0)" })
        #expect(rows[LeadRows.chunkSize].leadID == "l\(LeadRows.chunkSize)")
        #expect(rows.last?.leadID == "l\(n - 1)")
    }

    @Test func aCopyKeepsItsRowsWhileTheOriginalChangesInPlace() {
        var rows = LeadRows()
        for i in 0..<(LeadRows.chunkSize * 2 + 1) { rows.append(lead(i)) }
        let handedOver = rows
        rows[LeadRows.chunkSize + 1].deleted = true
        rows[0].history.append(StatusOccurrence(status: .converted, user: 2, at: Timestamp(seconds: 9)))
        rows.append(lead(999))
        #expect(handedOver.count == LeadRows.chunkSize * 2 + 1)
        #expect(!handedOver[LeadRows.chunkSize + 1].deleted && rows[LeadRows.chunkSize + 1].deleted)
        #expect(handedOver[0].history.count == 1 && rows[0].history.count == 2)
        #expect(handedOver != rows)
        var same = LeadRows()
        for lead in handedOver { same.append(lead) }
        #expect(same == handedOver)
    }
}

extension LeadRowsTests {
    /// A row holds ids, not names: the size the memory figures and the chunk size assume.
    @Test func aRowPacksIntoFiftySixBytes() {
        #expect(MemoryLayout<Lead>.stride == 56)
    }
}
