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

    /// One lead, or with history one status occurrence of a lead, with its names.
    public struct Row: Hashable, Sendable {
        public var lead: Lead
        /// Index into `lead.history`: the current status without history.
        public var occurrence: Int
        public var office: String
        /// `""` when none.
        public var campaign: String
        /// The current assignee, or with history the occurrence's attributed user.
        public var user: String

        /// The row of `lead`'s occurrence, named from its account's table.
        init(_ lead: Lead, occurrence: Int, history: Bool, names: InternTable) {
            self.lead = lead
            self.occurrence = occurrence
            office = names.name(lead.office)
            campaign = names.name(lead.campaign)
            user = names.name(history ? lead.history[occurrence].user : lead.user)
        }

        public var status: LeadStatus { lead.history[occurrence].status }
        public var statusAt: Timestamp { lead.history[occurrence].at }
        var cursor: ListCursor {
            ListCursor(office: office, user: user, leadID: lead.leadID, occurrence: occurrence)
        }

        static func < (a: Row, b: Row) -> Bool {
            precedes(a.office, a.user, a.lead.leadID, a.occurrence, b.office, b.user, b.lead.leadID, b.occurrence)
        }

        /// Report order (SPEC §7): office, user, lead_id (code points), occurrence. The one copy of the rule:
        /// sorting rows, choosing a list page by position and resuming after a cursor all ask it.
        static func precedes(
            _ office: String, _ user: String, _ leadID: String, _ occurrence: Int,
            _ office2: String, _ user2: String, _ leadID2: String, _ occurrence2: Int
        ) -> Bool {
            if office != office2 { return codePointLess(office, office2) }
            if user != user2 { return codePointLess(user, user2) }
            if leadID != leadID2 { return codePointLess(leadID, leadID2) }
            return occurrence < occurrence2
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
        if !query.readsRows {
            rows = []
            groups = Self.groups(counts, from: period.from, to: period.to, query: query)
            rowCount = groups.reduce(0) { $0 + $1.counts.total }
            return
        }
        if query.view == .list {
            (rows, rowCount, groups) = Self.listPage(
                state, period: period, query: query, counts: counts)
            return
        }
        var rows: [Row] = []
        let filter = query.rowFilter(state.names)
        for i in state.cohortIndices(from: period.from, to: period.to) where filter.admits(state.leads[i]) {
            let lead = state.leads[i]
            if query.history {
                for (o, occurrence) in lead.history.enumerated() where filter.admits(occurrence: occurrence) {
                    rows.append(Row(lead, occurrence: o, history: true, names: state.names))
                }
            } else {
                rows.append(Row(lead, occurrence: lead.history.count - 1, history: false, names: state.names))
            }
        }
        rowCount = rows.count
        rows.sort(by: <)
        self.rows = rows
        groups = []
        for (office, users) in offices {
            for (user, rows) in users { groups.append(Group(office: office, user: user, counts: Self.counts(rows))) }
        }
    }

    /// The summary's groups from cells: current status, current user.
    private static func groups(_ counts: some LeadCounting, from: Day, to: Day, query: DashboardQuery) -> [Group] {
        // One flat table by (office, user): one hash of the pair a cell, not two nested look-ups.
        var lines: [OfficeUser: StatusCounts] = [:]
        let filter = query.rowFilter(counts.names)
        counts.forEachOfficeUserStatus(from: from, to: to, where: filter.admits) { office, user, status, n in
            lines[OfficeUser(office: office, user: user), default: StatusCounts()][status] += n
        }
        return ordered(lines.filter { $0.value.total != 0 })
    }

    /// Summary lines in report order: office, then user.
    private static func ordered(_ lines: [OfficeUser: StatusCounts]) -> [Group] {
        lines.sorted {
            $0.key.office != $1.key.office
                ? codePointLess($0.key.office, $1.key.office) : codePointLess($0.key.user, $1.key.user)
        }
        .map { Group(office: $0.key.office, user: $0.key.user, counts: $0.value) }
    }

    private struct OfficeUser: Hashable {
        var office: String
        var user: String
    }

    /// A row of the list by position: the lead's index in its account's rows and the occurrence.
    private struct RowRef {
        var lead: Int32
        var occurrence: Int32
    }

    /// The list view's page without copying a lead that is not on it: a month of a busy account has tens of
    /// thousands of rows, and sorting them all (or copying each `Lead`) would cost most of the query. The page
    /// is the `limit + 1` smallest rows after the cursor, chosen in one pass over positions; the totals come
    /// from `counts` without history (as the summary's), or are counted over the positions with it.
    private static func listPage(
        _ state: AccountState, period: Period, query: DashboardQuery, counts: some LeadCounting
    ) -> (rows: [Row], count: Int, groups: [Group]) {
        let indices = state.cohortIndices(from: period.from, to: period.to)
        let leads = state.leads, names = state.names
        let filter = query.rowFilter(names)
        do {
            @inline(__always) func user(_ r: RowRef) -> String {
                names.name(query.history ? leads[Int(r.lead)].history[Int(r.occurrence)].user : leads[Int(r.lead)].user)
            }
            // Fields are read in place (`leads[i].office`): binding a whole `Lead` would copy it.
            func less(_ a: RowRef, _ b: RowRef) -> Bool {
                let x = Int(a.lead), y = Int(b.lead)
                return Row.precedes(
                    names.name(leads[x].office), user(a), leads[x].leadID, Int(a.occurrence),
                    names.name(leads[y].office), user(b), leads[y].leadID, Int(b.occurrence))
            }
            func afterCursor(_ r: RowRef) -> Bool {
                guard let c = query.cursor else { return true }
                let i = Int(r.lead)
                return Row.precedes(
                    c.office, c.user, c.leadID, c.occurrence, names.name(leads[i].office), user(r), leads[i].leadID,
                    Int(r.occurrence))
            }
            var count = 0
            var lines: [OfficeUser: StatusCounts] = [:]
            var best: [RowRef] = []
            let k = query.limit + 1
            best.reserveCapacity(k + 1)
            func offer(_ r: RowRef) {
                count += 1
                if query.history {
                    let i = Int(r.lead)
                    lines[OfficeUser(office: names.name(leads[i].office), user: user(r)), default: StatusCounts()][
                        leads[i].history[Int(r.occurrence)].status] += 1
                }
                guard afterCursor(r) else { return }
                if best.count == k {
                    guard less(r, best[k - 1]) else { return }
                    best.removeLast()
                }
                var lo = 0, hi = best.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if less(best[mid], r) { lo = mid + 1 } else { hi = mid }
                }
                best.insert(r, at: lo)
            }
            for i in indices where filter.admits(leads[i]) {
                if query.history {
                    for o in leads[i].history.indices where filter.admits(occurrence: leads[i].history[o]) {
                        offer(RowRef(lead: Int32(i), occurrence: Int32(o)))
                    }
                } else {
                    offer(RowRef(lead: Int32(i), occurrence: Int32(leads[i].history.count - 1)))
                }
            }
            let rows = best.map { r in
                Row(leads[Int(r.lead)], occurrence: Int(r.occurrence), history: query.history, names: names)
            }
            let groups =
                query.history
                ? Self.ordered(lines)
                : Self.groups(counts, from: period.from, to: period.to, query: query)
            return (rows, count, groups)
        }
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
            let office = rows[start].office
            var end = start
            while end < rows.endIndex, rows[end].office == office { end += 1 }
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
        if let c = query.cursor {
            start =
                rows.firstIndex { r in
                    Row.precedes(c.office, c.user, c.leadID, c.occurrence, r.office, r.user, r.lead.leadID, r.occurrence)
                } ?? rows.endIndex
        }
        let end = min(rows.endIndex, start + query.limit)
        return (rows[start..<end], end < rows.endIndex && end > start ? rows[end - 1].cursor : nil)
    }

    static func counts(_ rows: ArraySlice<Row>) -> StatusCounts {
        var c = StatusCounts()
        for r in rows { c[r.status] += 1 }
        return c
    }
}
