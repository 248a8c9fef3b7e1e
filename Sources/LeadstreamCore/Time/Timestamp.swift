//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// An instant, in microseconds since 1970-01-01T00:00:00Z.
///
/// SPEC §1 keeps `occurred_at` to the microsecond and prints milliseconds, so
/// an integer count is exact where `Date`'s `Double` would round.
public struct Timestamp: Hashable, Comparable, Sendable {
    public var microseconds: Int64

    @inlinable public init(microseconds: Int64) { self.microseconds = microseconds }

    public init(seconds: Int64) { self.microseconds = seconds * 1_000_000 }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.microseconds < rhs.microseconds }

    /// Whole seconds since the epoch, rounded down.
    @inlinable public var epochSeconds: Int64 {
        microseconds >= 0 ? microseconds / 1_000_000 : (microseconds - 999_999) / 1_000_000
    }

    /// The UTC calendar day of this instant.
    public var utcDay: Day {
        let s = epochSeconds
        return Day(number: Int32(s >= 0 ? s / 86_400 : (s - 86_399) / 86_400))
    }

    /// SPEC §1 output form: UTC, milliseconds truncated, e.g. `2026-11-20T10:00:00.000Z`.
    public var iso8601: String {
        let s = epochSeconds
        let day = utcDay
        let secOfDay = Int(s - Int64(day.number) * 86_400)
        let micros = Int(microseconds - s * 1_000_000)
        return day.isoString + "T" + Day.pad(secOfDay / 3600, 2) + ":" + Day.pad(secOfDay / 60 % 60, 2) + ":"
            + Day.pad(secOfDay % 60, 2) + "." + Day.pad(micros / 1000, 3) + "Z"
    }
}

extension Timestamp: CustomStringConvertible {
    public var description: String { iso8601 }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Timestamp {
    /// The current wall-clock time.
    public static var now: Timestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Timestamp(microseconds: Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000)
    }
}
