//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Testing

@testable import LeadstreamCore

/// Civil dates and ISO 8601 week dates (SPEC §5 weeks are `YYYY-Www`, Monday–Sunday).
struct DayTests {
    private func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }

    @Test func civilDateRoundTripsForEveryDayOfFourCenturies() {
        var current = day(1800, 1, 1)
        let end = day(2200, 12, 31)
        while current <= end {
            let c = current.civil
            #expect(Day(year: c.year, month: c.month, day: c.day) == current)
            current = current.advanced(by: 1)
        }
    }

    @Test func isoWeekRoundTripsForEveryDayFrom1900To2200() {
        var current = day(1900, 1, 1)
        let end = day(2200, 12, 31)
        var failures = 0
        while current <= end {
            let (year, week) = current.isoWeek
            let monday = Day.isoWeekStart(year: year, week: week)
            if monday?.advanced(by: current.isoWeekday - 1) != current || monday?.isoWeekday != 1
                || !(1...Day.isoWeekCount(year: year)).contains(week)
            {
                failures += 1
            }
            current = current.advanced(by: 1)
        }
        #expect(failures == 0)
    }

    @Test func isoWeekdayCountsMondayAsOne() {
        #expect(day(1970, 1, 1).isoWeekday == 4)
        #expect(day(2026, 11, 16).isoWeekday == 1)
        #expect(day(2026, 11, 22).isoWeekday == 7)
        #expect(day(1969, 12, 28).isoWeekday == 7)
    }

    @Test(arguments: [2004, 2009, 2015, 2020, 2026, 2032, 2037, 2043])
    func week53ExistsOnlyInLongIsoYears(year: Int) {
        #expect(Day.isoWeekCount(year: year) == 53)
        #expect(Day.isoWeekStart(year: year, week: 53) != nil)
        #expect(Day.isoWeekCount(year: year + 1) == 52)
        #expect(Day.isoWeekStart(year: year + 1, week: 53) == nil)
    }

    @Test func isoWeekYearDiffersFromCalendarYearAtTheEdges() {
        #expect(day(2025, 12, 29).isoWeek == (2026, 1))
        #expect(day(2027, 1, 3).isoWeek == (2026, 53))
        #expect(day(2027, 1, 4).isoWeek == (2027, 1))
        #expect(day(2024, 12, 30).isoWeek == (2025, 1))
        #expect(day(2021, 1, 3).isoWeek == (2020, 53))
    }

    @Test func isoWeekStartIsTheMondayOfThatWeek() {
        #expect(Day.isoWeekStart(year: 2026, week: 1) == day(2025, 12, 29))
        #expect(Day.isoWeekStart(year: 2026, week: 47) == day(2026, 11, 16))
        #expect(Day.isoWeekStart(year: 2026, week: 53) == day(2026, 12, 28))
        #expect(Day.isoWeekStart(year: 2027, week: 1) == day(2027, 1, 4))
    }

    @Test(arguments: [0, -1, 54, 99])
    func isoWeekStartRefusesWeeksOutsideTheYear(week: Int) {
        #expect(Day.isoWeekStart(year: 2026, week: week) == nil)
    }
}
