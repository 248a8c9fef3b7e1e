//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// The figures `leadstream validate` compares for one account and period:
/// the executive report, the dashboard summary without and with history, and
/// the widget (for a day, week or month), each flattened into cells.
public struct FigureSet: Sendable, Equatable {
    /// The period's resolved id (a relative period resolved where the set was made).
    public var period: String
    public var reports: [(name: String, cells: FigureCells)]

    public static func == (a: FigureSet, b: FigureSet) -> Bool {
        a.period == b.period && a.reports.count == b.reports.count
            && zip(a.reports, b.reports).allSatisfy { $0.name == $1.name && $0.cells == $1.cells }
    }

    /// The reports of a set, in order (the widget only for a day, week or month).
    public static let names = ["executive", "dashboard", "dashboard_history", "widget"]

    public init(period: String, reports: [(name: String, cells: FigureCells)]) {
        self.period = period
        self.reports = reports
    }

    /// The set for `account` and `period`, each report made by `run`.
    public init(
        account: String, period text: String, zone: Zone, now: Timestamp = .now,
        run: (ReportRequest) throws(Rejection) -> ReportResult
    ) throws(Rejection) {
        let period = try Period.parse(text, now: now, zone: zone)
        self.period = period.id
        var asked: [(String, ReportRequest.Kind, [String: String])] = [
            ("executive", .executive, [:]), ("dashboard", .dashboard, [:]),
            ("dashboard_history", .dashboard, ["history": "true"]),
        ]
        if period.isWidgetPeriod { asked.append(("widget", .widget, [:])) }
        reports = []
        for (name, kind, extra) in asked {
            let request = try ReportRequest(
                kind: kind, parameters: ["account": account, "period": period.id].merging(extra) { $1 })
            reports.append((name, FigureCells(try run(request).json)))
        }
    }
}

extension AccountState {
    /// The months holding the created day of a live lead, in order: what `validate --all` covers.
    public var monthsWithLeads: [String] {
        var months: Set<Day> = []
        for lead in leads where !lead.deleted { months.insert(Period.month(containing: lead.createdDay).from) }
        return months.sorted().map { Period.month(containing: $0).id }
    }
}

extension LeadRegistry {
    /// The figures of `account` and `period` counted from the rows, as offline mode counts them: the
    /// journal's side of a validation.
    public func figures(account: String, period: String) throws(Rejection) -> FigureSet {
        try FigureSet(account: account, period: period, zone: self.account(account).settings.zone) {
            (request) throws(Rejection) in try run(request)
        }
    }

    /// A registry holding only `account` (its rows, names and settings), with the same accepted count:
    /// what a repair hands the aggregator.
    public func only(_ account: String) -> LeadRegistry {
        var r = LeadRegistry()
        r.acceptedCount = acceptedCount
        r.accounts[account] = accounts[account]
        return r
    }

    /// Replaces one account's whole state (a repair from the journal); the accepted count is the caller's
    /// to keep equal.
    public mutating func replace(_ account: String, with state: AccountState) {
        accounts[account] = state
    }

    /// Changes one lead row in place: the aggregator's test hook that corrupts a row on purpose.
    public mutating func modifyLead(of account: String, at index: Int, _ body: (inout Lead) -> Void) {
        guard let slot = accounts.index(forKey: account), accounts.values[slot].leads.indices.contains(index) else {
            return
        }
        body(&accounts.values[slot].leads[index])
    }
}
