//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation

/// A zone's UTC offsets as an immutable table of transitions, built once.
///
/// `Zone.day(of:)` runs for every event and for every lead of an account when
/// its timezone changes, so asking Foundation each time (a lock plus ICU) is
/// too slow and contends across threads. The table lists every offset change
/// between 1800 and 2200 (a few hundred for a DST zone, found in about a
/// millisecond through `nextDaylightSavingTimeTransition(after:)`), and a
/// bucket index of 2²² s (≈ 48.5 days) points at the last transition before
/// each bucket, so a lookup is one division-free index plus at most a couple
/// of comparisons, with no lock: the object never changes after `init`.
/// Instants outside the table fall back to Foundation, exactly.
final class ZoneRules: Sendable {
    /// First second covered by the table: 1800-01-01T00:00:00Z.
    static let lowerBound: Int64 = -5_364_662_400
    /// First second after the table: 2200-01-01T00:00:00Z.
    static let upperBound: Int64 = 7_258_118_400
    /// log2 of a bucket's width in seconds.
    static let bucketShift: Int64 = 22

    /// Foundation's zone for instants outside the table; `nil` for a fixed offset.
    private let timeZone: TimeZone?
    /// `starts[i]` is the first second at which `offsets[i]` applies; `starts[0]` is `lowerBound`.
    private let starts: [Int64]
    private let offsets: [Int32]
    /// For each bucket, the index in `starts` of the last transition at or before its first second.
    private let buckets: [Int32]

    /// A zone that is always `offset` seconds ahead of UTC (UTC itself).
    init(fixedOffset offset: Int) {
        timeZone = nil
        starts = [Self.lowerBound]
        offsets = [Int32(offset)]
        buckets = [0]
    }

    /// Reads every offset change of `timeZone` between 1800 and 2200.
    init(timeZone: TimeZone) {
        var starts = [Self.lowerBound]
        var offsets = [Int32(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(Self.lowerBound))))]
        var cursor = Date(timeIntervalSince1970: Double(Self.lowerBound))
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next > cursor {
            let second = Int64(next.timeIntervalSince1970.rounded(.down))
            guard second < Self.upperBound else { break }
            let offset = Int32(timeZone.secondsFromGMT(for: next))
            // ICU also reports changes of name or of the DST flag alone; keep only real offset changes.
            if offset != offsets[offsets.count - 1], second > starts[starts.count - 1] {
                starts.append(second)
                offsets.append(offset)
            }
            cursor = next
        }
        let bucketCount = Int((Self.upperBound - Self.lowerBound) >> Self.bucketShift) + 1
        var buckets = [Int32](repeating: 0, count: bucketCount)
        var index = 0
        for bucket in 0..<bucketCount {
            let first = Self.lowerBound + (Int64(bucket) << Self.bucketShift)
            while index + 1 < starts.count, starts[index + 1] <= first { index += 1 }
            buckets[bucket] = Int32(index)
        }
        self.timeZone = timeZone
        self.starts = starts
        self.offsets = offsets
        self.buckets = buckets
    }

    /// The number of offset changes in the table (for tests and diagnostics).
    var transitionCount: Int { starts.count - 1 }

    /// Seconds to add to UTC to get local time at the UTC second `second`.
    @inline(__always)
    func offset(atSecond second: Int64) -> Int {
        guard let timeZone else { return Int(offsets[0]) }
        guard second >= Self.lowerBound, second < Self.upperBound else {
            return timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(second)))
        }
        var index = Int(buckets[Int((second - Self.lowerBound) >> Self.bucketShift)])
        let count = starts.count
        while index + 1 < count, starts[index + 1] <= second { index += 1 }
        return Int(offsets[index])
    }
}
