//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// A calendar date (proleptic Gregorian), stored as days since 1970-01-01.
///
/// Reports bucket leads by local calendar day, so a day is the unit every
/// period is made of. Keeping it as a plain integer makes ranges, week and
/// month arithmetic and hashing cheap on the hot path; the civil conversions
/// are Howard Hinnant's `days_from_civil` / `civil_from_days`, exact over the
/// whole `Int32` range.
public struct Day: Hashable, Comparable, Sendable, Strideable {
    /// Days since 1970-01-01 (negative before it).
    public var number: Int32

    @inlinable public init(number: Int32) { self.number = number }

    /// The day of a valid civil date; `nil` when month or day is out of range.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysInMonth(year: year, month: month) else { return nil }
        self.number = Int32(Day.daysFromCivil(year: year, month: month, day: day))
    }

    /// Written out: without it `Equatable` takes `Strideable`'s default, `distance(to:) == 0`, which
    /// is slower and used to trap for days more than `Int32.max` apart (records carry any `Int32`).
    public static func == (lhs: Day, rhs: Day) -> Bool { lhs.number == rhs.number }
    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }
    public func advanced(by n: Int) -> Day { Day(number: number + Int32(n)) }
    /// In `Int`, so any two days have a distance (`Int32` subtraction overflows past 2^31 days).
    public func distance(to other: Day) -> Int { Int(other.number) - Int(number) }

    /// Year, month (1–12) and day of month (1–31).
    public var civil: (year: Int, month: Int, day: Int) { Day.civilFromDays(Int(number)) }

    /// ISO 8601 weekday: Monday = 1 … Sunday = 7.
    public var isoWeekday: Int {
        let n = Int(number)
        // 1970-01-01 was a Thursday (4).
        return ((n % 7 + 7) % 7 + 3) % 7 + 1
    }

    /// `YYYY-MM-DD`.
    public var isoString: String {
        let c = civil
        return Day.pad(c.year, 4) + "-" + Day.pad(c.month, 2) + "-" + Day.pad(c.day, 2)
    }

    // MARK: - Civil arithmetic

    public static func isLeapYear(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    @usableFromInline
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    @usableFromInline
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

extension Day: CustomStringConvertible {
    public var description: String { isoString }
}
