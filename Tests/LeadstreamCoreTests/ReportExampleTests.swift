//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Testing

@testable import LeadstreamCore

/// The worked examples of SPEC §6–§8, rebuilt from events.
@Suite struct ReportExampleTests {
    /// SPEC §6: 42 organic leads, web_chat 20 (2 converted), AI tools 25 (3 converted), +40 % on 30.
    @Test func executiveMatchesTheSpecExample() throws {
        var r = LeadRegistry()
        var m = EventMaker()
        var events: [Event] = []
        for i in 0..<20 { events.append(m.created("w\(i)", .webChat, at: "2026-11-17T10:00:00Z")) }
        for i in 0..<2 { events.append(m.status("w\(i)", .converted)) }
        for i in 0..<5 { events.append(m.created("a\(i)", .aiReceptionist, at: "2026-11-18T10:00:00Z")) }
        events.append(m.status("a0", .converted))
        for i in 0..<17 { events.append(m.created("f\(i)", .form, at: "2026-11-19T10:00:00Z")) }
        for i in 0..<5 { events.append(m.created("b\(i)", .bulkImport, at: "2026-11-19T10:00:00Z")) }
        events.append(m.created("c0", .crmUI, at: "2026-11-22T23:59:59Z"))
        for i in 0..<30 { events.append(m.created("p\(i)", .mail, at: "2026-11-10T10:00:00Z")) }
        r.accept(events)

        let report = try #require(try r.report(.executive, ["period": "2026-11-16..2026-11-22"]).executive)
        #expect(report.totalLeads == 42)
        #expect(report.previousTotalLeads == 30)
        #expect(report.changePct == 40.0)
        let web = try #require(report.bySource.first)
        #expect(web.source == .webChat && web.leads == 20 && web.converted == 2)
        #expect(web.sharePct == 100.0 * 20 / 42)
        #expect(web.conversionPct == 10.0)
        #expect(report.aiTools.leads == 25 && report.aiTools.converted == 3 && report.aiTools.conversionPct == 12.0)
        #expect(report.manualExcluded.map(\.leads) == [5, 1])
        #expect(report.bySource.map(\.source) == [.webChat, .form, .aiReceptionist, .phone, .mail, .api, .chat, .other])
        // Zero denominators are null.
        #expect(report.bySource.last!.conversionPct == nil)
    }

    @Test func manualLeadChangedToAnOrganicSourceCounts() throws {
        var r = LeadRegistry()
        var m = EventMaker()
        r.accept([m.created("L1", .bulkImport), m.source("L1", .form), m.created("L2", .form), m.source("L2", .crmUI)])
        let report = try #require(try r.report(.executive, ["period": "2026-11"]).executive)
        #expect(report.totalLeads == 1)
        #expect(report.manualExcluded.map(\.leads) == [0, 1])
    }

    /// SPEC §7: the o1/u7 row, success ratio (5+1)/(5+1+2+2) = 60 %.
    @Test func dashboardSummaryMatchesTheSpecExample() throws {
        var r = LeadRegistry()
        var m = EventMaker()
        let statuses: [(LeadStatus, Int)] = [
            (.new, 1), (.dispatched, 3), (.accepted, 5), (.rejected, 2), (.revoked, 2), (.converted, 1),
        ]
        var n = 0
        for (status, count) in statuses {
            for _ in 0..<count {
                r.accept([m.created("L\(n)", user: "u7", status: status)])
                n += 1
            }
        }
        let report = try #require(try r.report(.dashboard, ["period": "2026-11"]).dashboard)
        let rows = try #require(report.json["rows"]?.array)
        try #require(rows.count == 1)
        #expect(rows[0]["total"] == .int(14))
        #expect(rows[0]["success_ratio_pct"] == .double(60.0))
        #expect(report.totals.successRatioPct(history: false) == 60.0)
    }

    /// SPEC §7: accepted, revoked and accepted again counts accepted 2, revoked 1 with history.
    @Test func historyCountsEveryOccurrenceUnderItsAttributedUser() throws {
        var r = LeadRegistry()
        var m = EventMaker()
        r.accept([
            m.created("L1", user: "amy", status: .accepted), m.status("L1", .revoked, user: "bob"),
            m.status("L1", .accepted),
        ])
        let plain = try #require(try r.report(.dashboard, ["period": "2026-11"]).dashboard)
        let history = try #require(try r.report(.dashboard, ["period": "2026-11", "history": "true"]).dashboard)
        #expect(plain.totals[.accepted] == 1 && plain.totals.total == 1)
        #expect(history.totals[.accepted] == 2 && history.totals[.revoked] == 1)
        #expect(history.totals.successRatioPct(history: true) == 100.0 * 2 / 3)
        #expect(history.offices[0].users.map(\.user) == ["amy", "bob"])
    }

    @Test func listPagesCoverEveryRowOnceInOrder() throws {
        var r = LeadRegistry()
        var m = EventMaker()
        for i in 0..<23 { r.accept([m.created("L\(i)", office: "o\(i % 3)", user: i % 2 == 0 ? "" : "u\(i % 4)")]) }
        var seen: [String] = []
        var cursor: String?
        repeat {
            var p = ["period": "2026-11", "view": "list", "limit": "5"]
            p["cursor"] = cursor
            let page = try #require(try r.report(.dashboard, p).dashboard)
            seen += page.page.rows.map { $0.lead.leadID }
            cursor = page.page.next?.token
        } while cursor != nil
        let all = try #require(try r.report(.dashboard, ["period": "2026-11", "view": "list", "limit": "100"]).dashboard)
        #expect(seen == all.rows.map(\.lead.leadID))
        #expect(Set(seen).count == 23)
    }

    /// A page is the next rows in report order also when the period has many
    /// more rows than a page (the list keeps only the smallest ones).
    @Test func listPagesOfManyRowsFollowTheTreeOrder() throws {
        var r = LeadRegistry()
        var m = EventMaker()
        for i in 0..<300 {
            r.accept([m.created("L\((i * 37) % 300)", office: "o\(i % 4)", user: i % 3 == 0 ? "" : "u\(i % 5)")])
        }
        var seen: [String] = []
        var cursor: String?
        repeat {
            var p = ["period": "2026-11", "view": "list", "limit": "7"]
            p["cursor"] = cursor
            let page = try #require(try r.report(.dashboard, p).dashboard)
            #expect(page.rowCount == 300 && page.totals.total == 300)
            seen += page.page.rows.map { $0.lead.leadID }
            cursor = page.page.next?.token
        } while cursor != nil
        let tree = try #require(try r.report(.dashboard, ["period": "2026-11", "view": "tree"]).dashboard)
        #expect(seen == tree.rows.map(\.lead.leadID))
    }

    /// With history a row is an occurrence, attributed to its own user: the
    /// pages follow the tree's order of occurrences and count what it counts.
    @Test func historyListPagesFollowTheTreeOrderAndTotals() throws {
        var r = LeadRegistry()
        var m = EventMaker()
        for i in 0..<120 {
            let id = "L\((i * 7) % 120)"
            r.accept([m.created(id, office: "o\(i % 3)", user: "u\(i % 4)")])
            if i % 2 == 0 { r.accept([m.status(id, .dispatched, user: "u\((i + 1) % 4)")]) }
            if i % 3 == 0 { r.accept([m.status(id, .accepted)]) }
        }
        for filter in [nil, "u1"] {
            var seen: [String] = []
            var cursor: String?
            var totals: StatusCounts?
            repeat {
                var p = ["period": "2026-11", "view": "list", "limit": "9", "history": "true"]
                p["cursor"] = cursor
                p["user"] = filter
                let page = try #require(try r.report(.dashboard, p).dashboard)
                totals = page.totals
                seen += page.page.rows.map { "\($0.lead.leadID)#\($0.occurrence)@\($0.user)" }
                cursor = page.page.next?.token
            } while cursor != nil
            var p = ["period": "2026-11", "view": "tree", "history": "true"]
            p["user"] = filter
            let tree = try #require(try r.report(.dashboard, p).dashboard)
            #expect(seen == tree.rows.map { "\($0.lead.leadID)#\($0.occurrence)@\($0.user)" })
            #expect(totals == tree.totals && seen.count > (filter == nil ? 120 : 10))
        }
    }

    /// SPEC §8: site 40, chat 30, phone 0; mail and api inactive.
    @Test func widgetMatchesTheSpecExample() throws {
        var r = LeadRegistry()
        var m = EventMaker()
        r.accept([m.settings(SettingsChange(activeSources: WidgetSourceSet([.site, .phone, .chat])))])
        for i in 0..<40 { r.accept([m.created("s\(i)", .form, status: .unqualified)]) }
        for i in 0..<30 { r.accept([m.created("c\(i)", i % 2 == 0 ? .chat : .webChat, status: .unqualified)]) }
        for i in 0..<9 { r.accept([m.created("m\(i)", .mail, status: .unqualified)]) }  // inactive: not counted
        r.accept([m.created("q", .phone, status: .new)])  // not unqualified: not counted
        let w = try #require(try r.report(.widget, ["period": "2026-11-20"]).widget)
        #expect(w.max == 40 && w.total == 70 && w.state == "ok")
        #expect(w.rings.map(\.source) == [.site, .chat, .phone])
        #expect(w.rings.map(\.arcDegrees) == [270.0, 202.5, 0.0])
        #expect(w.rings.map(\.sharePct) == [100.0, 75.0, 0.0])
        let legend = try #require(w.json["legend"]?.array)
        #expect(legend.map { $0["color"]! } == ["lilac", "blue", "grey", "grey", "green"].map { .string($0) })
    }

    @Test func widgetCountsTheInitialStatusAndTheCurrentSource() throws {
        var r = LeadRegistry()
        var m = EventMaker()
        r.accept([
            m.created("L1", .bulkImport, status: .unqualified), m.source("L1", .api), m.status("L1", .accepted),
            m.created("L2", .phone, status: .new), m.status("L2", .unqualified),
        ])
        let w = try #require(try r.report(.widget, ["period": "2026-11-20"]).widget)
        #expect(w.rings.first?.source == .api && w.total == 1)
    }

    @Test func widgetTiesFollowCanonicalOrder() throws {
        var r = LeadRegistry()
        var m = EventMaker()
        r.accept([m.created("a", .chat, status: .unqualified), m.created("b", .phone, status: .unqualified)])
        let w = try #require(try r.report(.widget, ["period": "2026-11-20"]).widget)
        #expect(w.rings.map(\.source) == [.phone, .chat, .site, .mail, .api])
    }

    @Test func widgetIsUnavailableWhenUnqualifiedIsDisabled() throws {
        var r = LeadRegistry()
        var m = EventMaker()
        r.accept([m.settings(SettingsChange(unqualifiedEnabled: false))])
        #expect(try r.report(.widget, ["period": "2026-11-20"]) == .unavailable(.unqualifiedDisabled))
    }

    @Test func widgetRejectsNonWidgetPeriods() {
        let r = LeadRegistry()
        #expect(throws: Rejection.self) { try r.report(.widget, ["period": "2026-11-01..2026-11-02"]) }
    }

    @Test func optionsThatDoNotApplyAreRejected() {
        #expect(throws: Rejection.self) {
            try ReportRequest(kind: .executive, parameters: ["account": "a", "period": "2026-11", "view": "list"])
        }
        #expect(throws: Rejection.self) {
            try ReportRequest(kind: .dashboard, parameters: ["account": "a", "period": "2026-11", "limit": "0"])
        }
        #expect(throws: Rejection.self) {
            try ReportRequest(kind: .dashboard, parameters: ["account": "a", "period": "2026-11", "source": "site"])
        }
    }
}
