//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// ISO 8601 week dates (SPEC §5: `YYYY-Www`, Monday–Sunday).
///
/// An ISO week belongs to the year of its Thursday, so the week-year differs
/// from the calendar year for up to three days at either end (2026-W01 starts
/// on 2025-12-29; 2027-01-03 is in 2026-W53). A year has 53 weeks exactly
/// when it starts on a Thursday, or is a leap year starting on a Wednesday.
extension Day {
    /// The ISO week-year and week number (1–53) this day belongs to.
    public var isoWeek: (year: Int, week: Int) {
        let thursday = advanced(by: 4 - isoWeekday)
        let year = thursday.civil.year
        let firstOfYear = Day(number: Int32(Day.daysFromCivil(year: year, month: 1, day: 1)))
        return (year, firstOfYear.distance(to: thursday) / 7 + 1)
    }

    /// The Monday that starts this day's ISO week.
    public var isoWeekMonday: Day { advanced(by: 1 - isoWeekday) }

    /// The number of ISO weeks in ISO year `year`: 52 or 53.
    public static func isoWeekCount(year: Int) -> Int {
        // December 28 is always in the last week of its ISO year.
        Day(number: Int32(daysFromCivil(year: year, month: 12, day: 28))).isoWeek.week
    }

    /// The Monday of ISO week `week` of ISO year `year`; `nil` when the year has no such week.
    public static func isoWeekStart(year: Int, week: Int) -> Day? {
        guard week >= 1, week <= isoWeekCount(year: year) else { return nil }
        // January 4 is always in week 1.
        let january4 = Day(number: Int32(daysFromCivil(year: year, month: 1, day: 4)))
        return january4.isoWeekMonday.advanced(by: 7 * (week - 1))
    }
}
