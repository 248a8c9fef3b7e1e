//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// The `occurred_at` grammar of SPEC §1: an RFC 3339 `date-time` with an
/// explicit offset, e.g. `2026-11-20T10:00:00Z` or `2026-11-20T04:00:00.250-06:00`.
///
/// Hand-written rather than `ISO8601DateFormatter` because it runs once per
/// event on the decoder's hot path, must be exact to the microsecond (a
/// `Date` is a `Double`), and must be strict where Foundation is lenient:
///
/// - `T`/`t` between date and time and `Z`/`z` for UTC are both accepted
///   (RFC 3339 §5.6 note);
/// - seconds are required and `60` is refused (a leap second has no instant
///   in a POSIX timeline), as are hour `24` and impossible dates (`2026-02-29`);
/// - any number of fraction digits, truncated (not rounded) to the microsecond;
/// - the offset is `Z` or `±HH:MM` with `HH ≤ 23` and `MM ≤ 59`; no offset,
///   `+0530` or a space instead of `T` is refused.
public enum RFC3339 {
    /// The instant `bytes` names, or `nil` when it is not such a date-time.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
        let n = bytes.count
        // The shortest form: "YYYY-MM-DDTHH:MM:SSZ".
        guard n >= 20 else { return nil }
        var ok = true
        /// The decimal number in `bytes[at..<at+count]`; clears `ok` on a non-digit.
        @inline(__always) func number(_ at: Int, _ count: Int) -> Int {
            var value = 0
            for i in at..<(at + count) {
                let d = bytes[i] &- 0x30
                if d > 9 { ok = false }
                value = value &* 10 &+ Int(d)
            }
            return value
        }
        let year = number(0, 4)
        let month = number(5, 2)
        let day = number(8, 2)
        let hour = number(11, 2)
        let minute = number(14, 2)
        let second = number(17, 2)
        guard ok, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] | 0x20 == UInt8(ascii: "t"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            hour <= 23, minute <= 59, second <= 59,
            let date = Day(year: year, month: month, day: day)
        else { return nil }

        var i = 19
        var micros = 0
        if bytes[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < n, bytes[i] &- 0x30 <= 9 {
                if i - start < 6 { micros = micros * 10 + Int(bytes[i] &- 0x30) }
                i += 1
            }
            let digits = i - start
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }

        guard i < n else { return nil }
        var offsetSeconds = 0
        switch bytes[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard n - i == 6, bytes[i + 3] == UInt8(ascii: ":") else { return nil }
            let oh = number(i + 1, 2)
            let om = number(i + 4, 2)
            guard ok, oh <= 23, om <= 59 else { return nil }
            offsetSeconds = (oh * 60 + om) * 60
            if bytes[i] == UInt8(ascii: "-") { offsetSeconds = -offsetSeconds }
            i += 6
        default:
            return nil
        }
        guard i == n else { return nil }

        let seconds = Int64(date.number) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        return Timestamp(microseconds: seconds * 1_000_000 + Int64(micros))
    }

    /// The same for a `String` (the CLI's `--now`, tests).
    public static func parse(_ s: String) -> Timestamp? {
        var s = s
        return s.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }
}
