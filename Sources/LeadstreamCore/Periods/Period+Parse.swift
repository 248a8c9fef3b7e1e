//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// Reading the period forms of SPEC §5.
///
/// The grammar is strict on purpose: `2026-w47`, `2026-W7`, `Today` or
/// `2026/11` are refused rather than guessed at, so a typo is reported as
/// `invalid_period` instead of silently producing another period's figures.
/// Only ASCII digits count as digits, and years run from 0001 to 9999.
extension Period {
    /// The relative forms, resolved against *now* in the account's zone.
    public static let relativeForms = [
        "today", "yesterday", "this_week", "last_week", "this_month", "last_month",
        "this_quarter", "last_quarter", "this_year", "last_year",
    ]

    /// Parses a period given by a user.
    ///
    /// - Parameters:
    ///   - text: `YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`, `YYYY-Qn`, `YYYY`,
    ///     `YYYY-MM-DD..YYYY-MM-DD` (at most 3,660 days) or one of `relativeForms`.
    ///   - now: the instant relative forms are resolved against (`--now` / `now=`).
    ///   - zone: the account's zone; `today` is the date of `now` there.
    /// - Throws: `Rejection(.invalidPeriod, field: "period", …)` saying what is wrong.
    public static func parse(_ text: String, now: Timestamp, zone: Zone) throws(Rejection) -> Period {
        if let relative = resolveRelative(text, today: zone.day(of: now)) { return relative }
        let bytes = Array(text.utf8)
        let dash = UInt8(ascii: "-")
        switch bytes.count {
        case 4:
            return .year(containing: try date(text, year: try parseYear(bytes, text), month: 1, day: 1))
        case 7 where bytes[4] == dash && bytes[5] == UInt8(ascii: "Q"):
            let year = try parseYear(bytes, text)
            guard let quarter = number(bytes, 6, 1), (1...4).contains(quarter) else {
                throw invalid(text, "the quarter must be Q1, Q2, Q3 or Q4")
            }
            return .quarter(containing: try date(text, year: year, month: quarter * 3, day: 1))
        case 7 where bytes[4] == dash:
            let year = try parseYear(bytes, text)
            guard let month = number(bytes, 5, 2) else { throw invalid(text, nil) }
            return .month(containing: try date(text, year: year, month: month, day: 1))
        case 8 where bytes[4] == dash && bytes[5] == UInt8(ascii: "W"):
            return try week(bytes, text)
        case 10:
            return .day(try day(bytes, at: 0, text))
        case 22 where bytes[10] == UInt8(ascii: ".") && bytes[11] == UInt8(ascii: "."):
            let start = try day(bytes, at: 0, text)
            let end = try day(bytes, at: 12, text)
            guard start <= end else { throw invalid(text, "the range ends before it starts") }
            let length = start.distance(to: end) + 1
            guard length <= maxRangeDays else {
                throw invalid(text, "the range spans \(length) days; at most \(maxRangeDays) are allowed")
            }
            return .range(from: start, to: end)
        default:
            throw invalid(text, nil)
        }
    }

    // MARK: - Forms

    /// `today` … `last_year` as the period they name today; `nil` for any other text (case-sensitive).
    static func resolveRelative(_ text: String, today: Day) -> Period? {
        switch text {
        case "today": return .day(today)
        case "yesterday": return .day(today.advanced(by: -1))
        case "this_week": return .week(containing: today)
        case "last_week": return Period.week(containing: today).previous
        case "this_month": return .month(containing: today)
        case "last_month": return Period.month(containing: today).previous
        case "this_quarter": return .quarter(containing: today)
        case "last_quarter": return Period.quarter(containing: today).previous
        case "this_year": return .year(containing: today)
        case "last_year": return Period.year(containing: today).previous
        default: return nil
        }
    }

    /// `YYYY-Www`: two digits, 01 up to the number of weeks of that ISO year.
    private static func week(_ bytes: [UInt8], _ text: String) throws(Rejection) -> Period {
        let year = try parseYear(bytes, text)
        guard let week = number(bytes, 6, 2) else { throw invalid(text, nil) }
        guard let monday = Day.isoWeekStart(year: year, week: week) else {
            throw invalid(text, "ISO year \(Day.pad(year, 4)) has weeks W01 to W\(Day.isoWeekCount(year: year))")
        }
        return .week(containing: monday)
    }

    /// The `YYYY-MM-DD` date starting at byte `offset`; it must exist.
    private static func day(_ bytes: [UInt8], at offset: Int, _ text: String) throws(Rejection) -> Day {
        guard bytes[offset + 4] == UInt8(ascii: "-"), bytes[offset + 7] == UInt8(ascii: "-"),
            let year = number(bytes, offset, 4), let month = number(bytes, offset + 5, 2),
            let day = number(bytes, offset + 8, 2)
        else { throw invalid(text, nil) }
        guard year >= 1 else { throw invalid(text, "years run from 0001 to 9999") }
        return try date(text, year: year, month: month, day: day)
    }

    /// The day `year-month-day`, or why there is none.
    private static func date(_ text: String, year: Int, month: Int, day: Int) throws(Rejection) -> Day {
        guard (1...12).contains(month) else { throw invalid(text, "there is no month \(Day.pad(month, 2))") }
        guard let date = Day(year: year, month: month, day: day) else {
            throw invalid(text, "\(Day.pad(year, 4))-\(Day.pad(month, 2)) has no day \(Day.pad(day, 2))")
        }
        return date
    }

    // MARK: - Pieces

    /// The four-digit year at the start of the text, 0001–9999.
    private static func parseYear(_ bytes: [UInt8], _ text: String) throws(Rejection) -> Int {
        guard let year = number(bytes, 0, 4) else { throw invalid(text, nil) }
        guard year >= 1 else { throw invalid(text, "years run from 0001 to 9999") }
        return year
    }

    /// The unsigned decimal number in the `count` bytes from `offset`; `nil` unless all are ASCII digits.
    private static func number(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in bytes[offset..<offset + count] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func invalid(_ text: String, _ reason: String?) -> Rejection {
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        let message =
            reason.map { "'\(shown)' is not a valid period: \($0)" }
            ?? "'\(shown)' is not a period; use YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY-Qn, YYYY, "
            + "YYYY-MM-DD..YYYY-MM-DD or one of " + relativeForms.joined(separator: ", ")
        return Rejection(.invalidPeriod, field: "period", message)
    }
}
