//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// What running a request gives: a report, or an unavailable widget.
public enum ReportResult: Hashable, Sendable {
    case executive(ExecutiveReport)
    case dashboard(DashboardReport)
    case widget(WidgetReport)
    case unavailable(WidgetReport.Unavailable)

    /// The same result with `as_of` left out (0): two results are the same
    /// figures exactly when these are equal, compared without building JSON.
    public var figures: ReportResult {
        switch self {
        case .executive(var r):
            r.asOf = 0
            return .executive(r)
        case .dashboard(var r):
            r.asOf = 0
            return .dashboard(r)
        case .widget(var r):
            r.asOf = 0
            return .widget(r)
        case .unavailable: return self
        }
    }

    public var json: JSONValue {
        switch self {
        case .executive(let r): r.json
        case .dashboard(let r): r.json
        case .widget(let r): r.json
        case .unavailable(let u): u.json
        }
    }
}

extension LeadRegistry {
    /// Runs a request against the current state. Throws `invalid_period` (a
    /// usage error) when the period does not parse or does not fit the report.
    ///
    /// The executive report, the widget and the dashboard's summary without
    /// history are summed from the rows of the account (offline).
    public func run(_ request: ReportRequest) throws(Rejection) -> ReportResult {
        let state = account(request.account)
        return try run(request, state: state, counts: state)
    }

    /// The same, summed from `tally` instead: the account's count tally (the aggregator's).
    public func run(_ request: ReportRequest, tally: some LeadCounting) throws(Rejection) -> ReportResult {
        try run(request, state: account(request.account), counts: tally)
    }

    private func run(_ request: ReportRequest, state: AccountState, counts: some LeadCounting) throws(Rejection)
        -> ReportResult
    {
        let period = try Period.parse(request.period, now: request.now ?? .now, zone: state.settings.zone)
        switch request.kind {
        case .executive:
            return .executive(
                ExecutiveReport(
                    account: request.account, office: request.office, period: period, counts: counts,
                    settings: state.settings, asOf: state.accepted))
        case .dashboard:
            return .dashboard(
                DashboardReport(
                    account: request.account, period: period, query: request.dashboard, state: state, counts: counts,
                    asOf: state.accepted))
        case .widget:
            guard period.isWidgetPeriod else {
                throw Rejection(
                    .invalidPeriod, field: "period", "the widget takes a day, week or month, not '\(request.period)'")
            }
            guard request.unqualifiedRight else { return .unavailable(.noRights) }
            do throws(WidgetReport.Unavailable) {
                return .widget(try WidgetReport(
                        account: request.account, period: period, counts: counts, settings: state.settings,
                        asOf: state.accepted))
            } catch {
                return .unavailable(error)
            }
        }
    }
}
