//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

extension DashboardReport {
    /// The dashboard for a terminal (`--format text`), in the query's view:
    /// summary as a table of (office, user) rows with a totals row, list as
    /// the page's leads with the next cursor, tree as offices with indented
    /// users and their leads.
    public var text: String {
        var out = header
        out += "\n"
        switch query.view {
        case .summary: out += summaryTable.rendered
        case .list: out += listText
        case .tree: out += treeText
        }
        return out
    }

    private var header: String {
        var lines: [(String, String)] = [
            ("account", account),
            ("period", TextFormat.period(period)),
            ("timezone", timezone),
        ]
        var filters = ["lead type " + (query.leadType?.name ?? "all")]
        if let c = query.campaign { filters.append("campaign " + (c.isEmpty ? "(none)" : c)) }
        if let o = query.office { filters.append("office " + o) }
        if let u = query.user { filters.append("user " + TextFormat.user(u)) }
        if let s = query.source { filters.append("source " + s.name) }
        lines.append(("filters", filters.joined(separator: " · ")))
        lines.append(("view", query.view.rawValue + (query.history ? ", with status history" : "")))
        lines.append(("as of", "seq " + TextFormat.grouped(asOf)))
        return TextFormat.card("Leads Dashboard", lines)
    }

    /// The eight status columns, `total` and the success ratio.
    private func countCells(_ c: StatusCounts) -> [String] {
        LeadStatus.allCases.map { TextFormat.grouped(c[$0]) }
            + [TextFormat.grouped(c.total), TextFormat.percent(c.successRatioPct(history: query.history))]
    }

    private static var countColumns: [TextTable.Column] {
        LeadStatus.allCases.map { TextTable.Column($0.name) } + [.init("total"), .init("success")]
    }

    private var summaryTable: TextTable {
        var table = TextTable([.init("office", .left), .init("user", .left)] + DashboardReport.countColumns)
        for g in groups { table.append([g.office, TextFormat.user(g.user)] + countCells(g.counts)) }
        table.appendSeparator()
        table.append(["total", ""] + countCells(totals))
        return table
    }

    private var listText: String {
        let page = self.page
        var table = TextTable([
            .init("lead", .left), .init("office", .left), .init("user", .left), .init("campaign", .left),
            .init("type", .left), .init("source", .left), .init("status", .left), .init("status at", .left),
            .init("created day", .left),
        ])
        for row in page.rows {
            let l = row.lead
            table.append([
                l.leadID, row.office, TextFormat.user(row.user), row.campaign.isEmpty ? "—" : row.campaign, l.leadType.name,
                l.source.name, row.status.name, row.statusAt.iso8601, l.createdDay.isoString,
            ])
        }
        var out = table.rendered
        out += "\(TextFormat.grouped(page.rows.count)) of \(TextFormat.grouped(rowCount)) rows"
        out += query.history ? " (status occurrences)\n" : "\n"
        out += "next cursor: " + (page.next?.token ?? "— (last page)") + "\n"
        return out
    }

    private var treeText: String {
        guard !rows.isEmpty else { return "No leads in this period.\n" }
        var out = ""
        for (office, users) in offices {
            out += "■ " + office + "  " + summaryLine(DashboardReport.counts(users.flatMap(\.rows)[...])) + "\n"
            for (i, (user, rows)) in users.enumerated() {
                let lastUser = i == users.count - 1
                out += (lastUser ? "└── " : "├── ") + TextFormat.user(user) + "  "
                out += summaryLine(DashboardReport.counts(rows)) + "\n"
                let indent = lastUser ? "    " : "│   "
                for (j, row) in rows.enumerated() {
                    let l = row.lead
                    out += indent + (j == rows.count - 1 ? "└─ " : "├─ ") + l.leadID + "  " + row.status.name
                    out += "  " + l.source.name + "  " + l.createdDay.isoString + "\n"
                }
            }
            out += "\n"
        }
        out += "Total  " + summaryLine(totals) + "\n"
        return out
    }

    /// `14 leads · success 60.0 % · new 1, dispatched 3, …` (non-zero statuses only).
    private func summaryLine(_ c: StatusCounts) -> String {
        let noun = query.history ? "occurrences" : (c.total == 1 ? "lead" : "leads")
        let statuses = LeadStatus.allCases.filter { c[$0] > 0 }.map { "\($0.name) \(TextFormat.grouped(c[$0]))" }
        let ratio = TextFormat.percent(c.successRatioPct(history: query.history))
        return "\(TextFormat.grouped(c.total)) \(noun) · success \(ratio)"
            + (statuses.isEmpty ? "" : " · " + statuses.joined(separator: ", "))
    }
}
