//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// A report request, validated from named parameters (SPEC §6–§8, §11).
///
/// The CLI and the aggregator's query endpoint both build requests here, so
/// a parameter means the same thing, and fails the same way, everywhere.
public struct ReportRequest: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable { case executive, dashboard, widget }

    public var kind: Kind
    public var account: String
    /// The period as written; resolved in the account's timezone when run.
    public var period: String
    /// Overrides *now* for relative periods.
    public var now: Timestamp?
    /// Executive and dashboard.
    public var office: String?
    /// Dashboard only.
    public var dashboard = DashboardQuery()
    /// Whether the asker holds the right to unqualified leads (SPEC §10);
    /// without it the widget is unavailable with reason `no_rights`.
    public var unqualifiedRight = true

    /// Whether the answer reads the account's lead rows (the dashboard's list, tree and history), not
    /// only its counts: the aggregator's query thread needs a posted copy with rows for it.
    public var readsRows: Bool { kind == .dashboard && dashboard.readsRows }

    /// Narrows the request to one office: the executive report's and the dashboard's filter alike.
    public mutating func restrict(office: String) {
        self.office = office
        dashboard.office = office
    }

    /// The parameter names each report takes (SPEC §11: others are usage errors).
    public static func parameters(of kind: Kind) -> [String] {
        switch kind {
        case .executive: ["account", "period", "office", "now"]
        case .widget: ["account", "period", "now"]
        case .dashboard:
            [
                "account", "period", "lead_type", "campaign", "office", "user", "source", "history", "view", "limit",
                "cursor", "now",
            ]
        }
    }

    /// Validates `parameters` (name → value as given on the command line or the wire).
    public init(kind: Kind, parameters: [String: String]) throws(Rejection) {
        let allowed = ReportRequest.parameters(of: kind)
        for name in parameters.keys.sorted() where !allowed.contains(name) {
            throw Rejection(.invalidValue, field: name, "--\(Self.option(name)) does not apply to the \(kind.rawValue) report")
        }
        func identifier(_ name: String, allowEmpty: Bool = false) throws(Rejection) -> String? {
            guard let v = parameters[name] else { return nil }
            guard Identifier.isValid(v, allowEmpty: allowEmpty) else {
                throw Rejection(.invalidValue, field: name, "'\(name)' must be 1-128 characters from A-Z a-z 0-9 . _ : @ -")
            }
            return v
        }
        self.kind = kind
        guard let account = try identifier("account") else {
            throw Rejection(.missingField, field: "account", "--account is required")
        }
        guard let period = parameters["period"] else {
            throw Rejection(.missingField, field: "period", "--period is required")
        }
        self.account = account
        self.period = period
        if let text = parameters["now"] {
            guard let t = RFC3339.parse(text) else {
                throw Rejection(.invalidTimestamp, field: "now", "--now must be RFC 3339 with an explicit offset or Z")
            }
            now = t
        }
        office = try identifier("office")
        guard kind == .dashboard else { return }
        try parseDashboard(parameters, identifier: identifier)
    }

    private mutating func parseDashboard(
        _ p: [String: String], identifier: (String, Bool) throws(Rejection) -> String?
    ) throws(Rejection) {
        var q = DashboardQuery(office: office)
        if let t = p["lead_type"], t != "all" {
            guard let type = LeadType(name: t) else {
                throw Rejection(.invalidValue, field: "lead_type", "invalid lead_type '\(t)' (all, advisor, business, contact)")
            }
            q.leadType = type
        }
        q.campaign = try identifier("campaign", true)
        q.user = try identifier("user", true)
        if let s = p["source"] {
            guard let source = Source(name: s) else {
                throw Rejection(.invalidValue, field: "source", "invalid source '\(s)'")
            }
            q.source = source
        }
        if let h = p["history"] {
            guard let b = ["true": true, "false": false, "1": true, "0": false][h] else {
                throw Rejection(.invalidValue, field: "history", "history must be true or false")
            }
            q.history = b
        }
        if let v = p["view"] {
            guard let view = DashboardQuery.View(rawValue: v) else {
                throw Rejection(.invalidValue, field: "view", "invalid view '\(v)' (summary, list, tree)")
            }
            q.view = view
        }
        if let l = p["limit"] {
            guard let n = Int(l), DashboardQuery.limitRange.contains(n) else {
                throw Rejection(.invalidValue, field: "limit", "limit must be an integer from 1 to 100000")
            }
            q.limit = n
        }
        if let c = p["cursor"] {
            guard let cursor = ListCursor(token: c) else {
                throw Rejection(.invalidValue, field: "cursor", "cursor is not one this server issued")
            }
            q.cursor = cursor
        }
        dashboard = q
    }

    /// `lead_type` → `lead-type`: the option a parameter comes from.
    public static func option(_ name: String) -> String { name.replacingUnderscores() }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }
}
