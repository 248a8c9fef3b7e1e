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

/// `SQLITE_FULL` (here: `max_page_count` reached, as a full disk makes SQLite fail a write) rolls the
/// transaction back and leaves the journal writable: the next append after space returns takes the numbers the
/// failed one did not use.
@Suite("Journal on a full disk")
struct JournalDiskFullTests {
    @Test func aFullDiskFailsTheAppendWithFullAndTheJournalResumesWhenSpaceReturns() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"), configuration: .init(pageSize: 4096))
        #expect(try await journal.append([Fixtures.block(index: 0, events: 2)]) == 1...2)
        let pages = try journal.writerPragma("page_count")
        _ = try journal.writerPragma("max_page_count = \(pages)")
        do {
            _ = try await journal.append([Fixtures.block(index: 1, events: 400)])
            Issue.record("an append past max_page_count succeeded")
        } catch let error as JournalError {
            guard case .full = error else { Issue.record("want .full, got \(error)"); return }
        }
        #expect(journal.lastSequence == 2)
        _ = try journal.writerPragma("max_page_count = 1000000")
        #expect(try await journal.append([Fixtures.block(index: 2, events: 3)]) == 3...5)
        #expect(Fixtures.ranges(try journal.read(from: 1, through: 5, limit: 100)) == [1...2, 3...5])
        try journal.close()
    }
}
