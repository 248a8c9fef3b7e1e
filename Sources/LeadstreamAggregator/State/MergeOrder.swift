//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// A block of contiguous events to merge, with the worker's counts when they
/// cover exactly its events from `first`.
struct ChangeBatch {
    var block: RecordBlock
    /// The sequence of the block's first event.
    var first: UInt64
    /// Events before this one are merged already (a batch overlapping the merged prefix): skipped, while
    /// the block's name definitions are still read. Set only by `trim`, which also drops `deltas`.
    private(set) var from: UInt64
    /// `nil` when the counts must be counted here (a replayed or trimmed batch).
    var deltas: [CellDelta]?

    init(block: RecordBlock, first: UInt64, deltas: [CellDelta]?) {
        self.block = block
        self.first = first
        self.from = first
        self.deltas = deltas
    }

    var sequences: ClosedRange<UInt64> { first...(first + UInt64(block.events) - 1) }

    /// Leaves out the events up to `merged`; the worker's counts covered them too, so they go.
    mutating func trim(after merged: UInt64) {
        from = merged + 1
        deltas = nil
    }
}

/// Exactly-once, in-order merging: which sequences are merged, which batches
/// wait for a gap before them, and when a gap has waited too long.
///
/// Workers deliver batches in any order, twice after a replay, or never when
/// one dies; this turns that into the journal's order with each change once.
struct MergeOrder {
    /// Every sequence ≤ `merged` is merged.
    private(set) var merged: UInt64
    /// Batches past a gap, by first sequence, with when they arrived.
    private var waiting: [UInt64: (batch: ChangeBatch, arrived: ContinuousClock.Instant)] = [:]
    private(set) var duplicates = 0

    init(merged: UInt64) { self.merged = merged }

    var waitingCount: Int { waiting.count }

    /// Takes a batch; `false` when everything in it was merged already.
    @discardableResult
    mutating func offer(_ batch: ChangeBatch, at now: ContinuousClock.Instant) -> Bool {
        guard batch.block.events > 0, batch.sequences.upperBound > merged else {
            duplicates += 1
            return false
        }
        let first = batch.sequences.lowerBound
        if let held = waiting[first], held.batch.sequences.upperBound >= batch.sequences.upperBound { return false }
        waiting[first] = (batch, now)
        return true
    }

    /// The next batch to merge (trimmed to what is not merged yet), or `nil`
    /// when the next sequence has not arrived. Marks it merged.
    mutating func next() -> ChangeBatch? {
        while true {
            // The batch starting right after `merged`, or one overlapping it.
            guard let first = waiting.keys.filter({ $0 <= merged + 1 }).min() else { return nil }
            var batch = waiting.removeValue(forKey: first)!.batch
            guard batch.sequences.upperBound > merged else { continue }  // overtaken meanwhile
            if first <= merged { batch.trim(after: merged) }
            merged = batch.sequences.upperBound
            return batch
        }
    }

    /// The gap to replay: from `merged + 1` to just before the earliest waiting
    /// batch, once that batch has waited `timeout`.
    func overdueGap(at now: ContinuousClock.Instant, timeout: Duration) -> ClosedRange<UInt64>? {
        guard let first = waiting.keys.min(), first > merged + 1, now - waiting[first]!.arrived >= timeout else {
            return nil
        }
        return (merged + 1)...(first - 1)
    }
}
