//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Testing

@testable import LeadstreamCore

@Suite struct RecordBlockTests {
    private func entries(_ w: inout RecordWriter) throws -> (RecordBlock, [RecordEntry]) {
        let block = try #require(RecordBlock(w.finish()))
        var out: [RecordEntry] = []
        block.forEach { out.append($0) }
        return (block, out)
    }

    @Test func aCreationComesAfterTheDefinitionsOfItsNamesAndAStatusChangeCarriesBothSides() throws {
        var r = RecordingRegistry()
        var w = RecordWriter()
        var m = EventMaker()
        #expect(r.apply(m.created("L1", .form, office: "o1", user: "amy"), recording: &w) == .accepted)
        #expect(r.apply(m.status("L1", .accepted, user: "bob"), recording: &w) == .accepted)
        let (block, all) = try entries(&w)
        #expect(block.events == 2)
        // account, o1, amy, the creation, bob, the change: "" (no campaign) is id 0 and never defined.
        guard all.count == 6, case .account(1, let account) = all[0], case .name(1, 1, let office) = all[1],
            case .name(1, 2, let amy) = all[2], case .created(1, 0, _, let leadID, let created) = all[3],
            case .name(1, 3, let bob) = all[4], case .updated(1, 0, _, let before, let after) = all[5]
        else { Issue.record("unexpected entries \(all)"); return }
        #expect(block.string(account) == "acme" && block.string(office) == "o1" && block.string(amy) == "amy")
        #expect(block.string(bob) == "bob" && block.string(leadID) == "L1")
        #expect(created.user == 2 && created.campaign == 0 && created.status == .new && created.occurrences == 1)
        #expect(before.status == .new && before.user == 2)
        #expect(after.status == .accepted && after.user == 3 && after.occurrenceUser == 3 && after.occurrences == 2)
    }

    @Test func aNameTravelsOnceAndTheNextBlockRefersToItByID() throws {
        var r = RecordingRegistry()
        var w = RecordWriter()
        var m = EventMaker()
        _ = r.apply(m.created("L1", office: "o1"), recording: &w)
        _ = try entries(&w)
        _ = r.apply(m.created("L2", office: "o1"), recording: &w)
        let (_, second) = try entries(&w)
        guard second.count == 1, case .created(1, 1, _, _, let facts) = second[0] else {
            Issue.record("unexpected entries \(second)")
            return
        }
        #expect(facts.office == 1)
    }

    @Test func rejectedAndDuplicateEventsRecordNothing() throws {
        var r = RecordingRegistry()
        var w = RecordWriter()
        var m = EventMaker()
        let e = m.created("L1", id: "x")
        _ = r.apply(e, recording: &w)
        _ = try entries(&w)
        #expect(r.apply(e, recording: &w) == .duplicate)
        #expect(r.apply(m.status("ghost", .new), recording: &w) != .accepted)
        #expect(w.events == 0)
    }

    /// A restart rebuilds the gateway's state from its blocks: the same rows,
    /// names and event ids as live, so a duplicate is still one.
    @Test func replayingTheBlocksRebuildsTheSameRegistryNamesAndDuplicates() throws {
        var live = RecordingRegistry()
        var w = RecordWriter()
        var m = EventMaker()
        let events = [
            m.created("L1", .webChat, office: "o1", user: "amy", campaign: "spring", type: .advisor, status: .unqualified),
            m.status("L1", .accepted, user: "bob"), m.source("L1", .mail), m.created("L2", office: "o2"), m.deleted("L1"),
            m.settings(SettingsChange(timezone: "America/Chicago", unqualifiedEnabled: false, activeSources: WidgetSourceSet([.site]))),
            m.status("L2", .dispatched),
        ]
        var blocks: [RecordBlock] = []
        for (i, e) in events.enumerated() {
            #expect(live.apply(e, recording: &w) == .accepted)
            if i % 3 == 2 { blocks.append(try #require(RecordBlock(w.finish()))) }
        }
        blocks.append(try #require(RecordBlock(w.finish())))
        var rebuilt = RecordingRegistry()
        for b in blocks { #expect(rebuilt.replay(b).isEmpty) }
        #expect(rebuilt.names == live.names)
        #expect(rebuilt.registry.acceptedCount == live.registry.acceptedCount)
        let a = rebuilt.registry.account("acme"), b = live.registry.account("acme")
        #expect(a.leads == b.leads && a.settings == b.settings && a.accepted == b.accepted)
        #expect(rebuilt.apply(events[3], recording: &w) == .duplicate)
        // And it records what comes next exactly as the live one does (the same ids, the same definitions).
        var liveNext = RecordWriter(), rebuiltNext = RecordWriter()
        for e in [m.status("L2", .accepted, user: "cy"), m.status("L2", .lost), m.created("L3", office: "o1", user: "cy")] {
            #expect(live.apply(e, recording: &liveNext) == .accepted)
            #expect(rebuilt.apply(e, recording: &rebuiltNext) == .accepted)
        }
        #expect(liveNext.finish() == rebuiltNext.finish())
    }

    @Test func aTruncatedOrForeignBlockIsRefused() throws {
        var r = RecordingRegistry()
        var w = RecordWriter()
        var m = EventMaker()
        _ = r.apply(m.created("L1", office: "o1"), recording: &w)
        _ = r.apply(m.settings(SettingsChange(timezone: "Asia/Tokyo")), recording: &w)
        let bytes = w.finish()
        #expect(RecordBlock(bytes) != nil)
        for n in 1..<bytes.count { #expect(RecordBlock(Array(bytes.prefix(n))) == nil, "cut at \(n)") }
        #expect(RecordBlock([9] + bytes.dropFirst()) == nil)
        #expect(RecordBlock(bytes + [0]) == nil)
        var wrongCount = bytes
        wrongCount[1] = 3
        #expect(RecordBlock(wrongCount) == nil)
    }
}
