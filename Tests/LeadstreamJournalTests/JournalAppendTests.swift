import Foundation
import Testing

@testable import LeadstreamJournal

@Suite("Journal appends")
struct JournalAppendTests {
    @Test func sequencesStartAtOneAndEachBatchGetsTheRangeOfAllItsEvents() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"))
        #expect(journal.lastSequence == 0)
        let first = try await journal.append([Fixtures.block(index: 0, events: 3)])
        let second = try await journal.append([
            Fixtures.block(index: 1, events: 2), Fixtures.block(index: 2, events: 5),
        ])
        #expect(first == 1...3)
        #expect(second == 4...10)
        #expect(journal.lastSequence == 10)
        // Within a batch, each block takes the next numbers in the order given.
        #expect(Fixtures.ranges(try journal.read(from: 1, through: 10, limit: 100)) == [1...3, 4...5, 6...10])
        try journal.close()
    }

    @Test func blocksWithoutEventsAreDroppedAndUseNoNumber() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"))
        #expect(try await journal.append([]) == nil)
        #expect(try await journal.append([JournalBlock(events: 0, body: [1, 2, 3])]) == nil)
        #expect(journal.lastSequence == 0)
        #expect(journal.statistics.transactions == 0)
        let kept = Fixtures.block(index: 1, events: 2)
        let range = try #require(
            try await journal.append([JournalBlock(events: 0, body: [9]), kept, JournalBlock(events: 0, body: [])]))
        #expect(range == 1...2)
        #expect(journal.statistics.transactions == 1)
        #expect(try journal.read(from: 1, through: .max, limit: 100) == [StoredBlock(first: 1, last: 2, body: kept.body)])
        try journal.close()
    }

    @Test func sequencesAreContiguousAndIncreasingAcrossConcurrentAppenders() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"), configuration: .init(durability: .normal))
        let appenders = 8
        let batchesEach = 25
        typealias Appended = (appender: Int, range: ClosedRange<UInt64>, blocks: [JournalBlock])
        let appended = try await withThrowingTaskGroup(of: [Appended].self) { group in
            for appender in 0..<appenders {
                group.addTask {
                    var mine: [Appended] = []
                    for b in 0..<batchesEach {
                        // 1 to 3 blocks of 1 to 7 events: batches of unequal sizes interleave.
                        let blocks = (0..<(1 + (appender + b) % 3)).map { k in
                            Fixtures.block(appender: appender, index: b * 10 + k, events: 1 + (appender + b + k) % 7)
                        }
                        let range = try #require(try await journal.append(blocks))
                        #expect(range.count == blocks.reduce(0) { $0 + $1.events })
                        mine.append((appender, range, blocks))
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        // Together the ranges tile 1...last with no gap and no overlap.
        let sorted = appended.map(\.range).sorted { $0.lowerBound < $1.lowerBound }
        var expected: UInt64 = 1
        for range in sorted {
            #expect(range.lowerBound == expected)
            expected = range.upperBound + 1
        }
        #expect(journal.lastSequence == expected - 1)
        // Each appender's own batches got increasing ranges, in the order it appended them.
        for appender in 0..<appenders {
            let mine = appended.filter { $0.appender == appender }.map(\.range.lowerBound)
            #expect(mine == mine.sorted())
        }
        // The stored blocks are exactly every batch's own blocks, in its order, at its range.
        let stored = try journal.read(from: 1, through: journal.lastSequence, limit: .max)
        let expectedBlocks = appended.sorted { $0.range.lowerBound < $1.range.lowerBound }
            .flatMap { Fixtures.stored($0.blocks, at: $0.range) }
        #expect(stored == expectedBlocks)
        try journal.close()
    }

    @Test func groupCommitMergesConcurrentBatchesIntoFewerTransactions() async throws {
        let dir = try TemporaryDirectory()
        // FULL: each commit fsyncs, so batches arriving during a commit have time to pile up.
        let journal = try Journal(path: dir.path("j.sqlite"))
        let appenders = 16
        let batchesEach = 10
        try await withThrowingTaskGroup(of: Void.self) { group in
            for appender in 0..<appenders {
                group.addTask {
                    for b in 0..<batchesEach {
                        _ = try await journal.append(Fixtures.blocks(appender: appender, start: b * 2, count: 2, events: 5))
                    }
                }
            }
            try await group.waitForAll()
        }
        let stats = journal.statistics
        // A batch is one `append` call, however many blocks it holds; entries are events.
        #expect(stats.batches == UInt64(appenders * batchesEach))
        #expect(stats.entries == UInt64(appenders * batchesEach * 2 * 5))
        #expect(stats.transactions < stats.batches)
        #expect(journal.lastSequence == stats.entries)
        try journal.close()
    }

    @Test func appendAfterCloseThrowsClosed() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"))
        try journal.close()
        await #expect(throws: JournalError.closed) {
            _ = try await journal.append([Fixtures.block(index: 0, events: 1)])
        }
    }
}
