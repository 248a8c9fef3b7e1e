//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Histogram
import LeadstreamCore

/// Percentiles of one kind of latency, kept in an HdrHistogram.
///
/// HdrHistogram records in constant time and memory with a fixed relative
/// error (three significant digits here), so a million samples cost what ten do,
/// and p99 is exact to 0.1 %, unlike a mean or a sampled reservoir.
public struct LatencySummary: Sendable {
    private var histogram = Histogram<UInt64>(
        lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000_000, numberOfSignificantValueDigits: .three)

    public init() {}

    /// Records one sample, in nanoseconds (clamped to an hour).
    public mutating func record(nanoseconds: UInt64) {
        _ = histogram.record(min(max(nanoseconds, 1), histogram.highestTrackableValue))
    }

    public var count: Int { Int(histogram.totalCount) }

    /// Milliseconds at a percentile (0–100); nil with no samples.
    public func milliseconds(at percentile: Double) -> Double? {
        count == 0 ? nil : Double(histogram.valueAtPercentile(percentile)) / 1e6
    }

    public var maxMilliseconds: Double? { count == 0 ? nil : Double(histogram.max) / 1e6 }

    /// `{"count", "p50_ms", "p99_ms", "max_ms"}` (null where there is no sample).
    public var json: JSONValue {
        .object([
            ("count", .int(count)), ("p50_ms", .number(milliseconds(at: 50))), ("p99_ms", .number(milliseconds(at: 99))),
            ("max_ms", .number(maxMilliseconds)),
        ])
    }
}
