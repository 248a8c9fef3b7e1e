import Foundation
import Testing

@testable import LeadstreamJournal

@Suite("Journal appends")
struct JournalAppendTests {
    @Test func sequencesStartAtOneAndAreContiguousPerBatch() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"))
        #expect(journal.lastSequence == 0)
        let first = try await journal.append(Fixtures.batch(appender: 0, start: 0, count: 3))
        let second = try await journal.append(Fixtures.batch(appender: 0, start: 3, count: 2))
        #expect(first == 1...3)
        #expect(second == 4...5)
        #expect(journal.lastSequence == 5)
        try journal.close()
    }

    @Test func emptyBatchReturnsNilAndUsesNoNumber() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"))
        #expect(try await journal.append([]) == nil)
        #expect(try await journal.append([Fixtures.entry(index: 0)]) == 1...1)
        #expect(journal.statistics.transactions == 1)
        try journal.close()
    }

    @Test func sequencesAreContiguousAndIncreasingAcrossConcurrentAppenders() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"), configuration: .init(durability: .normal))
        let appenders = 8
        let batchesEach = 25
        let ranges = try await withThrowingTaskGroup(of: [(Int, ClosedRange<UInt64>)].self) { group in
            for appender in 0..<appenders {
                group.addTask {
                    var mine: [(Int, ClosedRange<UInt64>)] = []
                    for b in 0..<batchesEach {
                        let size = 1 + (appender + b) % 7
                        let range = try #require(
                            try await journal.append(Fixtures.batch(appender: appender, start: b * 10, count: size)))
                        #expect(range.count == size)
                        mine.append((appender, range))
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        // Together the ranges tile 1...last with no gap and no overlap.
        let sorted = ranges.map(\.1).sorted { $0.lowerBound < $1.lowerBound }
        var expected: UInt64 = 1
        for range in sorted {
            #expect(range.lowerBound == expected)
            expected = range.upperBound + 1
        }
        #expect(journal.lastSequence == expected - 1)
        // Each appender's own batches got increasing ranges, in the order it appended them.
        for appender in 0..<appenders {
            let mine = ranges.filter { $0.0 == appender }.map(\.1.lowerBound)
            #expect(mine == mine.sorted())
        }
        // Every batch's stored entries are its own, in its order.
        let stored = try journal.read(from: 1, through: journal.lastSequence, limit: .max)
        #expect(stored.map(\.seq) == Array(1...journal.lastSequence))
        for (appender, range) in ranges {
            let ids = stored[Int(range.lowerBound - 1)...Int(range.upperBound - 1)].map(\.eventID)
            #expect(ids.allSatisfy { $0.hasPrefix("e-\(appender)-") })
        }
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
                        _ = try await journal.append(Fixtures.batch(appender: appender, start: b * 5, count: 5))
                    }
                }
            }
            try await group.waitForAll()
        }
        let stats = journal.statistics
        #expect(stats.batches == UInt64(appenders * batchesEach))
        #expect(stats.entries == UInt64(appenders * batchesEach * 5))
        #expect(stats.transactions < stats.batches)
        try journal.close()
    }

    @Test func appendAfterCloseThrowsClosed() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"))
        try journal.close()
        await #expect(throws: JournalError.closed) {
            _ = try await journal.append([Fixtures.entry(index: 0)])
        }
    }
}
