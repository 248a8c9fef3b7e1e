//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import Testing

@testable import LeadstreamAggregator

@Suite struct MergeOrderTests {
    let t0 = ContinuousClock.now

    @Test func batchesInAnyOrderWithDuplicatesMergeEachChangeOnceInOrder() throws {
        let stream = try RecordedStream(fixture: "02-dashboard")
        var batches = stream.batches(of: 4)
        batches += batches.prefix(3)  // a replay delivered twice
        var rng = SystemRandomNumberGenerator()
        batches.shuffle(using: &rng)
        var order = MergeOrder(merged: 0)
        var merged: [UInt64] = []
        for b in batches {
            order.offer(b, at: t0)
            while let next = order.next() { merged += next.changes.map(\.sequence) }
        }
        #expect(merged == Array(1...UInt64(stream.changes.count)))
        #expect(order.duplicates >= 1)
    }

    @Test func anOverlappingBatchMergesOnlyItsNewSuffixWithCountsRecomputed() throws {
        let changes = try RecordedStream(fixture: "01-executive").changes
        var order = MergeOrder(merged: 0)
        order.offer(ChangeBatch(changes: Array(changes[0..<10]), deltas: []), at: t0)
        _ = order.next()
        order.offer(ChangeBatch(changes: Array(changes[5..<15]), deltas: []), at: t0)
        let taken = order.next()
        let next = try #require(taken)
        #expect(next.sequences == 11...15)
        #expect(next.deltas == nil)
    }

    @Test func aGapIsOverdueOnlyAfterTheTimeoutAndSpansUpToTheWaitingBatch() throws {
        let changes = try RecordedStream(fixture: "01-executive").changes
        var order = MergeOrder(merged: 0)
        order.offer(ChangeBatch(changes: Array(changes[20..<30]), deltas: nil), at: t0)
        let none = order.next()
        #expect(none == nil)
        #expect(order.overdueGap(at: t0 + .milliseconds(100), timeout: .milliseconds(500)) == nil)
        #expect(order.overdueGap(at: t0 + .milliseconds(600), timeout: .milliseconds(500)) == 1...20)
    }
}
