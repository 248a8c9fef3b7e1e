//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Testing

@testable import LeadstreamCore

/// The period forms of SPEC §5 and their previous periods.
struct PeriodTests {
    /// 2026-12-31T16:00:00Z: still 2026-12-31 in UTC, already 2027-01-01 01:00 in Tokyo.
    static let now = Timestamp(seconds: 1_798_732_800)
    static let tokyo = Zone.named("Asia/Tokyo")!

    /// One expected parse: the text, its kind, `id from to`, and the previous period's `id from to`.
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var kind: Period.Kind
        var period: String
        var previous: String
        var testDescription: String { text }
    }

    private func describe(_ p: Period) -> String { "\(p.id) \(p.from) \(p.to)" }

    static let absolute: [Case] = [
        Case(
            text: "2026-11-20", kind: .day, period: "2026-11-20 2026-11-20 2026-11-20",
            previous: "2026-11-19 2026-11-19 2026-11-19"),
        Case(
            text: "2026-03-01", kind: .day, period: "2026-03-01 2026-03-01 2026-03-01",
            previous: "2026-02-28 2026-02-28 2026-02-28"),
        Case(
            text: "2026-W47", kind: .week, period: "2026-W47 2026-11-16 2026-11-22",
            previous: "2026-W46 2026-11-09 2026-11-15"),
        Case(
            text: "2026-W01", kind: .week, period: "2026-W01 2025-12-29 2026-01-04",
            previous: "2025-W52 2025-12-22 2025-12-28"),
        Case(
            text: "2026-W53", kind: .week, period: "2026-W53 2026-12-28 2027-01-03",
            previous: "2026-W52 2026-12-21 2026-12-27"),
        Case(
            text: "2027-W01", kind: .week, period: "2027-W01 2027-01-04 2027-01-10",
            previous: "2026-W53 2026-12-28 2027-01-03"),
        Case(
            text: "2026-11", kind: .month, period: "2026-11 2026-11-01 2026-11-30",
            previous: "2026-10 2026-10-01 2026-10-31"),
        Case(
            text: "2027-01", kind: .month, period: "2027-01 2027-01-01 2027-01-31",
            previous: "2026-12 2026-12-01 2026-12-31"),
        Case(
            text: "2024-03", kind: .month, period: "2024-03 2024-03-01 2024-03-31",
            previous: "2024-02 2024-02-01 2024-02-29"),
        Case(
            text: "2026-Q4", kind: .quarter, period: "2026-Q4 2026-10-01 2026-12-31",
            previous: "2026-Q3 2026-07-01 2026-09-30"),
        Case(
            text: "2026-Q1", kind: .quarter, period: "2026-Q1 2026-01-01 2026-03-31",
            previous: "2025-Q4 2025-10-01 2025-12-31"),
        Case(text: "2026", kind: .year, period: "2026 2026-01-01 2026-12-31", previous: "2025 2025-01-01 2025-12-31"),
        Case(text: "0002", kind: .year, period: "0002 0002-01-01 0002-12-31", previous: "0001 0001-01-01 0001-12-31"),
        Case(
            text: "2026-12-20..2026-12-31", kind: .range, period: "2026-12-20..2026-12-31 2026-12-20 2026-12-31",
            previous: "2026-12-08..2026-12-19 2026-12-08 2026-12-19"),
        Case(
            text: "2026-11-01..2026-11-03", kind: .range, period: "2026-11-01..2026-11-03 2026-11-01 2026-11-03",
            previous: "2026-10-29..2026-10-31 2026-10-29 2026-10-31"),
        Case(
            text: "2026-12-31..2026-12-31", kind: .range, period: "2026-12-31..2026-12-31 2026-12-31 2026-12-31",
            previous: "2026-12-30..2026-12-30 2026-12-30 2026-12-30"),
        Case(
            text: "2020-01-01..2030-01-07", kind: .range, period: "2020-01-01..2030-01-07 2020-01-01 2030-01-07",
            previous: "2009-12-24..2019-12-31 2009-12-24 2019-12-31"),
    ]

    @Test(arguments: absolute)
    func everyFormParsesWithItsPreviousPeriod(_ c: Case) throws {
        let period = try Period.parse(c.text, now: Self.now, zone: .utc)
        #expect(period.kind == c.kind)
        #expect(describe(period) == c.period)
        #expect(period.previous.kind == c.kind)
        #expect(describe(period.previous) == c.previous)
        #expect(period.previous.to.advanced(by: 1) == period.from)
    }

    static let relativeInTokyo: [Case] = [
        Case(
            text: "today", kind: .day, period: "2027-01-01 2027-01-01 2027-01-01",
            previous: "2026-12-31 2026-12-31 2026-12-31"),
        Case(
            text: "yesterday", kind: .day, period: "2026-12-31 2026-12-31 2026-12-31",
            previous: "2026-12-30 2026-12-30 2026-12-30"),
        Case(
            text: "this_week", kind: .week, period: "2026-W53 2026-12-28 2027-01-03",
            previous: "2026-W52 2026-12-21 2026-12-27"),
        Case(
            text: "last_week", kind: .week, period: "2026-W52 2026-12-21 2026-12-27",
            previous: "2026-W51 2026-12-14 2026-12-20"),
        Case(
            text: "this_month", kind: .month, period: "2027-01 2027-01-01 2027-01-31",
            previous: "2026-12 2026-12-01 2026-12-31"),
        Case(
            text: "last_month", kind: .month, period: "2026-12 2026-12-01 2026-12-31",
            previous: "2026-11 2026-11-01 2026-11-30"),
        Case(
            text: "this_quarter", kind: .quarter, period: "2027-Q1 2027-01-01 2027-03-31",
            previous: "2026-Q4 2026-10-01 2026-12-31"),
        Case(
            text: "last_quarter", kind: .quarter, period: "2026-Q4 2026-10-01 2026-12-31",
            previous: "2026-Q3 2026-07-01 2026-09-30"),
        Case(
            text: "this_year", kind: .year, period: "2027 2027-01-01 2027-12-31", previous: "2026 2026-01-01 2026-12-31"
        ),
        Case(
            text: "last_year", kind: .year, period: "2026 2026-01-01 2026-12-31", previous: "2025 2025-01-01 2025-12-31"
        ),
    ]

    static let relativeInUTC: [Case] = [
        Case(
            text: "today", kind: .day, period: "2026-12-31 2026-12-31 2026-12-31",
            previous: "2026-12-30 2026-12-30 2026-12-30"),
        Case(
            text: "yesterday", kind: .day, period: "2026-12-30 2026-12-30 2026-12-30",
            previous: "2026-12-29 2026-12-29 2026-12-29"),
        Case(
            text: "this_week", kind: .week, period: "2026-W53 2026-12-28 2027-01-03",
            previous: "2026-W52 2026-12-21 2026-12-27"),
        Case(
            text: "last_week", kind: .week, period: "2026-W52 2026-12-21 2026-12-27",
            previous: "2026-W51 2026-12-14 2026-12-20"),
        Case(
            text: "this_month", kind: .month, period: "2026-12 2026-12-01 2026-12-31",
            previous: "2026-11 2026-11-01 2026-11-30"),
        Case(
            text: "last_month", kind: .month, period: "2026-11 2026-11-01 2026-11-30",
            previous: "2026-10 2026-10-01 2026-10-31"),
        Case(
            text: "this_quarter", kind: .quarter, period: "2026-Q4 2026-10-01 2026-12-31",
            previous: "2026-Q3 2026-07-01 2026-09-30"),
        Case(
            text: "last_quarter", kind: .quarter, period: "2026-Q3 2026-07-01 2026-09-30",
            previous: "2026-Q2 2026-04-01 2026-06-30"),
        Case(
            text: "this_year", kind: .year, period: "2026 2026-01-01 2026-12-31", previous: "2025 2025-01-01 2025-12-31"
        ),
        Case(
            text: "last_year", kind: .year, period: "2025 2025-01-01 2025-12-31", previous: "2024 2024-01-01 2024-12-31"
        ),
    ]

    @Test(arguments: relativeInTokyo)
    func relativeFormsResolveInTheAccountZone(_ c: Case) throws {
        let period = try Period.parse(c.text, now: Self.now, zone: Self.tokyo)
        #expect(period.kind == c.kind)
        #expect(describe(period) == c.period)
        #expect(describe(period.previous) == c.previous)
    }

    @Test(arguments: relativeInUTC)
    func relativeFormsResolveInUTC(_ c: Case) throws {
        let period = try Period.parse(c.text, now: Self.now, zone: .utc)
        #expect(period.kind == c.kind)
        #expect(describe(period) == c.period)
        #expect(describe(period.previous) == c.previous)
    }

    @Test(arguments: [
        "Today", "TODAY", "today ", "last_decade", "2026-w47", "2026-W7", "2026-W00", "2026-W54", "2025-W53",
        "2026-02-30", "2026-13", "2026-00", "2026-Q5", "2026-Q0", "2026-q4", "2026/11", "26", "02026", "0000",
        "0000-01-01", "2026-11-1", "2026-1-01", "+026-11-01", "2026-11-15..2026-11-01", "2020-01-01..2030-01-08",
        "2026-11-01...2026-11-15", "2026-11-01..2026-11-31", "2026-11-01 2026-11-15", "", "２０２６", "2026-W4７",
    ])
    func malformedPeriodsAreInvalidPeriod(text: String) {
        do {
            let period = try Period.parse(text, now: Self.now, zone: .utc)
            Issue.record("'\(text)' parsed as \(period)")
        } catch {
            #expect(error.code == .invalidPeriod)
            #expect(error.field == "period")
            #expect(!error.message.isEmpty)
        }
    }

    @Test func rangesAreLimitedTo3660Days() throws {
        #expect(try Period.parse("2020-01-01..2030-01-07", now: Self.now, zone: .utc).dayCount == 3_660)
        #expect(throws: Rejection.self) { try Period.parse("2020-01-01..2030-01-08", now: Self.now, zone: .utc) }
    }

    @Test func aOneDayRangeKeepsItsRangeId() throws {
        let period = try Period.parse("2026-12-31..2026-12-31", now: Self.now, zone: .utc)
        #expect(period.kind == .range)
        #expect(period.id == "2026-12-31..2026-12-31")
        #expect(period.dayCount == 1)
        #expect(!period.isWidgetPeriod)
    }

    @Test func onlyDaysWeeksAndMonthsAreWidgetPeriods() throws {
        let widget = try ["2026-11-20", "2026-W47", "2026-11", "today", "this_week", "last_month"].map {
            try Period.parse($0, now: Self.now, zone: .utc).isWidgetPeriod
        }
        let other = try ["2026-Q4", "2026", "2026-11-01..2026-11-02", "this_quarter", "last_year"].map {
            try Period.parse($0, now: Self.now, zone: .utc).isWidgetPeriod
        }
        #expect(widget.allSatisfy { $0 })
        #expect(other.allSatisfy { !$0 })
    }

    @Test func containsIncludesBothEnds() throws {
        let week = try Period.parse("2026-W53", now: Self.now, zone: .utc)
        #expect(week.dayCount == 7)
        #expect(week.contains(Day(year: 2026, month: 12, day: 28)!))
        #expect(week.contains(Day(year: 2027, month: 1, day: 3)!))
        #expect(!week.contains(Day(year: 2026, month: 12, day: 27)!))
        #expect(!week.contains(Day(year: 2027, month: 1, day: 4)!))
    }

    /// Walking back through `previous` must tile the calendar with no gap or overlap,
    /// and every id must parse back to the same period.
    @Test(arguments: ["2030-W01", "2030-01", "2030-Q1", "2030", "2030-01-01", "2030-01-01..2030-01-10"])
    func previousPeriodsTileTheCalendarAndRoundTrip(start: String) throws {
        var period = try Period.parse(start, now: Self.now, zone: .utc)
        for _ in 0..<800 where period.from.civil.year > 1901 {
            let previous = period.previous
            #expect(previous.to.advanced(by: 1) == period.from)
            #expect(previous.kind == period.kind)
            #expect(try Period.parse(previous.id, now: Self.now, zone: .utc) == previous)
            period = previous
        }
    }

    @Test func constructorsAgreeForEveryDayOfTheirPeriod() {
        var day = Day(year: 2026, month: 12, day: 1)!
        while day <= Day(year: 2027, month: 1, day: 10)! {
            #expect(Period.week(containing: day).contains(day))
            #expect(Period.month(containing: day).contains(day))
            #expect(Period.quarter(containing: day).contains(day))
            #expect(Period.year(containing: day).contains(day))
            #expect(Period.day(day).dayCount == 1)
            day = day.advanced(by: 1)
        }
        #expect(Period.week(containing: Day(year: 2027, month: 1, day: 3)!).id == "2026-W53")
        #expect(Period.quarter(containing: Day(year: 2026, month: 8, day: 15)!).id == "2026-Q3")
    }
}
