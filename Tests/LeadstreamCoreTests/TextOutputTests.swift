//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Testing

@testable import LeadstreamCore

/// A small account built from events, shared by the text and SVG output tests.
///
/// Events are applied through the registry rather than decoded from NDJSON,
/// so the tests do not depend on the decoder.
enum OutputFixture {
    static func at(_ day: Int, hour: Int = 10) -> Timestamp {
        // 2026-11-01T00:00:00Z is 1_793_491_200 seconds after the epoch.
        Timestamp(seconds: 1_793_491_200 + Int64((day - 1) * 86_400 + hour * 3_600))
    }

    /// `shop`: the SPEC §8 example scaled down (site 4, chat 3, phone 0; mail and
    /// api inactive), plus qualified leads for the executive and dashboard.
    static func registry() -> LeadRegistry {
        var r = LeadRegistry()
        var n = 0
        func apply(_ body: Event.Body, day: Int = 20, account: String = "shop") {
            n += 1
            r.apply(Event(eventID: "e\(n)", account: account, occurredAt: at(day), body: body))
        }
        let active = WidgetSourceSet([.site, .phone, .chat])
        apply(.settings(SettingsChange(activeSources: active)))
        for i in 0..<4 {
            apply(.created(LeadCreated(leadID: "s\(i)", office: "north", source: .form, status: .unqualified)))
        }
        for i in 0..<3 {
            apply(.created(LeadCreated(leadID: "c\(i)", office: "north", source: .webChat, status: .unqualified)))
        }
        apply(.created(LeadCreated(leadID: "m0", office: "north", source: .mail, status: .unqualified)))
        apply(.created(LeadCreated(leadID: "q1", office: "south", source: .phone, user: "amy", campaign: "fall")))
        apply(.created(LeadCreated(leadID: "q2", office: "south", source: .bulkImport, user: "bob")))
        apply(.statusChanged(leadID: "q1", status: .accepted, user: nil))
        apply(.statusChanged(leadID: "q1", status: .converted, user: nil))
        apply(.created(LeadCreated(leadID: "old", office: "south", source: .form)), day: 19)
        apply(.settings(SettingsChange(activeSources: WidgetSourceSet([]))), account: "none")
        return r
    }

    static func run(_ kind: ReportRequest.Kind, _ parameters: [String: String]) throws -> ReportResult {
        try registry().run(ReportRequest(kind: kind, parameters: parameters))
    }

    static func executive(period: String = "2026-11-20") throws -> ExecutiveReport {
        guard case .executive(let r) = try run(.executive, ["account": "shop", "period": period]) else {
            throw FixtureError.wrongReport
        }
        return r
    }

    static func dashboard(view: String, limit: String? = nil) throws -> DashboardReport {
        var p = ["account": "shop", "period": "2026-11-20", "view": view]
        p["limit"] = limit
        guard case .dashboard(let r) = try run(.dashboard, p) else { throw FixtureError.wrongReport }
        return r
    }

    static func widget(account: String = "shop", period: String = "2026-11-20") throws -> WidgetReport {
        guard case .widget(let r) = try run(.widget, ["account": account, "period": period]) else {
            throw FixtureError.wrongReport
        }
        return r
    }

    enum FixtureError: Error { case wrongReport }
}

@Suite struct TextOutputTests {
    @Test func executiveShowsTotalsChangeAndEveryOrganicSource() throws {
        let text = try OutputFixture.executive().text
        #expect(text.contains("shop"))
        #expect(text.contains("2026-11-20"))
        // 9 organic leads on the 20th against 1 the day before: +800 %.
        #expect(text.contains("Leads  9"))
        #expect(text.contains("↑ 800.0 %"))
        for source in Source.organic { #expect(text.contains(source.name)) }
        #expect(text.contains("44.4 %"))  // form: 4 of 9
        #expect(text.contains("Manual entries excluded: 1 (bulk_import 1, crm_ui 0)"))
    }

    @Test func executiveShowsUndefinedPercentagesAsNotAvailable() throws {
        let text = try OutputFixture.executive(period: "2026-11-25").text
        #expect(text.contains("change n/a"))
        #expect(text.contains("—"))
        #expect(!text.contains("nan"))
    }

    @Test func outputHasNoANSIEscapes() throws {
        let texts = [
            try OutputFixture.executive().text, try OutputFixture.dashboard(view: "summary").text,
            try OutputFixture.widget().text,
        ]
        for text in texts { #expect(!text.contains("\u{1B}")) }
    }

    @Test func dashboardSummaryHasStatusColumnsAndTotalsRow() throws {
        let text = try OutputFixture.dashboard(view: "summary").text
        for status in LeadStatus.allCases { #expect(text.contains(status.name)) }
        #expect(text.contains("(unassigned)"))
        #expect(text.contains("│ total "))
        #expect(text.contains("100.0 %"))  // south/amy: one converted lead
    }

    @Test func dashboardListPagesWithNextCursor() throws {
        let report = try OutputFixture.dashboard(view: "list", limit: "2")
        let text = report.text
        #expect(text.contains("2 of 10 rows"))
        #expect(text.contains("next cursor: " + (report.page.next?.token ?? "?")))
        let last = try OutputFixture.dashboard(view: "list", limit: "100").text
        #expect(last.contains("next cursor: — (last page)"))
    }

    @Test func dashboardTreeIndentsUsersUnderOffices() throws {
        let text = try OutputFixture.dashboard(view: "tree").text
        let lines = text.split(separator: "\n").map(String.init)
        let south = try #require(lines.firstIndex { $0.hasPrefix("■ south") })
        #expect(lines[south + 1].hasPrefix("├── amy"))
        #expect(lines[south + 2].contains("q1  converted  phone"))
    }

    @Test func widgetBarsAreScaledToArcDegrees() throws {
        let text = try OutputFixture.widget().text
        let lines = text.split(separator: "\n").map(String.init)
        let site = try #require(lines.first { $0.contains("ring 0") })
        #expect(site.contains(String(repeating: "█", count: WidgetReport.barWidth)))
        // Chat: 3 of 4 = 202.5° = 22.5 cells.
        let chat = try #require(lines.first { $0.contains("ring 1") })
        #expect(chat.contains(String(repeating: "█", count: 22) + "▌"))
        #expect(text.contains("○ mail      grey   inactive"))
    }

    @Test func emptyWidgetSaysSo() throws {
        let text = try OutputFixture.widget(account: "none").text
        #expect(text.contains("No unqualified leads in this period."))
    }

    @Test func percentagesHaveOneDecimalAndCountsAreGrouped() {
        #expect(TextFormat.percent(59.523809523809526) == "59.5 %")
        #expect(TextFormat.percent(nil) == "—")
        #expect(TextFormat.change(-12.25) == "↓ 12.3 %")
        #expect(TextFormat.grouped(1_234_567) == "1,234,567")
        #expect(TextFormat.bar(0.5, width: 4) == "██··")
    }
}
