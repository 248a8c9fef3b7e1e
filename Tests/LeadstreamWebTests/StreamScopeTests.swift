//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamAccess
import LeadstreamCore
import Testing

@testable import LeadstreamWeb

@Suite struct StreamScopeTests {
    let enterprise = Principal.viewer(Viewer(account: "acme", role: .enterprise, unqualified: true))
    let coordinator = Principal.viewer(Viewer(account: "acme", role: .coordinator, office: "o1", unqualified: true))
    let advisor = Principal.viewer(Viewer(account: "acme", role: .advisor, office: "o1", user: "u1"))

    @Test func openModeAndEnterpriseGetEveryTopicAsPublished() throws {
        for principal in [nil, enterprise] {
            let scope = try StreamScope.decide(account: "acme", prefix: "", principal: principal).get()
            #expect(scope.direct == ["exec/acme/", "dash/acme/", "widget/acme/"])
            #expect(scope.scoped.isEmpty && scope.view == nil)
        }
    }

    @Test func aCoordinatorGetsTheirOfficesViewOfExecAndDash() throws {
        let scope = try StreamScope.decide(account: "acme", prefix: "", principal: coordinator).get()
        #expect(scope.direct == ["widget/acme/"])
        #expect(scope.scoped == ["exec/acme/", "dash/acme/"])
        #expect(scope.view?.office == "o1")
        #expect(scope.sendsAsView("exec/acme/2026-W47") && !scope.sendsDirectly("exec/acme/2026-W47"))
    }

    @Test func anAdvisorGetsNoExecutiveTopicsAndNoWidgetWithoutTheRight() throws {
        let scope = try StreamScope.decide(account: "acme", prefix: "", principal: advisor).get()
        #expect(scope.direct.isEmpty)
        #expect(scope.scoped == ["dash/acme/"])
        #expect(!scope.sendsAsView("exec/acme/2026-11") && !scope.sendsDirectly("exec/acme/2026-11"))
    }

    @Test func aPrefixNarrowsTheStream() throws {
        let scope = try StreamScope.decide(account: "acme", prefix: "widget/acme/2026-11", principal: nil).get()
        #expect(scope.direct == ["widget/acme/2026-11"])
        #expect(scope.sendsDirectly("widget/acme/2026-11-20") && !scope.sendsDirectly("widget/acme/2026-W47"))
    }

    @Test func anotherAccountIsForbidden() throws {
        let byToken = try #require(StreamScope.decide(account: "zeta", prefix: "", principal: enterprise).failure)
        #expect(byToken.code == .forbidden)
        let byPrefix = try #require(StreamScope.decide(account: "acme", prefix: "exec/zeta/", principal: nil).failure)
        #expect(byPrefix.code == .forbidden && byPrefix.field == "prefix")
        let notATopic = try #require(StreamScope.decide(account: "acme", prefix: "stats/", principal: nil).failure)
        #expect(notATopic.code == .invalidValue)
        let ingest = try #require(StreamScope.decide(account: "acme", prefix: "", principal: .ingest(account: "acme")).failure)
        #expect(ingest.code == .forbidden)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}
