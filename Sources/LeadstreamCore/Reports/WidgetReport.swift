//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// Sources of Leads widget (SPEC §8): leads that arrived `unqualified`, by
/// widget source, drawn as concentric rings; the biggest source is the outer
/// ring and spans three quarters of a circle.
public struct WidgetReport: Hashable, Sendable {
    public var account: String
    public var period: Period
    public var timezone: String
    public var activeSources: WidgetSourceSet
    /// Every active source, by count descending then canonical order: ring 0 is outermost.
    public var rings: [Ring]
    public var asOf: Int

    public struct Ring: Hashable, Sendable {
        public var source: WidgetSource
        public var count: Int
        /// `100·count/max`.
        public var sharePct: Double
        /// `270·count/max`: the largest ring spans three quarters of a circle.
        public var arcDegrees: Double
    }

    /// Why the widget can't be shown.
    public enum Unavailable: String, Error, Sendable {
        case unqualifiedDisabled = "unqualified_disabled"
        case noRights = "no_rights"

        public var json: JSONValue {
            .object([("error", .string("widget_unavailable")), ("reason", .string(rawValue))])
        }
    }

    /// Builds the widget from the account's rows (offline), or says why it is unavailable.
    public init(account: String, period: Period, state: AccountState, asOf: Int) throws(Unavailable) {
        try self.init(account: account, period: period, counts: state, settings: state.settings, asOf: asOf)
    }

    /// Builds the widget from any count of the account's leads, or says why it is unavailable.
    public init(
        account: String, period: Period, counts: some LeadCounting, settings: AccountSettings, asOf: Int
    ) throws(Unavailable) {
        guard settings.unqualifiedEnabled else { throw .unqualifiedDisabled }
        var counted = [Int](repeating: 0, count: WidgetSource.allCases.count)
        counts.forEachCellKind(from: period.from, to: period.to, office: nil) { key, n in
            guard key.initialStatus == .unqualified, let w = key.source.widgetSource,
                settings.activeSources.contains(w)
            else { return }
            counted[Int(w.rawValue)] += n
        }
        let counts = counted
        let active = settings.activeSources.members
        let max = active.map { counts[Int($0.rawValue)] }.max() ?? 0
        self.account = account
        self.period = period
        self.timezone = settings.zone.name
        self.activeSources = settings.activeSources
        self.asOf = asOf
        self.rings =
            max == 0
            ? []
            : active.map { s in
                let c = counts[Int(s.rawValue)]
                return Ring(
                    source: s, count: c, sharePct: Double(100 * c) / Double(max), arcDegrees: Double(270 * c) / Double(max))
            }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.source < $1.source }
    }

    /// The largest count among active sources: it is 100 %.
    public var max: Int { rings.first?.count ?? 0 }
    /// The sum over active sources.
    public var total: Int { rings.reduce(0) { $0 + $1.count } }
    /// `"empty"` when no counted lead exists in the period.
    public var state: String { max == 0 ? "empty" : "ok" }

    public var json: JSONValue {
        .object([
            ("report", .string("widget")), ("account", .string(account)),
            ("period", period.json(timezone: timezone)), ("state", .string(state)),
            ("max", .int(max)), ("total", .int(total)),
            (
                "rings",
                .array(
                    rings.enumerated().map { i, r in
                        .object([
                            ("ring", .int(i)), ("source", .string(r.source.name)), ("label", .string(r.source.label)),
                            ("count", .int(r.count)), ("share_pct", .double(r.sharePct)),
                            ("arc_deg", .double(r.arcDegrees)), ("color", .string(r.source.color)),
                        ])
                    })
            ),
            (
                "legend",
                .array(
                    WidgetSource.allCases.map { s in
                        let on = activeSources.contains(s)
                        return .object([
                            ("source", .string(s.name)), ("label", .string(s.label)), ("active", .bool(on)),
                            ("color", .string(on ? s.color : "grey")),
                        ])
                    })
            ),
            ("as_of", .object([("seq", .int(asOf))])),
        ])
    }
}
