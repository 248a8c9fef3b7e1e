//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// A run of contiguous changes to merge, with the worker's counts when they
/// cover exactly these changes.
struct ChangeBatch {
    var changes: [LeadChange]
    /// `nil` when the counts must be recomputed (a trimmed or replayed batch).
    var deltas: [TallyDelta]?
    var sequences: ClosedRange<UInt64> { changes.first!.sequence...changes.last!.sequence }
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
        guard !batch.changes.isEmpty, batch.sequences.upperBound > merged else {
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
            if first <= merged {
                batch = ChangeBatch(changes: batch.changes.filter { $0.sequence > merged }, deltas: nil)
            }
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
