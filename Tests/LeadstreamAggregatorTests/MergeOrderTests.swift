//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import Testing

@testable import LeadstreamAggregator

@Suite struct MergeOrderTests {
    let t0 = ContinuousClock.now

    @Test(arguments: [0x5EED, 1, 2, 3] as [UInt64])
    func batchesInAnyOrderWithDuplicatesMergeEachChangeOnceInOrder(seed: UInt64) throws {
        let stream = try RecordedStream(fixture: "02-dashboard")
        var batches = stream.batches(of: 4)
        batches += batches.prefix(3)  // a replay delivered twice
        var rng = SplitMix64(seed: seed)
        batches.shuffle(using: &rng)
        var order = MergeOrder(merged: 0)
        var merged: [UInt64] = []
        for b in batches {
            order.offer(b, at: t0)
            while let next = order.next() { merged += Array(next.from...next.sequences.upperBound) }
        }
        #expect(merged == Array(1...UInt64(stream.accepted)), "shuffled with seed \(seed)")
        #expect(order.duplicates >= 1, "shuffled with seed \(seed)")
    }

    @Test func anOverlappingBatchMergesOnlyItsNewSuffixWithCountsRecomputed() throws {
        let stream = try RecordedStream(fixture: "01-executive")
        let tens = stream.batches(of: 10)
        var order = MergeOrder(merged: 0)
        order.offer(tens[0], at: t0)
        _ = order.next()
        // A block of 1...15 (cut otherwise: a replay from another cut) overlaps what is merged.
        let fifteen = try #require(stream.batches(of: 15).first)
        order.offer(fifteen, at: t0)
        let taken = order.next()
        let next = try #require(taken)
        #expect(next.sequences == 1...15)
        #expect(next.from == 11)
        #expect(next.deltas == nil)
    }

    @Test func aGapIsOverdueOnlyAfterTheTimeoutAndSpansUpToTheWaitingBatch() throws {
        let tens = try RecordedStream(fixture: "01-executive").batches(of: 10)
        var order = MergeOrder(merged: 0)
        order.offer(tens[2], at: t0)
        let none = order.next()
        #expect(none == nil)
        #expect(order.overdueGap(at: t0 + .milliseconds(100), timeout: .milliseconds(500)) == nil)
        #expect(order.overdueGap(at: t0 + .milliseconds(600), timeout: .milliseconds(500)) == 1...20)
    }
}
