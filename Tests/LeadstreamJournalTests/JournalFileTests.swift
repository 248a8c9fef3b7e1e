import Foundation
import GRDB
import Testing

@testable import LeadstreamJournal

/// `JournalFile`: the read-only view for inspection, also of a journal whose writer is still running.
@Suite("Journal file (read-only)")
struct JournalFileTests {
    @Test func readsTheBlocksOfAnUnclosedWriterFromAPosition() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("j.sqlite")
        let writer = try Journal(path: path)
        let blocks = Fixtures.blocks(count: 3, events: 10)
        let range = try #require(try await writer.append(blocks))
        let file = try JournalFile(path: path)
        var all: [StoredBlock] = []
        try file.forEach { all.append($0); return true }
        #expect(all == Fixtures.stored(blocks, at: range))
        var tail: [StoredBlock] = []
        try file.forEach(from: 15) { tail.append($0); return true }
        #expect(Fixtures.ranges(tail) == [11...20, 21...30])
        try writer.close()
    }

    @Test func refusesAMissingFileWithoutCreatingIt() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("missing.sqlite")
        #expect(throws: (any Error).self) { try JournalFile(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func refusesASQLiteFileWithoutJournalMeta() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("other.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE t (x INTEGER)") }
        try queue.close()
        let error = #expect(throws: JournalError.self) { try JournalFile(path: path) }
        #expect(error.map { "\($0)" }?.contains("is not a leadstream journal") == true)
    }

    @Test func refusesAVersion1JournalWithAClearError() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("v1.sqlite")
        try Fixtures.writeVersion1Journal(at: path)
        let error = #expect(throws: JournalError.self) { try JournalFile(path: path) }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("format version 1;"), "\(message)")
    }
}
