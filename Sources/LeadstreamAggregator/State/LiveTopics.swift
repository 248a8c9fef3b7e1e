//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// The live topics of SPEC §9 and what decides whether a touched topic
/// changed: each one's last version and figures. The messages themselves are
/// kept where `snapshot` reads them (`StateBoard.record`), once.
///
/// A topic's `version` is its account's accepted-event count (`as_of.seq`)
/// when its message was built, and each message names the version before it
/// (`previous_version`), so versions only grow, also across an aggregator
/// restart, and a subscriber sees a dropped message as a broken chain. A
/// figure changes only through its own account's events, so a new message
/// always has a greater version than the one before.
struct LiveTopics {
    struct Published {
        var topic: Topic
        var version: UInt64
        /// The report without `as_of`: a new message only when it differs (compared before any JSON is built).
        var figures: ReportResult
    }

    private(set) var published: [String: Published] = [:]
    /// Touched since their last build.
    private var dirty: Set<Topic> = []
    /// The round being published, by name from its end (next is `last`): the
    /// dirty topics when it started. A round may take several slices.
    private var round: [Topic] = []

    struct Topic: Hashable {
        var kind: ReportRequest.Kind
        var account: String
        var period: Period

        var name: String { LiveTopic(kind: kind, account: account, period: period.id).name }
    }

    /// Topics touched and not yet built again.
    var pending: Int { dirty.count + round.count }
    /// Whether a round is part-way: the loop goes on with it before waiting for the interval.
    var inRound: Bool { !round.isEmpty }

    /// Marks the topics of every touched day: its day (widget), week and month;
    /// and the executive topics of the following week and month already
    /// published, whose previous-period figures include this day.
    mutating func touch(_ touched: TouchedDays, state: AggregateState) {
        for account in touched.erased { withdraw(account) }
        for (account, days) in touched.days where !touched.whole.contains(account) {
            for day in days { touch(account, day) }
        }
        for account in touched.whole {
            for day in state.tally(of: account)?.days.keys ?? [:].keys { touch(account, day) }
            // Topics whose leads moved away or whose settings changed, too.
            for p in published.values where p.topic.account == account { dirty.insert(p.topic) }
        }
    }

    /// Forgets an erased account's topics (tenant erasure): they are no longer built, and their versions are
    /// gone (if the account sends again, its topics start afresh from version 0). Returns their names, for the
    /// board to drop their messages. Other accounts' topics keep their versions.
    @discardableResult
    mutating func withdraw(_ account: String) -> [String] {
        let names = published.values.filter { $0.topic.account == account }.map(\.topic.name)
        for name in names { published[name] = nil }
        dirty = dirty.filter { $0.account != account }
        round = round.filter { $0.account != account }
        return names
    }

    /// Marks every topic of every account with leads (after a start).
    mutating func touchEverything(_ state: AggregateState) {
        for account in state.registry.accounts.keys {
            for day in state.tally(of: account)?.days.keys ?? [:].keys { touch(account, day) }
        }
    }

    private mutating func touch(_ account: String, _ day: Day) {
        let week = Period.week(containing: day)
        let month = Period.month(containing: day)
        for period in [week, month] {
            dirty.insert(Topic(kind: .executive, account: account, period: period))
            dirty.insert(Topic(kind: .dashboard, account: account, period: period))
            dirty.insert(Topic(kind: .widget, account: account, period: period))
        }
        dirty.insert(Topic(kind: .widget, account: account, period: .day(day)))
        for next in [Period.week(containing: week.to.advanced(by: 1)), .month(containing: month.to.advanced(by: 1))] {
            let topic = Topic(kind: .executive, account: account, period: next)
            if published[topic.name] != nil { dirty.insert(topic) }
        }
    }

    /// Builds touched topics' messages, in name order, until `deadline` (at
    /// least one); returns those whose figures changed. Topics left over stay in
    /// the round for the next call, so a long round never holds the loop up:
    /// partials and queries are served between its slices. A round starts with
    /// what is dirty when the last one ended, so a topic goes out at most once
    /// a round.
    mutating func flush(_ state: AggregateState, until deadline: ContinuousClock.Instant = .now + .seconds(3600))
        -> [(topic: String, message: String)]
    {
        if round.isEmpty {
            round = dirty.map { ($0.name, $0) }.sorted { $0.0 > $1.0 }.map(\.1)  // each name built once
            dirty.removeAll(keepingCapacity: true)
        }
        var out: [(String, String)] = []
        while let topic = round.popLast() {
            if let message = build(topic, state) { out.append((topic.name, message)) }
            if ContinuousClock.now >= deadline { break }
        }
        return out
    }

    /// The topic's new message, `nil` when its figures did not change.
    private mutating func build(_ topic: Topic, _ state: AggregateState) -> String? {
        let name = topic.name
        dirty.remove(topic)
        guard let result = Self.result(topic, state) else { return nil }
        let figures = result.figures
        let previous = published[name]
        let version = UInt64(state.registry.account(topic.account).accepted)
        // An equal version with other figures is a correction (a repair from the journal): it goes out with
        // `previous_version` equal to its version, which subscribers take as "replaces what you hold".
        let isCorrection = previous.map { $0.version == version } ?? false
        guard previous?.figures != figures, version > (previous?.version ?? 0) || isCorrection,
            case .object(let pairs) = result.json
        else {
            return nil
        }
        let message = JSONValue.object(
            [("topic", .string(name)), ("version", .int(Int(version))),
             ("previous_version", .int(Int(previous?.version ?? 0)))] + pairs
        ).compact
        published[name] = Published(topic: topic, version: version, figures: figures)
        return message
    }

    private static func result(_ topic: Topic, _ state: AggregateState) -> ReportResult? {
        let request = try? ReportRequest(
            kind: topic.kind, parameters: ["account": topic.account, "period": topic.period.id])
        return request.flatMap { try? state.run($0) }
    }
}
