//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// The live topics of SPEC §9 and the last message of each: what `snapshot`
/// serves and what decides whether a touched topic changed.
///
/// A topic's `version` is the merged sequence (`as_of.seq`) its message was
/// built at, and each message names the version before it (`previous_version`),
/// so versions only grow, also across an aggregator restart, and a subscriber
/// sees a dropped message as a broken chain.
struct LiveTopics {
    struct Published {
        var topic: Topic
        var version: UInt64
        /// The report body without `as_of`: a new message only when it differs.
        var figures: JSONValue
        /// The message as sent (compact JSON).
        var message: String
    }

    private(set) var published: [String: Published] = [:]
    private var dirty: Set<Topic> = []

    struct Topic: Hashable {
        var kind: ReportRequest.Kind
        var account: String
        var period: Period

        var name: String {
            let prefix = switch kind {
            case .executive: "exec"
            case .dashboard: "dash"
            case .widget: "widget"
            }
            return "\(prefix)/\(account)/\(period.id)"
        }
    }

    var pending: Int { dirty.count }

    /// Marks the topics of every touched day: its day (widget), week and month;
    /// and the executive topics of the following week and month already
    /// published, whose previous-period figures include this day.
    mutating func touch(_ touched: TouchedDays, state: AggregateState) {
        for (account, days) in touched.days where !touched.whole.contains(account) {
            for day in days { touch(account, day) }
        }
        for account in touched.whole {
            for day in state.tallies[account]?.days.keys ?? [:].keys { touch(account, day) }
            // Topics whose leads moved away or whose settings changed, too.
            for p in published.values where p.topic.account == account { dirty.insert(p.topic) }
        }
    }

    /// Marks every topic of every account with leads (after a start).
    mutating func touchEverything(_ state: AggregateState) {
        for (account, tally) in state.tallies {
            for day in tally.days.keys { touch(account, day) }
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

    /// Builds every touched topic's message; returns those whose figures changed.
    mutating func flush(_ state: AggregateState) -> [(topic: String, message: String)] {
        var out: [(String, String)] = []
        let version = state.merged
        for topic in dirty.sorted(by: { $0.name < $1.name }) {
            let name = topic.name
            guard let body = Self.body(topic, state) else { continue }
            let figures = Self.withoutAsOf(body)
            let previous = published[name]
            guard previous?.figures != figures, version > (previous?.version ?? 0) else { continue }
            guard case .object(let pairs) = body else { continue }
            let message = JSONValue.object(
                [("topic", .string(name)), ("version", .int(Int(version))),
                 ("previous_version", .int(Int(previous?.version ?? 0)))] + pairs
            ).compact
            published[name] = Published(topic: topic, version: version, figures: figures, message: message)
            out.append((name, message))
        }
        dirty.removeAll(keepingCapacity: true)
        return out
    }

    /// The last messages of topics starting with `prefix`, by topic name.
    func snapshot(prefix: String) -> [String] {
        published.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }.map(\.value.message)
    }

    private static func body(_ topic: Topic, _ state: AggregateState) -> JSONValue? {
        let request = try? ReportRequest(
            kind: topic.kind, parameters: ["account": topic.account, "period": topic.period.id])
        return request.flatMap { try? state.run($0).json }
    }

    private static func withoutAsOf(_ body: JSONValue) -> JSONValue {
        guard case .object(let pairs) = body else { return body }
        return .object(pairs.filter { $0.0 != "as_of" })
    }
}
