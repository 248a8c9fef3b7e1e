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
        do {
            let journal = try Journal(path: path)
            _ = try await journal.append(Fixtures.batch(appender: 0, start: 0, count: 7))
            try journal.close()
        }
        let reopened = try Journal(path: path)
        #expect(reopened.lastSequence == 7)
        #expect(try await reopened.append(Fixtures.batch(appender: 1, start: 0, count: 2)) == 8...9)
        #expect(try reopened.read(from: 1, through: 9, limit: 100).map(\.seq) == Array(1...9))
        try reopened.close()
    }

    @Test func abandonedWriterWithoutCloseLosesNoAcknowledgedEvent() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("j.sqlite")
        // No wal_autocheckpoint: every acknowledged event lives only in the WAL, as after a crash mid-stream.
        let live = try Journal(path: path, configuration: .init(durability: .normal, autoCheckpointPages: 0))
        var acknowledged: [StoredEvent] = []
        for b in 0..<10 {
            let batch = Fixtures.batch(appender: 0, start: b * 10, count: 10)
            let range = try #require(try await live.append(batch))
            for (seq, entry) in zip(range, batch) {
                acknowledged.append(
                    StoredEvent(seq: seq, account: entry.account, eventID: entry.eventID, line: entry.line))
            }
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        // What a kill -9 leaves on disk: the main file and the WAL, never closed or checkpointed.
        let crashed = dir.path("crashed.sqlite")
        try FileManager.default.copyItem(atPath: path, toPath: crashed)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: crashed + "-wal")

        let recovered = try Journal(path: crashed)
        #expect(recovered.lastSequence == 100)
        #expect(try recovered.read(from: 1, through: 100, limit: 1000) == acknowledged)
        #expect(try await recovered.append([Fixtures.entry(index: 999)]) == 101...101)
        try recovered.close()
        try live.close()
    }

    @Test func aSecondHandleSeesCommitsOfAnUnclosedWriter() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("j.sqlite")
        let writer = try Journal(path: path)
        _ = try await writer.append(Fixtures.batch(appender: 0, start: 0, count: 5))
        let reader = try Journal(path: path)
        #expect(reader.lastSequence == 5)
        #expect(try reader.read(from: 1, through: 5, limit: 5).count == 5)
        try reader.close()
        try writer.close()
    }

    @Test func refusesAFileThatIsNotAJournal() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("other.txt")
        try Data("not sqlite at all, just some text that is long enough".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: (any Error).self) { try Journal(path: path) }
    }

    @Test func refusesAJournalOfAnotherFormatVersionWithAClearError() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("j.sqlite")
        try Journal(path: path).close()
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "UPDATE meta SET value = '2' WHERE key = 'version'") }
        try queue.close()
        let error = #expect(throws: JournalError.self) { try Journal(path: path) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("format version 2; this leadstream reads version 1"))
    }
}
