import Foundation
import Testing

@testable import LeadstreamJournal

@Suite("Journal reads")
struct JournalReadTests {
    /// Four blocks of ten events, one batch each: 1...10, 11...20, 21...30, 31...40.
    private static func tenByFour(_ journal: Journal) async throws -> [JournalBlock] {
        let blocks = Fixtures.blocks(count: 4, events: 10)
        for block in blocks { _ = try await journal.append([block]) }
        return blocks
    }

    @Test func appendedBodiesReadBackByteForByte() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"))
        let odd: [[UInt8]] = [
            Array(#"{"type":"lead.deleted","account":"é","event_id":"x"}"#.utf8),
            [0x00, 0xFF, 0xFE, 0x0D, 0x22],  // NUL, invalid UTF-8, CR: stored as given, not as text
            (0..<1_048_576).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) },  // 1 MiB, no repeating page
            [],  // bound as a zero-length blob, not NULL (the column is NOT NULL)
            [0x02],
        ]
        let blocks = odd.enumerated().map { JournalBlock(events: [1, 2, 1000, 1, 3][$0.offset], body: $0.element) }
        let range = try #require(try await journal.append(blocks))
        #expect(range == 1...1007)
        let stored = try journal.read(from: range.lowerBound, through: range.upperBound, limit: .max)
        #expect(Fixtures.ranges(stored) == [1...1, 2...3, 4...1003, 1004...1004, 1005...1007])
        // Compared outside `#expect`, which would print a megabyte of operands on a mismatch.
        for (index, (block, body)) in zip(stored, odd).enumerated() {
            let same = block.body == body
            #expect(same, "block \(index): \(block.body.count) bytes read back for \(body.count) appended")
        }
        var streamed: [StoredBlock] = []
        try journal.forEach { streamed.append($0); return true }
        let streamedSame = streamed == stored
        #expect(streamedSame, "forEach and read differ")
        try journal.close()
    }

    @Test func aBlockIsReadWholeWhenTheRangeStartsInsideIt() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"))
        let blocks = try await Self.tenByFour(journal)
        let stored = try journal.read(from: 15, through: 15, limit: 1)
        #expect(Fixtures.ranges(stored) == [11...20])
        #expect(stored.first?.events == 10)
        let wholeBody = stored.first?.body == blocks[1].body
        #expect(wholeBody, "the body read is not block 11...20's as appended")
        try journal.close()
    }

    @Test func readReturnsEveryBlockOverlappingTheRange() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"))
        _ = try await Self.tenByFour(journal)
        func ranges(_ from: UInt64, _ through: UInt64) throws -> [ClosedRange<UInt64>] {
            Fixtures.ranges(try journal.read(from: from, through: through, limit: 1000))
        }
        #expect(try ranges(11, 20) == [11...20])  // exactly one block: its neighbours are not read
        #expect(try ranges(10, 11) == [1...10, 11...20])  // one event of each
        #expect(try ranges(15, 25) == [11...20, 21...30])
        #expect(try ranges(21, 21) == [21...30])
        #expect(try ranges(1, 40) == [1...10, 11...20, 21...30, 31...40])
        #expect(try ranges(35, .max) == [31...40])
        #expect(try ranges(0, 5) == [1...10])
        #expect(try ranges(41, 50).isEmpty)
        #expect(try ranges(25, 15).isEmpty)
        #expect(try ranges(.max, .max).isEmpty)
        try journal.close()
    }

    @Test func readStopsOnceTheBlocksReadHoldTheLimit() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"))
        _ = try await Self.tenByFour(journal)
        func ranges(from: UInt64, limit: Int) throws -> [ClosedRange<UInt64>] {
            Fixtures.ranges(try journal.read(from: from, through: 40, limit: limit))
        }
        // A block is never split: a limit below its size still returns it whole.
        #expect(try ranges(from: 1, limit: 1) == [1...10])
        #expect(try ranges(from: 1, limit: 10) == [1...10])
        #expect(try ranges(from: 1, limit: 11) == [1...10, 11...20])
        #expect(try ranges(from: 1, limit: 20) == [1...10, 11...20])
        // The limit counts the events of the blocks read, including those before `from`.
        #expect(try ranges(from: 15, limit: 10) == [11...20])
        #expect(try ranges(from: 15, limit: 11) == [11...20, 21...30])
        #expect(try ranges(from: 1, limit: 0).isEmpty)
        let error = #expect(throws: JournalError.self) { try journal.read(from: 1, through: 40, limit: -1) }
        let isInvalidArgument = if case .invalidArgument? = error { true } else { false }
        #expect(isInvalidArgument, "a negative limit threw \(String(describing: error)), not invalidArgument")
        try journal.close()
    }

    @Test func forEachStreamsEveryBlockInOrderFromAPosition() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"))
        let blocks = Fixtures.blocks(appender: 3, count: 5, events: 10)
        let range = try #require(try await journal.append(blocks))
        var all: [StoredBlock] = []
        try journal.forEach { all.append($0); return true }
        #expect(all == Fixtures.stored(blocks, at: range))
        func visited(from: UInt64) throws -> [ClosedRange<UInt64>] {
            var seen: [StoredBlock] = []
            try journal.forEach(from: from) { seen.append($0); return true }
            return Fixtures.ranges(seen)
        }
        #expect(try visited(from: 48) == [41...50])  // from inside the last block: that block, whole
        #expect(try visited(from: 25) == [21...30, 31...40, 41...50])
        #expect(try visited(from: 31) == [31...40, 41...50])
        #expect(try visited(from: 51).isEmpty)
        try journal.close()
    }

    @Test func forEachStopsWhenTheBodyReturnsFalse() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"))
        _ = try await journal.append(Fixtures.blocks(count: 5, events: 10))
        var seen: [UInt64] = []
        try journal.forEach(from: 11) { block in
            seen.append(block.first)
            return seen.count < 2
        }
        #expect(seen == [11, 21])
        try journal.close()
    }
}
