//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// A report period: an inclusive span of calendar days in the account's zone (SPEC §5).
///
/// A period is resolved once, against *now* and the account's zone, into
/// plain days, so reports only compare `Day`s; `id` keeps the user-facing
/// form (`2026-W47`, `2026-Q4`, `2026-11-01..2026-11-15`), and a relative
/// period (`this_week`) is stored as what it resolved to.
///
/// ```swift
/// let week = try Period.parse("2026-W01", now: .now, zone: .utc)
/// week.from      // 2025-12-29
/// week.previous  // 2025-W52
/// ```
public struct Period: Hashable, Sendable {
    /// What a period spans; every kind but `range` is a calendar unit.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case day, week, month, quarter, year, range
    }

    /// The longest range accepted, in days (SPEC §5): ten years and change.
    public static let maxRangeDays = 3_660

    public let kind: Kind
    /// The period as written in outputs: `2026-11-20`, `2026-W47`, `2026-11`, `2026-Q4`, `2026` or `FROM..TO`.
    public let id: String
    /// The first day, inclusive.
    public let from: Day
    /// The last day, inclusive.
    public let to: Day

    init(kind: Kind, id: String, from: Day, to: Day) {
        self.kind = kind
        self.id = id
        self.from = from
        self.to = to
    }

    // MARK: - Calendar units

    /// The single day `day`.
    public static func day(_ day: Day) -> Period {
        Period(kind: .day, id: day.isoString, from: day, to: day)
    }

    /// The ISO week (Monday–Sunday) containing `day`, e.g. `2026-W53`.
    public static func week(containing day: Day) -> Period {
        let (year, week) = day.isoWeek
        let monday = day.isoWeekMonday
        return Period(
            kind: .week, id: Day.pad(year, 4) + "-W" + Day.pad(week, 2), from: monday, to: monday.advanced(by: 6))
    }

    /// The calendar month containing `day`, e.g. `2026-11`.
    public static func month(containing day: Day) -> Period {
        let (year, month, _) = day.civil
        return months(year: year, first: month, count: 1, kind: .month, id: Day.pad(year, 4) + "-" + Day.pad(month, 2))
    }

    /// The calendar quarter containing `day`, e.g. `2026-Q4`.
    public static func quarter(containing day: Day) -> Period {
        let (year, month, _) = day.civil
        let quarter = (month - 1) / 3 + 1
        return months(
            year: year, first: quarter * 3 - 2, count: 3, kind: .quarter, id: Day.pad(year, 4) + "-Q" + String(quarter))
    }

    /// The calendar year containing `day`, e.g. `2026`.
    public static func year(containing day: Day) -> Period {
        let year = day.civil.year
        return months(year: year, first: 1, count: 12, kind: .year, id: Day.pad(year, 4))
    }

    /// The inclusive days `from...to`, identified as `FROM..TO` even when they are one day (SPEC §5).
    /// - Precondition: `from <= to`; `parse` checks it, and the length limit, for user input.
    public static func range(from: Day, to: Day) -> Period {
        precondition(from <= to, "a range ends on or after its start")
        return Period(kind: .range, id: from.isoString + ".." + to.isoString, from: from, to: to)
    }

    private static func months(year: Int, first: Int, count: Int, kind: Kind, id: String) -> Period {
        let last = first + count - 1
        let from = Day(number: Int32(Day.daysFromCivil(year: year, month: first, day: 1)))
        let to = Day(
            number: Int32(Day.daysFromCivil(year: year, month: last, day: Day.daysInMonth(year: year, month: last))))
        return Period(kind: kind, id: id, from: from, to: to)
    }

    // MARK: - Derived

    /// The period of the same kind just before this one; for a range, the
    /// same number of days just before (SPEC §5). Executive reports compare
    /// against it.
    public var previous: Period {
        let dayBefore = from.advanced(by: -1)
        switch kind {
        case .day: return .day(dayBefore)
        case .week: return .week(containing: dayBefore)
        case .month: return .month(containing: dayBefore)
        case .quarter: return .quarter(containing: dayBefore)
        case .year: return .year(containing: dayBefore)
        case .range: return .range(from: from.advanced(by: -dayCount), to: dayBefore)
        }
    }

    /// Whether the Sources of Leads widget takes this period: a day, week or month (SPEC §8).
    public var isWidgetPeriod: Bool { kind == .day || kind == .week || kind == .month }

    /// The number of days, `to` included.
    public var dayCount: Int { from.distance(to: to) + 1 }

    /// The days of the period, for iterating or `contains`.
    public var days: ClosedRange<Day> { from...to }

    /// Whether `day` lies in the period (both ends inclusive).
    public func contains(_ day: Day) -> Bool { from <= day && day <= to }
}

extension Period: CustomStringConvertible {
    public var description: String { id + " (" + from.isoString + "..." + to.isoString + ")" }
}
