//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

extension DashboardReport {
    public var json: JSONValue {
        let h = query.history
        var members: [(String, JSONValue)] = [
            ("report", .string("dashboard")), ("account", .string(account)),
            ("period", period.json(timezone: timezone)), ("filters", query.filtersJSON),
            ("history", .bool(h)), ("view", .string(query.view.rawValue)),
        ]
        switch query.view {
        case .summary:
            let summary = groups.map { g in
                JSONValue.object(
                    [("office", .string(g.office)), ("user", .string(g.user))] + g.counts.jsonMembers(history: h))
            }
            members += [("rows", .array(summary)), ("totals", .object(totals.jsonMembers(history: h)))]
        case .list:
            let page = self.page
            members += [
                ("rows", .array(page.rows.map(\.json))), ("totals", .object(totals.jsonMembers(history: h))),
                ("next_cursor", .string(page.next?.token)),
            ]
        case .tree:
            let tree = offices.map { o in
                let officeRows = o.users.flatMap(\.rows)
                let users = o.users.map { u in
                    JSONValue.object(
                        [("user", .string(u.user))] + DashboardReport.counts(u.rows).jsonMembers(history: h)
                            + [("leads", .array(u.rows.map(\.json)))])
                }
                return JSONValue.object(
                    [("office", .string(o.office))] + DashboardReport.counts(officeRows[...]).jsonMembers(history: h)
                        + [("users", .array(users))])
            }
            members += [("offices", .array(tree)), ("totals", .object(totals.jsonMembers(history: h)))]
        }
        members.append(("as_of", .object([("seq", .int(asOf))])))
        return .object(members)
    }

    /// The list row's keys, in order: also the CSV header (SPEC §7).
    public static let listColumns = [
        "lead_id", "office", "user", "campaign", "lead_type", "source", "status", "status_at", "created_at",
        "created_day",
    ]
}

extension DashboardReport.Row {
    /// The list row (SPEC §7); `campaign` is `null` when none.
    public var json: JSONValue {
        .object([
            ("lead_id", .string(lead.leadID)), ("office", .string(office)), ("user", .string(user)),
            ("campaign", campaign.isEmpty ? .null : .string(campaign)),
            ("lead_type", .string(lead.leadType.name)), ("source", .string(lead.source.name)),
            ("status", .string(status.name)), ("status_at", .string(statusAt.iso8601)),
            ("created_at", .string(lead.createdAt.iso8601)), ("created_day", .string(lead.createdDay.isoString)),
        ])
    }
}
