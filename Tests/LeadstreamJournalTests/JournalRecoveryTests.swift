import Foundation
import GRDB
import Testing

@testable import LeadstreamJournal

/// Reopening and crash recovery. The real `kill -9` of a writer process is exercised by
/// `tools/bench-journal --kill-test` and belongs to the gateway's integration tests; here the on-disk state
/// a killed writer leaves (database file + un-checkpointed WAL, no close) is reproduced by copying the files
/// of a live journal.
@Suite("Journal recovery")
struct JournalRecoveryTests {
    @Test func reopeningResumesNumbering() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("j.sqlite")
        let before = [Fixtures.block(index: 0, events: 3), Fixtures.block(index: 1, events: 4)]
        do {
            let journal = try Journal(path: path)
            #expect(try await journal.append(before) == 1...7)
            try journal.close()
        }
        let reopened = try Journal(path: path)
        #expect(reopened.lastSequence == 7)
        let after = Fixtures.block(appender: 1, index: 0, events: 2)
        #expect(try await reopened.append([after]) == 8...9)
        #expect(
            try reopened.read(from: 1, through: 9, limit: 100)
                == Fixtures.stored(before, at: 1...7) + Fixtures.stored([after], at: 8...9))
        try reopened.close()
    }

    @Test func abandonedWriterWithoutCloseLosesNoAcknowledgedEvent() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("j.sqlite")
        // No wal_autocheckpoint: every acknowledged block lives only in the WAL, as after a crash mid-stream.
        let live = try Journal(path: path, configuration: .init(durability: .normal, autoCheckpointPages: 0))
        var acknowledged: [StoredBlock] = []
        for b in 0..<10 {
            let batch = [Fixtures.block(index: b, events: 10)]
            let range = try #require(try await live.append(batch))
            acknowledged += Fixtures.stored(batch, at: range)
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        // What a kill -9 leaves on disk: the main file and the WAL, never closed or checkpointed.
        let crashed = dir.path("crashed.sqlite")
        try FileManager.default.copyItem(atPath: path, toPath: crashed)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: crashed + "-wal")

        let recovered = try Journal(path: crashed)
        #expect(recovered.lastSequence == 100)
        #expect(try recovered.read(from: 1, through: 100, limit: 1000) == acknowledged)
        #expect(try await recovered.append([Fixtures.block(index: 999, events: 5)]) == 101...105)
        try recovered.close()
        try live.close()
    }

    @Test func aSecondHandleSeesCommitsOfAnUnclosedWriter() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("j.sqlite")
        let writer = try Journal(path: path)
        let blocks = Fixtures.blocks(count: 2, events: 5)
        let range = try #require(try await writer.append(blocks))
        let reader = try Journal(path: path)
        #expect(reader.lastSequence == 10)
        #expect(try reader.read(from: 1, through: 10, limit: 10) == Fixtures.stored(blocks, at: range))
        try reader.close()
        try writer.close()
    }

    @Test func refusesAFileThatIsNotAJournal() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("other.txt")
        try Data("not sqlite at all, just some text that is long enough".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: (any Error).self) { try Journal(path: path) }
    }

    @Test func refusesASQLiteFileOfAnotherFormat() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("other.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
                    INSERT INTO meta(key, value) VALUES ('format', 'something-else'), ('version', '2');
                    """)
        }
        try queue.close()
        let error = #expect(throws: JournalError.self) { try Journal(path: path) }
        #expect(error.map { "\($0)" }?.contains("is not a leadstream journal") == true)
    }

    /// A journal written before blocks must be refused before any migration runs, so the file is left as it was.
    @Test func refusesAVersion1JournalWithAClearErrorAndLeavesItUntouched() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("v1.sqlite")
        try Fixtures.writeVersion1Journal(at: path)

        let error = #expect(throws: JournalError.self) { try Journal(path: path) }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("format version 1;"), "\(message)")
        #expect(message.contains("reads version \(JournalSchema.version) only"), "\(message)")

        let after = try DatabaseQueue(path: path)
        let (hasBlocks, migrations, events, version) = try after.read { db in
            (
                try db.tableExists("blocks"),
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM events"),
                try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'version'")
            )
        }
        try after.close()
        #expect(!hasBlocks)
        #expect(migrations == ["v1"])
        #expect(events == 1)
        #expect(version == "1")
    }

    @Test func refusesAJournalOfALaterFormatVersionWithAClearError() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("j.sqlite")
        try Journal(path: path).close()
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "UPDATE meta SET value = '99' WHERE key = 'version'") }
        try queue.close()
        let error = #expect(throws: JournalError.self) { try Journal(path: path) }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("format version 99; this leadstream reads version \(JournalSchema.version) only"), "\(message)")
    }
}
