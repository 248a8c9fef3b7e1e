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
    /// The selected rows (one per lead, or per occurrence with history), in
    /// report order: office, user, lead_id, occurrence. The list view keeps
    /// only its page and the row after it (the next cursor); the summary
    /// without history, which needs only `groups`, none.
    public var rows: [Row]
    /// How many rows the period selects (all pages).
    public var rowCount: Int
    /// The summary's lines: per (office, user) in report order, their counts.
    public var groups: [Group]
    public var asOf: Int

    /// One line of the summary: an office's user and the counts of their rows.
    public struct Group: Hashable, Sendable {
        public var office: String
        public var user: String
        public var counts: StatusCounts
    }

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

    /// The report over an account's rows; the summary without history, which
    /// counts current statuses only, is summed from `counts` instead (the
    /// aggregator's tally: a period costs its days × cells, not its leads).
    public init(
        account: String, period: Period, query: DashboardQuery, state: AccountState, counts: some LeadCounting,
        asOf: Int
    ) {
        self.account = account
        self.period = period
        self.timezone = state.settings.zone.name
        self.query = query
        self.asOf = asOf
        if query.view == .summary, !query.history {
            rows = []
            groups = Self.groups(counts, from: period.from, to: period.to, query: query)
            rowCount = groups.reduce(0) { $0 + $1.counts.total }
            return
        }
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
        rowCount = rows.count
        if query.view == .list {
            // A page of a month of a busy account: sorting every row by three strings would cost the most of
            // the query; the page is the `limit + 1` smallest rows after the cursor, and the totals need no order.
            groups = Self.groups(rows)
            if let cursor = query.cursor { rows.removeAll { !Row.after(cursor)($0) } }
            self.rows = Self.smallest(rows, query.limit + 1)
            return
        }
        rows.sort(by: <)
        self.rows = rows
        groups = []
        for (office, users) in offices {
            for (user, rows) in users { groups.append(Group(office: office, user: user, counts: Self.counts(rows))) }
        }
    }

    /// The summary's lines of unsorted rows.
    private static func groups(_ rows: [Row]) -> [Group] {
        var offices: [String: [String: StatusCounts]] = [:]
        for r in rows { offices[r.lead.office, default: [:]][r.user, default: StatusCounts()][r.status] += 1 }
        var groups: [Group] = []
        for (office, users) in offices.sorted(by: { codePointLess($0.key, $1.key) }) {
            for (user, counts) in users.sorted(by: { codePointLess($0.key, $1.key) }) {
                groups.append(Group(office: office, user: user, counts: counts))
            }
        }
        return groups
    }

    /// The `k` smallest rows in report order: one pass that keeps the best `k` sorted, so most rows cost one
    /// comparison with the largest kept (n log k at worst, instead of sorting all n).
    static func smallest(_ rows: [Row], _ k: Int) -> [Row] {
        guard rows.count > 4 * k else { return Array(rows.sorted(by: <).prefix(k)) }
        var best: [Row] = []
        best.reserveCapacity(k + 1)
        for r in rows {
            if best.count == k {
                guard r < best[k - 1] else { continue }
                best.removeLast()
            }
            var lo = 0, hi = best.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if best[mid] < r { lo = mid + 1 } else { hi = mid }
            }
            best.insert(r, at: lo)
        }
        return best
    }

    /// The summary's groups from cells: current status, current user.
    private static func groups(_ counts: some LeadCounting, from: Day, to: Day, query: DashboardQuery) -> [Group] {
        // One flat table by (office, user): one hash of the pair a cell, not two nested look-ups.
        var lines: [OfficeUser: StatusCounts] = [:]
        counts.forEachCell(from: from, to: to) { key, n in
            guard query.admits(key) else { return }
            lines[OfficeUser(office: key.office, user: key.user), default: StatusCounts()][key.status] += n
        }
        return lines.filter { $0.value.total != 0 }
            .sorted {
                $0.key.office != $1.key.office
                    ? codePointLess($0.key.office, $1.key.office) : codePointLess($0.key.user, $1.key.user)
            }
            .map { Group(office: $0.key.office, user: $0.key.user, counts: $0.value) }
    }

    private struct OfficeUser: Hashable {
        var office: String
        var user: String
    }

    /// Counts over every row (all pages).
    public var totals: StatusCounts {
        var c = StatusCounts()
        for g in groups { c += g.counts }
        return c
    }

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
