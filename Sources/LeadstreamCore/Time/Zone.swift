//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// An account's timezone: a validated tz database name and its UTC offsets.
///
/// SPEC §1 buckets every lead by the calendar date of its `occurred_at` in
/// the account's *current* zone, so `day(of:)` runs for every event and, on a
/// timezone change, for every lead of the account. A zone therefore carries
/// its offsets as an immutable transition table (`ZoneRules`) shared by all
/// copies, and a lookup takes no lock. Two zones are equal when their names
/// are: `US/Central` and `America/Chicago` are different settings even though
/// they bucket alike.
///
/// ```swift
/// let chicago = Zone.named("America/Chicago")!
/// chicago.day(of: Timestamp(seconds: 1_793_516_400))   // 2026-11-01
/// ```
public struct Zone: Hashable, Sendable {
    /// The tz database name, exactly as the account set it.
    public let name: String
    let rules: ZoneRules

    /// The default zone of every account (SPEC §1).
    public static let utc = Zone(name: "UTC", rules: ZoneRules(fixedOffset: 0))

    /// The zone of a tz database name, case-sensitive; `nil` when unknown.
    ///
    /// A name is known when it is a regular file under `/usr/share/zoneinfo`
    /// (the system's tz database, SPEC §1) *and* Foundation can compute its
    /// offsets, so `utc`, `america/chicago` and `GMT+5` are all refused.
    /// Validated zones are cached for the life of the process.
    public static func named(_ name: String) -> Zone? {
        ZoneCatalog.zone(named: name)
    }

    public static func == (lhs: Zone, rhs: Zone) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    // MARK: - Offsets and days

    /// Seconds to add to UTC to get the local wall-clock time at `t`
    /// (e.g. `20_700` for Asia/Kathmandu, `-18_000` for Chicago in summer).
    public func utcOffsetSeconds(at t: Timestamp) -> Int {
        rules.offset(atSecond: t.epochSeconds)
    }

    /// The local calendar day of an instant in this zone.
    ///
    /// Exact for every instant (the offset is looked up for the instant's own
    /// second, not per day), including days of 23 or 25 hours.
    public func day(of t: Timestamp) -> Day {
        let second = t.epochSeconds
        let local = second + Int64(rules.offset(atSecond: second))
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return Day(number: Int32(truncatingIfNeeded: days))
    }

    /// Today's date in this zone at `now`: what relative periods are resolved against (SPEC §5).
    public func today(now: Timestamp) -> Day { day(of: now) }

    /// The first second whose local date is `day` or later.
    ///
    /// Live results need it to know when a day (and so `today`, `this_week`, …)
    /// rolls over. Found by bisection over the 52 hours around the UTC
    /// midnight, so it is right for days that start at 01:00 after a DST jump.
    public func start(of day: Day) -> Timestamp {
        var low = Int64(day.number) * 86_400 - 26 * 3_600  // local date is still before `day`
        var high = Int64(day.number) * 86_400 + 26 * 3_600  // local date is `day` or later
        while high - low > 1 {
            let mid = low + (high - low) / 2
            if self.day(of: Timestamp(seconds: mid)) >= day { high = mid } else { low = mid }
        }
        return Timestamp(seconds: high)
    }
}

extension Zone: CustomStringConvertible {
    public var description: String { name }
}
