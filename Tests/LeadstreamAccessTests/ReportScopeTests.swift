//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamAccess
import LeadstreamCore
import Testing

@Suite struct ReportScopeTests {
    func request(_ kind: ReportRequest.Kind, _ p: [String: String]) throws -> ReportRequest {
        try ReportRequest(kind: kind, parameters: ["account": "acme", "period": "2026-11"].merging(p) { $1 })
    }

    let coordinator = Principal.viewer(Viewer(account: "acme", role: .coordinator, office: "o1", unqualified: true))
    let advisor = Principal.viewer(Viewer(account: "acme", role: .advisor, office: "o1", user: "u1"))

    @Test func anotherAccountIsForbiddenForEveryRole() throws {
        let other = try ReportRequest(kind: .dashboard, parameters: ["account": "zeta", "period": "2026-11"])
        for role in Role.allCases {
            let viewer = Principal.viewer(Viewer(account: "acme", role: role, office: "o1", user: "u1", unqualified: true))
            let refusal = try #require(ReportScope.decide(viewer, other).failure)
            #expect(refusal.code == .forbidden)
            #expect(refusal.field == "account")
        }
    }

    @Test func anOmittedOfficeMeansTheCoordinatorsOwn() throws {
        let narrowed = try ReportScope.decide(coordinator, request(.executive, [:])).get()
        #expect(narrowed.office == "o1")
        let dashboard = try ReportScope.decide(coordinator, request(.dashboard, ["user": "u9"])).get()
        #expect(dashboard.dashboard.office == "o1")
        #expect(dashboard.dashboard.user == "u9")
    }

    @Test func namingAnotherOfficeIsForbidden() throws {
        let refusal = try #require(ReportScope.decide(coordinator, request(.dashboard, ["office": "o2"])).failure)
        #expect(refusal.code == .forbidden)
        #expect(refusal.field == "office")
    }

    @Test func advisorsSeeThemselvesOnlyAndNeverTheExecutiveReport() throws {
        #expect(try ReportScope.decide(advisor, request(.executive, [:])).failure?.code == .forbidden)
        let own = try ReportScope.decide(advisor, request(.dashboard, ["history": "true"])).get()
        #expect(own.dashboard.user == "u1")
        #expect(own.dashboard.office == "o1")
        #expect(try ReportScope.decide(advisor, request(.dashboard, ["user": "u2"])).failure?.field == "user")
        #expect(try ReportScope.decide(advisor, request(.dashboard, ["user": ""])).failure?.field == "user")
    }

    @Test func theWidgetNeedsTheUnqualifiedRight() throws {
        let without = try ReportScope.decide(advisor, request(.widget, [:])).get()
        #expect(!without.unqualifiedRight)
        #expect(try LeadRegistry().run(without) == .unavailable(.noRights))
        let with = try ReportScope.decide(coordinator, request(.widget, [:])).get()
        #expect(with.unqualifiedRight)
        #expect(with.office == nil)
    }

    @Test func ingestTokensReadNothingAndOperatorsEverything() throws {
        #expect(try ReportScope.decide(.ingest(account: "acme"), request(.executive, [:])).failure?.code == .forbidden)
        #expect(try ReportScope.decide(.operator, request(.dashboard, ["office": "o7"])).get().office == "o7")
        #expect(try ReportScope.decide(nil, request(.dashboard, ["office": "o7"])).get().office == "o7")
    }

    @Test func topicPrefixesAreCutToTheViewersScope() {
        let enterprise = Principal.viewer(Viewer(account: "acme", role: .enterprise, unqualified: false))
        #expect(TopicScope.cut("", for: enterprise) == ["exec/acme/", "dash/acme/"])
        #expect(TopicScope.cut("exec/", for: enterprise) == ["exec/acme/"])
        #expect(TopicScope.cut("exec/acme/2026-W47", for: enterprise) == ["exec/acme/2026-W47"])
        #expect(TopicScope.cut("exec/acm", for: enterprise) == ["exec/acme/"])
        #expect(TopicScope.cut("exec/zeta/", for: enterprise).isEmpty)
        #expect(TopicScope.cut("widget/", for: enterprise).isEmpty)
        #expect(TopicScope.cut("", for: coordinator) == ["widget/acme/"])
        #expect(TopicScope.cut("", for: advisor).isEmpty)
        #expect(TopicScope.cut("dash/", for: nil) == ["dash/"])
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}
