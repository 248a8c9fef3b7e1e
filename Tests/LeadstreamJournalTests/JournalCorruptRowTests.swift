import Foundation
import GRDB
import Testing

@testable import LeadstreamJournal

/// A journal file whose `blocks` rows no commit could have written (a damaged disk, a foreign tool):
/// opening or reading it throws instead of trapping in the row's conversion (`UInt64(first_seq)`,
/// `last - first`).
@Suite("Journal corrupt rows")
struct JournalCorruptRowTests {
    @Test(arguments: [(first: Int64(-5), last: Int64(-1)), (first: 10, last: 3), (first: 0, last: 5)])
    func aRowWithImpossibleSequencesIsAnErrorNotATrap(first: Int64, last: Int64) async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("j.sqlite")
        let journal = try Journal(path: path)
        _ = try await journal.append(Fixtures.blocks(count: 1, events: 2))
        try journal.close()
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "DELETE FROM blocks")
            // A correct checksum for the count the row claims, so only its sequences are wrong.
            let body: [UInt8] = [0x02, 0, 0, 0, 0]
            let checksum = BlockChecksum(events: Int(truncatingIfNeeded: last - first + 1), body: body)
            try db.execute(
                sql: "INSERT INTO blocks(first_seq, last_seq, body, checksum) VALUES (?, ?, ?, ?)",
                arguments: [first, last, Data(body), Data(checksum.bytes)])
        }
        try queue.close()
        // Refused on open (a negative last sequence) or on the read that meets the row.
        #expect(throws: JournalError.self) {
            let reopened = try Journal(path: path)
            defer { try? reopened.close() }
            try reopened.forEach(from: 1) { _ in true }
        }
    }
}
