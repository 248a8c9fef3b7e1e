//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// Leads Dashboard (SPEC §7): per office and user, leads by status with the
/// Leads Success Ratio, as a summary, a paged list or a tree.
public struct DashboardReport: Hashable, Sendable {
    public var account: String
    public var period: Period
    public var timezone: String
    public var query: DashboardQuery
    /// Every selected row (one per lead, or per occurrence with history), in
    /// report order: office, user, lead_id, occurrence.
    public var rows: [Row]
    public var asOf: Int

    /// One lead, or with history one status occurrence of a lead.
    public struct Row: Hashable, Sendable {
        public var lead: Lead
        /// Index into `lead.history`: the current status without history.
        public var occurrence: Int
        /// The current assignee, or with history the occurrence's attributed user.
        public var user: String

        public var status: LeadStatus { lead.history[occurrence].status }
        public var statusAt: Timestamp { lead.history[occurrence].at }
        var cursor: ListCursor {
            ListCursor(office: lead.office, user: user, leadID: lead.leadID, occurrence: occurrence)
        }

        static func < (a: Row, b: Row) -> Bool {
            if a.lead.office != b.lead.office { return codePointLess(a.lead.office, b.lead.office) }
            if a.user != b.user { return codePointLess(a.user, b.user) }
            if a.lead.leadID != b.lead.leadID { return codePointLess(a.lead.leadID, b.lead.leadID) }
            return a.occurrence < b.occurrence
        }

        static func after(_ c: ListCursor) -> (Row) -> Bool {
            { r in
                if r.lead.office != c.office { return codePointLess(c.office, r.lead.office) }
                if r.user != c.user { return codePointLess(c.user, r.user) }
                if r.lead.leadID != c.leadID { return codePointLess(c.leadID, r.lead.leadID) }
                return r.occurrence > c.occurrence
            }
        }
    }

    public init(account: String, period: Period, query: DashboardQuery, state: AccountState, asOf: Int) {
        var rows: [Row] = []
        for lead in state.cohort(from: period.from, to: period.to) where query.admits(lead) {
            if query.history {
                for (i, occ) in lead.history.enumerated() where query.user == nil || occ.user == query.user {
                    rows.append(Row(lead: lead, occurrence: i, user: occ.user))
                }
            } else {
                rows.append(Row(lead: lead, occurrence: lead.history.count - 1, user: lead.user))
            }
        }
        rows.sort(by: <)
        self.account = account
        self.period = period
        self.timezone = state.settings.zone.name
        self.query = query
        self.rows = rows
        self.asOf = asOf
    }

    /// Counts over every row (all pages).
    public var totals: StatusCounts { DashboardReport.counts(rows[...]) }

    /// One group per office (report order), each with its users' groups.
    public var offices: [(office: String, users: [(user: String, rows: ArraySlice<Row>)])] {
        var result: [(office: String, users: [(user: String, rows: ArraySlice<Row>)])] = []
        var start = rows.startIndex
        while start < rows.endIndex {
            let office = rows[start].lead.office
            var end = start
            while end < rows.endIndex, rows[end].lead.office == office { end += 1 }
            var users: [(user: String, rows: ArraySlice<Row>)] = []
            var u = start
            while u < end {
                let user = rows[u].user
                var v = u
                while v < end, rows[v].user == user { v += 1 }
                users.append((user, rows[u..<v]))
                u = v
            }
            result.append((office, users))
            start = end
        }
        return result
    }

    /// The list page the query asks for, and the cursor of the next one.
    public var page: (rows: ArraySlice<Row>, next: ListCursor?) {
        var start = rows.startIndex
        if let cursor = query.cursor { start = rows.firstIndex(where: Row.after(cursor)) ?? rows.endIndex }
        let end = min(rows.endIndex, start + query.limit)
        return (rows[start..<end], end < rows.endIndex && end > start ? rows[end - 1].cursor : nil)
    }

    static func counts(_ rows: ArraySlice<Row>) -> StatusCounts {
        var c = StatusCounts()
        for r in rows { c[r.status] += 1 }
        return c
    }
}
