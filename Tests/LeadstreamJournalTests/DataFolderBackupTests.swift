import Foundation
import GRDB
import Testing

@testable import LeadstreamJournal

/// `DataFolderBackup`: a consistent copy of a data folder while its writer runs, and its way back.
@Suite("Data folder backup")
struct DataFolderBackupTests {
    @Test func aCopyOfARunningJournalHoldsWhatWasCommittedAndReadsAsAJournal() async throws {
        let dir = try TemporaryDirectory()
        let data = dir.path("data")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let writer = try Journal(path: data + "/journal.sqlite")
        let blocks = Fixtures.blocks(count: 4, events: 5)
        let range = try #require(try await writer.append(blocks))
        try Data("checkpoint bytes".utf8).write(to: URL(fileURLWithPath: data + "/aggregator.checkpoint"))

        let copied = try DataFolderBackup.backup(data, to: dir.path("copy"))
        // The writer is still open (WAL, uncheckpointed): the copy has every committed block regardless.
        #expect(copied.map(\.name) == ["aggregator.checkpoint", "journal.sqlite"])
        #expect(copied.last?.integrity == "ok")
        #expect(!FileManager.default.fileExists(atPath: dir.path("copy") + "/journal.sqlite-wal"))
        var read: [StoredBlock] = []
        try JournalFile(path: dir.path("copy") + "/journal.sqlite").forEach { read.append($0); return true }
        #expect(read == Fixtures.stored(blocks, at: range))
        try writer.close()

        let restored = try DataFolderBackup.restore(dir.path("copy"), to: dir.path("restored"))
        #expect(restored.map(\.name) == ["aggregator.checkpoint", "journal.sqlite"])
        let checkpoint = try Data(contentsOf: URL(fileURLWithPath: dir.path("restored") + "/aggregator.checkpoint"))
        #expect(String(decoding: checkpoint, as: UTF8.self) == "checkpoint bytes")
    }

    @Test func neitherOverwritesAnExistingFolder() throws {
        let dir = try TemporaryDirectory()
        let data = dir.path("data")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: data + "/aggregator.checkpoint"))
        #expect(throws: DataFolderBackup.Failure.self) { try DataFolderBackup.backup(data, to: data) }
        #expect(throws: DataFolderBackup.Failure.self) { try DataFolderBackup.restore(data, to: data) }
    }

    @Test func aFolderWithoutDataIsRefusedAndNothingIsWritten() throws {
        let dir = try TemporaryDirectory()
        let empty = dir.path("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(throws: DataFolderBackup.Failure.self) { try DataFolderBackup.backup(empty, to: dir.path("out")) }
        #expect(!FileManager.default.fileExists(atPath: dir.path("out")))
    }

    @Test func aDamagedDatabaseIsNotRestoredAsGood() throws {
        let dir = try TemporaryDirectory()
        let backup = dir.path("backup")
        try FileManager.default.createDirectory(atPath: backup, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: backup + "/tokens.sqlite")
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (x TEXT)")
            for i in 0..<2000 { try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: ["row \(i) " + String(repeating: "x", count: 50)]) }
        }
        try queue.close()
        // Overwrite a page in the middle with garbage.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: backup + "/tokens.sqlite"))
        try handle.seek(toOffset: 4096 * 3)
        handle.write(Data(repeating: 0xA5, count: 4096))
        try handle.close()
        #expect(throws: (any Error).self) { try DataFolderBackup.restore(backup, to: dir.path("restored")) }
        #expect(!FileManager.default.fileExists(atPath: dir.path("restored")))
        #expect(!FileManager.default.fileExists(atPath: dir.path("restored") + ".partial"))
    }
}
