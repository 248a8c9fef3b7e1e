//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Testing

@testable import LeadstreamCore

@Suite struct LeadChangeTests {
    @Test func creationHasNoBeforeAndAStatusChangeCarriesBothSides() {
        var r = LeadRegistry()
        var m = EventMaker()
        let (o1, c1) = r.applyRecording(m.created("L1", .form, user: "amy"))
        #expect(o1 == .accepted)
        guard case .lead(nil, let created)? = c1 else { Issue.record("expected a creation"); return }
        #expect(created.status == .new && created.occurrences == 1 && created.user == "amy")

        let (_, c2) = r.applyRecording(m.status("L1", .accepted, user: "bob"))
        guard case .lead(let before?, let after)? = c2 else { Issue.record("expected a change"); return }
        #expect(before.status == .new && after.status == .accepted)
        #expect(after.occurrences == before.occurrences + 1 && after.occurrenceUser == "bob")
    }

    @Test func deletionAndSettingsAreRecorded() {
        var r = LeadRegistry()
        var m = EventMaker()
        r.accept([m.created("L1")])
        guard case .lead(_, let after)? = r.applyRecording(m.deleted("L1")).change else { Issue.record("the result is not the expected case"); return }
        #expect(after.deleted)
        guard case .settings(let s)? = r.applyRecording(m.settings(SettingsChange(timezone: "Asia/Tokyo"))).change else {
            Issue.record("expected settings")
            return
        }
        #expect(s.zone.name == "Asia/Tokyo")
    }

    @Test func rejectedAndDuplicateEventsRecordNothing() {
        var r = LeadRegistry()
        var m = EventMaker()
        let e = m.created("L1", id: "x")
        r.accept([e])
        #expect(r.applyRecording(e).change == nil)
        #expect(r.applyRecording(m.status("ghost", .new)).change == nil)
    }

    @Test func codecRoundTripsEveryKind() throws {
        var r = LeadRegistry()
        var m = EventMaker()
        var changes: [LeadChange] = []
        let events = [
            m.created("L1", .webChat, office: "o1", user: "amy", campaign: "spring", type: .advisor, status: .unqualified),
            m.status("L1", .accepted, user: "bob"), m.source("L1", .mail), m.deleted("L1"),
            m.settings(SettingsChange(timezone: "America/Chicago", unqualifiedEnabled: false, activeSources: WidgetSourceSet([.site]))),
        ]
        for (i, e) in events.enumerated() {
            let kind = try #require(r.applyRecording(e).change)
            changes.append(LeadChange(sequence: UInt64(100 + i), account: "acme", kind: kind))
        }
        #expect(ChangeCodec.decode(ChangeCodec.encode(changes)) == changes)
    }

    @Test func codecRefusesTruncatedOrForeignInput() {
        let bytes = ChangeCodec.encode([
            LeadChange(sequence: 1, account: "a", kind: .settings(.defaults))
        ])
        #expect(ChangeCodec.decode(Array(bytes.dropLast())) == nil)
        #expect(ChangeCodec.decode([9] + bytes.dropFirst()) == nil)
        #expect(ChangeCodec.decode(bytes + [0]) == nil)
    }
}
