import Foundation
import Testing

@testable import LeadstreamJournal

@Suite("Journal reads")
struct JournalReadTests {
    @Test func appendedLinesReadBackByteForByte() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"))
        let odd: [[UInt8]] = [
            Array(#"{"type":"lead.deleted","account":"é","event_id":"x"}"#.utf8),
            [0x00, 0xFF, 0xFE, 0x0D, 0x22],  // NUL, invalid UTF-8, CR: stored as given, not as text
            Array(repeating: 0x41, count: 1_048_576),  // a line at SPEC's 1 MiB limit
            [],
        ]
        let entries = odd.enumerated().map {
            JournalEntry(
                account: "a\($0.offset)", eventID: "id-\($0.offset)", line: $0.element,
                change: $0.offset % 2 == 0 ? [1, 0, 2, UInt8($0.offset)] : [])
        }
        let range = try #require(try await journal.append(entries))
        let stored = try journal.read(from: range.lowerBound, through: range.upperBound, limit: 10)
        #expect(stored.map(\.line) == odd)
        #expect(stored.map(\.account) == entries.map(\.account))
        #expect(stored.map(\.eventID) == entries.map(\.eventID))
        #expect(stored.map(\.change) == entries.map(\.change))
        try journal.close()
    }

    @Test func readHonoursRangeAndLimit() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"))
        _ = try await journal.append(Fixtures.batch(appender: 0, start: 0, count: 20))
        #expect(try journal.read(from: 5, through: 9, limit: 100).map(\.seq) == [5, 6, 7, 8, 9])
        #expect(try journal.read(from: 5, through: 20, limit: 3).map(\.seq) == [5, 6, 7])
        #expect(try journal.read(from: 18, through: .max, limit: 100).map(\.seq) == [18, 19, 20])
        #expect(try journal.read(from: 21, through: 30, limit: 100).isEmpty)
        #expect(try journal.read(from: 9, through: 5, limit: 100).isEmpty)
        #expect(try journal.read(from: 1, through: 20, limit: 0).isEmpty)
        #expect(throws: JournalError.self) { try journal.read(from: 1, through: 20, limit: -1) }
        try journal.close()
    }

    @Test func forEachStreamsEveryEntryInOrderFromAPosition() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"))
        let entries = Fixtures.batch(appender: 3, start: 0, count: 50)
        _ = try await journal.append(entries)
        var all: [StoredEvent] = []
        try journal.forEach { all.append($0) }
        #expect(all.map(\.seq) == Array(1...50))
        #expect(all.map(\.line) == entries.map(\.line))
        var tail: [UInt64] = []
        try journal.forEach(from: 48) { tail.append($0.seq) }
        #expect(tail == [48, 49, 50])
        try journal.close()
    }
}
