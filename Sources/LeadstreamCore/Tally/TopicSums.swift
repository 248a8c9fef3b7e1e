//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// An account's tally summed per live-topic period (each day, ISO week and
/// month with leads), projected to what the live topics read, and kept up to
/// date delta by delta: a topic's report then reads a few hundred sums instead
/// of every cell of every day of its period (docs/cluster.md, the query path).
///
/// The executive report and the widget read cells by kind (`CellKind`), the
/// dashboard summary by office, user and status; those are the two
/// projections. Both are sums of the tally's cells, so a report over them is
/// the report over the tally (tests compare the two after every fixture).
public struct TopicSums: Sendable, Equatable {
    /// A period's first and last day.
    public struct Range: Hashable, Sendable {
        public var from: Day
        public var to: Day

        public init(from: Day, to: Day) {
            self.from = from
            self.to = to
        }
    }

    /// One period's projections; `people` is kept for weeks and months (the dashboard has no day topic).
    public struct Sums: Sendable, Equatable {
        public internal(set) var kinds: [CellKind: Int] = [:]
        public internal(set) var people: [PeopleStatus: Int] = [:]
    }

    /// An (office, user) pair by ids and a current status.
    public struct PeopleStatus: Hashable, Sendable {
        /// office << 32 | user, as in `CellKey`.
        public var people: UInt64
        public var status: LeadStatus
    }

    public private(set) var ranges: [Range: Sums] = [:]
    /// The week and month of the last day added: deltas come in runs of one day.
    private var lastDay: Day?
    private var lastWeek = Range(from: Day(number: 0), to: Day(number: 0))
    private var lastMonth = Range(from: Day(number: 0), to: Day(number: 0))

    public init() {}

    /// The sums of a whole tally (a start from a checkpoint, a timezone change).
    public init(_ tally: AccountTally) {
        for (day, cells) in tally.days {
            for (cell, n) in cells { add(day, cell, n) }
        }
    }

    public mutating func add(_ day: Day, _ cell: CellKey, _ n: Int) {
        guard n != 0 else { return }
        if lastDay != day {
            // The week's and month's bounds by arithmetic: a `Period` also spells its id, a string per delta.
            let monday = day.isoWeekMonday
            lastWeek = Range(from: monday, to: monday.advanced(by: 6))
            let (year, month, _) = day.civil
            lastMonth = Range(
                from: Day(number: Int32(Day.daysFromCivil(year: year, month: month, day: 1))),
                to: Day(number: Int32(Day.daysFromCivil(year: year, month: month, day: Day.daysInMonth(year: year, month: month)))))
            lastDay = day
        }
        let kind = CellKind(
            source: cell.source, status: cell.status, initialStatus: cell.initialStatus, leadType: cell.leadType)
        let people = PeopleStatus(people: cell.people, status: cell.status)
        Self.add(&ranges[Range(from: day, to: day), default: Sums()], kind, nil, n)
        Self.add(&ranges[lastWeek, default: Sums()], kind, people, n)
        Self.add(&ranges[lastMonth, default: Sums()], kind, people, n)
    }

    private static func add(_ sums: inout Sums, _ kind: CellKind, _ people: PeopleStatus?, _ n: Int) {
        if bump(&sums.kinds[kind, default: 0], n) { sums.kinds[kind] = nil }
        if let people, bump(&sums.people[people, default: 0], n) { sums.people[people] = nil }
    }

    private static func bump(_ v: inout Int, _ n: Int) -> Bool {
        v += n
        return v == 0
    }

    public static func == (a: TopicSums, b: TopicSums) -> Bool {
        a.ranges.filter { !$0.value.kinds.isEmpty || !$0.value.people.isEmpty }
            == b.ranges.filter { !$0.value.kinds.isEmpty || !$0.value.people.isEmpty }
    }

    /// The sums as the report code counts: a period with sums is read from them, any other range (an
    /// executive report's previous period without leads, a filtered query) from the tally itself.
    public func counting(_ tally: NamedTally) -> TopicCounting { TopicCounting(sums: self, tally: tally) }
}

/// `LeadCounting` over an account's `TopicSums`, with its tally for everything else.
public struct TopicCounting: LeadCounting, Sendable {
    let sums: TopicSums
    let tally: NamedTally

    public func forEachCell(from: Day, to: Day, _ body: (CountKey, Int) -> Void) {
        tally.forEachCell(from: from, to: to, body)
    }

    public func forEachCellKind(from: Day, to: Day, office: String?, _ body: (CellKind, Int) -> Void) {
        guard office == nil, let s = sums.ranges[TopicSums.Range(from: from, to: to)] else {
            return tally.forEachCellKind(from: from, to: to, office: office, body)
        }
        for (kind, n) in s.kinds { body(kind, n) }
    }

    public func forEachOfficeUserStatus(from: Day, to: Day, _ body: (String, String, LeadStatus, Int) -> Void) {
        guard from != to, let s = sums.ranges[TopicSums.Range(from: from, to: to)] else {
            return tally.forEachOfficeUserStatus(from: from, to: to, body)
        }
        let names = tally.names
        for (key, n) in s.people {
            body(
                names.name(UInt32(truncatingIfNeeded: key.people >> 32)),
                names.name(UInt32(truncatingIfNeeded: key.people)), key.status, n)
        }
    }
}
