//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Testing

@testable import LeadstreamCore

@Suite struct LeadRegistryTests {
    @Test func duplicateEventIDIsAcknowledgedWithoutEffectAndFirstOneWins() {
        var r = LeadRegistry()
        var m = EventMaker()
        #expect(r.apply(m.created("L1", .form, id: "same")) == .accepted)
        #expect(r.apply(m.created("L2", .mail, id: "same")) == .duplicate)
        #expect(r.account("acme").lead("L2") == nil)
        #expect(r.account("acme").lead("L1")?.source == .form)
        #expect(r.acceptedCount == 1)
    }

    @Test func asOfCountsTheAccountsOwnAcceptedEventsOnly() throws {
        var r = LeadRegistry()
        var acme = EventMaker()
        var zeta = EventMaker(account: "zeta")
        #expect(r.apply(acme.created("L1")) == .accepted)
        for i in 0..<5 { #expect(r.apply(zeta.created("Z\(i)")) == .accepted) }
        #expect(r.apply(acme.created("L1")) != .accepted)  // rejected: no count
        #expect(r.apply(acme.status("L1", .accepted)) == .accepted)
        #expect(r.acceptedCount == 7)
        #expect(r.account("acme").accepted == 2)
        #expect(r.account("zeta").accepted == 5)
        let report = try r.run(ReportRequest(kind: .executive, parameters: ["account": "acme", "period": "2026-11"]))
        #expect(report.json.compact.contains(#""as_of":{"seq":2}"#))
        let unseen = try r.run(ReportRequest(kind: .widget, parameters: ["account": "none", "period": "2026-11"]))
        #expect(unseen.json.compact.contains(#""as_of":{"seq":0}"#))
    }

    @Test func rejectedEventDoesNotUseUpItsID() throws {
        var r = LeadRegistry()
        var m = EventMaker()
        let bad = m.status("ghost", .accepted)
        let why = try #require(r.apply(bad).rejection)
        #expect(why.code == .unknownLead)
        #expect(r.apply(m.created("L1", id: bad.eventID)) == .accepted)
    }

    @Test func eventIDsAreScopedToTheirAccount() {
        var r = LeadRegistry()
        var a = EventMaker(account: "a")
        var b = EventMaker(account: "b")
        #expect(r.apply(a.created("L1", id: "e1")) == .accepted)
        #expect(r.apply(b.created("L1", id: "e1")) == .accepted)
        #expect(r.acceptedCount == 2)
    }

    @Test func creatingAnExistingOrDeletedLeadIsDuplicateLead() throws {
        var r = LeadRegistry()
        var m = EventMaker()
        r.accept([m.created("L1"), m.created("L2"), m.deleted("L2")])
        #expect(r.apply(m.created("L1")) == .rejected(Rejection(.duplicateLead, field: "lead_id", "lead 'L1' already exists or was deleted")))
        let why = try #require(r.apply(m.created("L2")).rejection)
        #expect(why.code == .duplicateLead)
    }

    @Test func eventsOnDeletedOrUnknownLeadsAreUnknownLead() throws {
        var r = LeadRegistry()
        var m = EventMaker()
        r.accept([m.created("L1"), m.deleted("L1")])
        for e in [m.status("L1", .accepted), m.source("L1", .mail), m.deleted("L1"), m.status("never", .new)] {
            let why = try #require(r.apply(e).rejection, "expected a rejection for \(e)")
            #expect(why.code == .unknownLead && why.field == "lead_id")
        }
        #expect(r.acceptedCount == 2)
    }

    @Test func sameStatusChangeOnlyReassignsAndMakesNoOccurrence() {
        var r = LeadRegistry()
        var m = EventMaker()
        r.accept([m.created("L1", user: "amy", status: .accepted), m.status("L1", .accepted, user: "bob")])
        let acme = r.account("acme")
        let lead = acme.lead("L1")!
        #expect(acme.names.name(lead.user) == "bob")
        #expect(lead.history.count == 1)
        #expect(acme.names.name(lead.history[0].user) == "amy")
        #expect(r.acceptedCount == 2)  // an accepted no-op still counts in as_of
    }

    @Test func namesGetIdsInFirstUseOrderAndARefusedEventInternsNone() {
        var r = LeadRegistry()
        var m = EventMaker()
        r.accept([m.created("L1", user: "amy")])
        #expect(r.apply(m.created("L1", user: "zed")) != .accepted)  // duplicate lead
        #expect(r.apply(m.status("L9", .dispatched, user: "yan")) != .accepted)  // unknown lead
        r.accept([m.status("L1", .dispatched, user: "bob")])
        let acme = r.account("acme")
        #expect(acme.names.names == ["", "o1", "amy", "bob"])
        #expect(acme.names.name(acme.lead("L1")!.user) == "bob")
    }

    @Test func occurrenceIsAttributedToTheAssigneeRightAfterTheEvent() {
        var r = LeadRegistry()
        var m = EventMaker()
        r.accept([
            m.created("L1", user: "amy"), m.status("L1", .dispatched, user: "bob"), m.status("L1", .accepted),
            m.status("L1", .revoked, user: ""),
        ])
        let acme = r.account("acme")
        let h = acme.lead("L1")!.history
        #expect(h.map(\.status) == [.new, .dispatched, .accepted, .revoked])
        #expect(h.map { acme.names.name($0.user) } == ["amy", "bob", "bob", ""])
    }

    @Test func statusAtFollowsArrivalOrderNotTheClock() {
        var r = LeadRegistry()
        var m = EventMaker()
        r.accept([
            m.created("L1", at: "2026-11-20T09:00:00Z"), m.status("L1", .dispatched, at: "2026-11-20T10:00:00Z"),
            m.status("L1", .accepted, at: "2026-11-20T08:00:00Z"),
        ])
        #expect(r.account("acme").lead("L1")!.statusAt == EventMaker.at("2026-11-20T08:00:00Z"))
    }

    @Test func sourceChangeToTheCurrentSourceIsAcceptedAndChangesNothing() {
        var r = LeadRegistry()
        var m = EventMaker()
        r.accept([m.created("L1", .form), m.source("L1", .form)])
        #expect(r.account("acme").lead("L1")!.source == .form)
        #expect(r.acceptedCount == 2)
    }

    @Test func timezoneChangeRebucketsEveryLeadOfTheAccount() {
        var r = LeadRegistry()
        var m = EventMaker()
        r.accept([m.created("L1", at: "2026-11-20T20:00:00Z")])
        #expect(r.account("acme").lead("L1")!.createdDay.isoString == "2026-11-20")
        r.accept([m.settings(SettingsChange(timezone: "Asia/Tokyo"))])
        #expect(r.account("acme").lead("L1")!.createdDay.isoString == "2026-11-21")
        #expect(r.account("acme").cohort(from: Day(year: 2026, month: 11, day: 21)!, to: Day(year: 2026, month: 11, day: 21)!).count == 1)
        #expect(r.account("acme").cohort(from: Day(year: 2026, month: 11, day: 20)!, to: Day(year: 2026, month: 11, day: 20)!).isEmpty)
    }

    @Test func settingsChangeOnlyTheFieldsPresent() {
        var r = LeadRegistry()
        var m = EventMaker()
        r.accept([m.settings(SettingsChange(unqualifiedEnabled: false)), m.settings(SettingsChange(activeSources: WidgetSourceSet([.site])))])
        let s = r.account("acme").settings
        #expect(s.unqualifiedEnabled == false)
        #expect(s.activeSources == WidgetSourceSet([.site]))
        #expect(s.zone == .utc)
    }

    @Test func anAccountNeverSeenHasDefaultSettingsAndNoLeads() {
        let s = LeadRegistry().account("nobody")
        #expect(s.settings == .defaults)
        #expect(s.leads.isEmpty)
    }
}
