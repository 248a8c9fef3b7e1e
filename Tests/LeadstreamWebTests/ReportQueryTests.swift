//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamClients
import LeadstreamAggregator
import LeadstreamCore
import Testing

@testable import LeadstreamWeb

@Suite struct ReportQueryTests {
    func query(_ kind: String, _ items: [(String, String)]) -> Result<(QueryRequest, Bool), Rejection> {
        ReportsRoute.query(kind: kind, items: items.map { (key: Substring($0.0), value: Substring($0.1)) })
    }

    let base = [("account", "acme"), ("period", "2026-11")]

    @Test func queryItemsAreTheReportOptionsWithoutDashes() throws {
        let (q, all) = try query("dashboard", base + [("lead_type", "business"), ("history", "true"), ("format", "text")]).get()
        #expect(q.parameters == ["account": "acme", "period": "2026-11", "lead_type": "business", "history": "true"])
        #expect(q.format == "text" && !all)
        let (off, _) = try query("dashboard", base + [("history", "false")]).get()
        #expect(off.parameters["history"] == nil)
    }

    @Test func anUnknownOrRepeatedItemIsAUsageError() throws {
        #expect(query("executive", base + [("colour", "red")]).failure?.field == "colour")
        #expect(query("executive", base + [("period", "2026-10")]).failure?.code == .invalidValue)
        #expect(query("dashboard", base + [("history", "maybe")]).failure?.field == "history")
    }

    @Test func theReportsOwnRulesApply() throws {
        #expect(query("dashboard", base + [("lead_type", "robot")]).failure?.field == "lead_type")
        #expect(query("executive", base + [("view", "list")]).failure != nil)
        #expect(query("executive", base + [("format", "svg")]).failure?.field == "format")
    }

    @Test func allPagesIsForTheListViewAsCSVOrNDJSONFromTheStart() throws {
        let ok = try query("dashboard", base + [("view", "list"), ("format", "csv"), ("all", "true")]).get()
        #expect(ok.1)
        #expect(query("dashboard", base + [("all", "true")]).failure?.field == "all")
        #expect(query("dashboard", base + [("view", "list"), ("format", "text"), ("all", "true")]).failure?.field == "format")
        #expect(query("dashboard", base + [("view", "list"), ("cursor", "x"), ("all", "true")]).failure?.field == "cursor")
    }

    @Test func aDownloadsFileNameKeepsOnlySafeCharacters() {
        let q = QueryRequest(kind: "dashboard", parameters: ["account": "ac\"me/..", "period": "2026-11-01..2026-11-15"], format: "csv")
        #expect(ReportsRoute.attachment(q, ext: "csv") == #"attachment; filename="leadstream-ac_me_..-2026-11-01..2026-11-15-list.csv""#)
    }
}
