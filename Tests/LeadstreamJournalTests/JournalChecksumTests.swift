import Foundation
import GRDB
import Testing

@testable import LeadstreamJournal

/// Format version 3: every block carries the SHA-256 of its count and body, and a read refuses a block that no
/// longer matches it (SQLite checks WAL frames, not the database file's pages).
@Suite("Journal block checksums")
struct JournalChecksumTests {
    /// A journal of three blocks, closed (checkpointed into the database file), damaged by `damage`.
    private func damagedJournal(_ dir: borrowing TemporaryDirectory, _ damage: String) async throws -> String {
        let path = dir.path("j.sqlite")
        let journal = try Journal(path: path)
        _ = try await journal.append(Fixtures.blocks(count: 3, events: 4))
        try journal.close()
        let queue = try DatabaseQueue(path: path)
        try await queue.write { try $0.execute(sql: damage) }
        try queue.close()
        return path
    }

    @Test func aByteChangedInABodyIsRefusedOnReadWithTheBlocksRange() async throws {
        let dir = try TemporaryDirectory()
        // Flip the first byte of the second block's body ('{' → 'z'), as a bad sector would.
        let path = try await damagedJournal(dir, "UPDATE blocks SET body = CAST('z' AS BLOB) || substr(body, 2) WHERE first_seq = 5")
        let journal = try Journal(path: path)
        #expect(try journal.read(from: 1, through: 4, limit: 100).count == 1)  // blocks before the damage still read
        #expect(throws: JournalError.corrupt(first: 5, last: 8)) { try journal.read(from: 1, through: 12, limit: 100) }
        #expect(throws: JournalError.corrupt(first: 5, last: 8)) { try JournalFile(path: path).forEach { _ in true } }
        try journal.close()
    }

    @Test func aRangeThatNoLongerMatchesTheBlocksCountIsRefused() async throws {
        let dir = try TemporaryDirectory()
        let path = try await damagedJournal(dir, "UPDATE blocks SET last_seq = 12 WHERE first_seq = 9 AND last_seq = 12; UPDATE blocks SET last_seq = 7 WHERE first_seq = 5")
        let journal = try Journal(path: path)
        #expect(throws: JournalError.corrupt(first: 5, last: 7)) { try journal.read(from: 5, through: 12, limit: 100) }
        try journal.close()
    }

    @Test func anUndamagedJournalReadsBackEveryBlockAfterReopening() async throws {
        let dir = try TemporaryDirectory()
        let path = try await damagedJournal(dir, "SELECT 1")
        let journal = try Journal(path: path)
        let blocks = try journal.read(from: 1, through: 12, limit: 100)
        #expect(blocks == Fixtures.stored(Fixtures.blocks(count: 3, events: 4), at: 1...12))
        try journal.close()
    }

    @Test func theChecksumCoversTheEventCount() {
        let body = Fixtures.body(appender: 0, index: 0, events: 2)
        #expect(BlockChecksum(events: 2, body: body) != BlockChecksum(events: 3, body: body))
        #expect(BlockChecksum(events: 2, body: body) == BlockChecksum(events: 2, body: body))
    }
}
