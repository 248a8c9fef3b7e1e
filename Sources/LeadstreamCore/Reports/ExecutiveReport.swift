//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// Executive Report — Customer Relations (SPEC §6): organic leads of a
/// period by source, the AI-powered tools' share, the manual entries left
/// out, and the change against the previous period.
public struct ExecutiveReport: Hashable, Sendable {
    public var account: String
    public var office: String?
    public var period: Period
    public var previousPeriod: Period
    public var timezone: String
    public var totalLeads: Int
    public var previousTotalLeads: Int
    /// Every organic source, by leads descending then canonical order.
    public var bySource: [Figures]
    public var aiTools: Figures
    public var manualExcluded: [(source: Source, leads: Int)]
    public var asOf: Int

    /// Leads and conversions of one source, or of a group of sources.
    public struct Figures: Hashable, Sendable {
        public var source: Source?
        public var leads: Int
        public var converted: Int
        public var sharePct: Double?
        public var conversionPct: Double? { percent(converted, of: leads) }
    }

    public static func == (a: Self, b: Self) -> Bool { a.json == b.json }
    public func hash(into h: inout Hasher) { h.combine(json) }

    /// Builds the report from the account's rows (offline).
    public init(account: String, office: String?, period: Period, state: AccountState, asOf: Int) {
        self.init(account: account, office: office, period: period, counts: state, settings: state.settings, asOf: asOf)
    }

    /// Builds the report from any count of the account's leads: its rows, or the aggregator's tally.
    public init(
        account: String, office: String?, period: Period, counts: some LeadCounting, settings: AccountSettings,
        asOf: Int
    ) {
        var leads = [Int](repeating: 0, count: Source.allCases.count)
        var converted = leads
        counts.forEachCellKind(from: period.from, to: period.to, office: office) { key, n in
            leads[Int(key.source.rawValue)] += n
            if key.status == .converted { converted[Int(key.source.rawValue)] += n }
        }
        let previous = period.previous
        var previousTotal = 0
        counts.forEachCellKind(from: previous.from, to: previous.to, office: office) { key, n in
            if key.source.isOrganic { previousTotal += n }
        }
        let total = Source.organic.reduce(0) { $0 + leads[Int($1.rawValue)] }

        self.account = account
        self.office = office
        self.period = period
        self.previousPeriod = previous
        self.timezone = settings.zone.name
        self.totalLeads = total
        self.previousTotalLeads = previousTotal
        self.bySource = Source.organic.map { s in
            Figures(
                source: s, leads: leads[Int(s.rawValue)], converted: converted[Int(s.rawValue)],
                sharePct: percent(leads[Int(s.rawValue)], of: total))
        }
        .sorted { $0.leads != $1.leads ? $0.leads > $1.leads : $0.source! < $1.source! }
        let ai = Source.allCases.filter(\.isAIPowered)
        let aiLeads = ai.reduce(0) { $0 + leads[Int($1.rawValue)] }
        self.aiTools = Figures(
            source: nil, leads: aiLeads, converted: ai.reduce(0) { $0 + converted[Int($1.rawValue)] },
            sharePct: percent(aiLeads, of: total))
        self.manualExcluded = Source.manual.map { ($0, leads[Int($0.rawValue)]) }
        self.asOf = asOf
    }

    /// `100·(total − previous)/previous`, `nil` when there was nothing before.
    public var changePct: Double? { percent(totalLeads - previousTotalLeads, of: previousTotalLeads) }

    public var json: JSONValue {
        func figures(_ f: Figures) -> [(String, JSONValue)] {
            [
                ("leads", .int(f.leads)), ("share_pct", .number(f.sharePct)), ("converted", .int(f.converted)),
                ("conversion_pct", .number(f.conversionPct)),
            ]
        }
        return .object([
            ("report", .string("executive")),
            ("account", .string(account)),
            ("office", .string(office)),
            ("period", period.json(timezone: timezone)),
            ("previous_period", previousPeriod.json(timezone: timezone)),
            ("total_leads", .int(totalLeads)),
            ("previous_total_leads", .int(previousTotalLeads)),
            ("change_pct", .number(changePct)),
            ("by_source", .array(bySource.map { .object([("source", .string($0.source!.name))] + figures($0)) })),
            ("ai_tools", .object(figures(aiTools))),
            ("manual_excluded", .object(manualExcluded.map { ($0.source.name, .int($0.leads)) })),
            ("as_of", .object([("seq", .int(asOf))])),
        ])
    }
}
