//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Testing

@testable import LeadstreamCore

/// Tenant erasure in the records (docs/operations.md, "Tenant erasure"): `RecordBlock.erasing`, the placeholders
/// every reader takes, and the registries forgetting an account.
@Suite struct RecordErasureTests {
    /// One block of two accounts, interleaved: acme's creation and change, globex's creation and settings.
    private func twoAccounts() throws -> (RecordingRegistry, RecordBlock) {
        var r = RecordingRegistry()
        var w = RecordWriter()
        var acme = EventMaker(account: "acme")
        var globex = EventMaker(account: "globex")
        #expect(r.apply(acme.created("A1", office: "north", user: "amy"), recording: &w) == .accepted)
        #expect(r.apply(globex.created("G1", office: "south", user: "gus", id: "g-ev1"), recording: &w) == .accepted)
        #expect(r.apply(acme.status("A1", .accepted, user: "bob"), recording: &w) == .accepted)
        #expect(r.apply(globex.status("G1", .lost), recording: &w) == .accepted)
        return (r, try #require(RecordBlock(w.finish())))
    }

    /// Every entry's bytes, by account (nil: an erased event), in order.
    private func rawEntries(_ block: RecordBlock) -> [(account: UInt32?, isEvent: Bool, bytes: [UInt8])] {
        block.bytes.withUnsafeBytes { raw in
            var r = RecordReader(raw)
            r.skipHeader()
            var out: [(UInt32?, Bool, [UInt8])] = []
            var start = r.position
            while let e = r.next() {
                out.append((e.account, e.isEvent, Array(raw[start..<r.position])))
                start = r.position
            }
            return out
        }
    }

    @Test func erasingAnAccountKeepsEverySequenceNumberAndOtherAccountsEntriesByteForByte() throws {
        let (r, block) = try twoAccounts()
        let acme = try #require(r.names.accounts.id("acme"))
        let erasure = try #require(block.erasing(account: acme))
        let rewritten = try #require(RecordBlock(erasure.bytes))
        #expect(erasure.events == 2)
        #expect(rewritten.events == block.events)
        let before = rawEntries(block), after = rawEntries(rewritten)
        // globex's entries: the same bytes in the same order.
        #expect(before.filter { $0.account != acme }.map(\.bytes) == after.filter { $0.account != nil && $0.account != acme }.map(\.bytes))
        // Each event keeps its place: the i-th event is globex's in both or a placeholder where acme's was.
        let events = before.filter(\.isEvent), newEvents = after.filter(\.isEvent)
        #expect(events.count == newEvents.count)
        for (old, new) in zip(events, newEvents) {
            if old.account == acme { #expect(new.account == nil && new.bytes == [6]) } else { #expect(old.bytes == new.bytes) }
        }
        // Nothing of acme's names or ids is left.
        let text = String(decoding: erasure.bytes, as: UTF8.self)
        for s in ["acme", "A1", "north", "amy", "bob"] { #expect(!text.contains(s), "\(s)") }
        #expect(text.contains("globex") && text.contains("G1") && text.contains("g-ev1"))
        #expect(block.erasing(account: 99) == nil)
    }

    @Test func aPlaceholderDecodesInEveryReaderAndKeepsTheNumbering() throws {
        let (r, block) = try twoAccounts()
        let acme = try #require(r.names.accounts.id("acme"))
        let erasure = try #require(block.erasing(account: acme))
        let rewritten = try #require(RecordBlock(erasure.bytes))
        #expect(rewritten.eventIDs == ["", "g-ev1", "", globexStatusID(block)])

        // A restarting gateway.
        var gateway = RecordingRegistry()
        #expect(gateway.replay(rewritten).isEmpty)
        #expect(gateway.registry.acceptedCount == 4 && gateway.registry.accounts.keys.sorted() == ["globex"])
        #expect(gateway.names.accounts.id("globex") == r.names.accounts.id("globex"))
        #expect(gateway.names.accounts.id("acme") == nil && gateway.names.accounts.isErased(acme))
        // The aggregator's merge, a worker's count, `leadstream journal`.
        var registry = LeadRegistry()
        var names = InternedNames()
        var effects: [RecordEffect] = []
        rewritten.forEach { effects.append(registry.merge($0, of: rewritten, names: &names, admitting: false)) }
        #expect(!effects.contains { if case .refused = $0 { true } else { false } })
        #expect(effects.filter { $0 == .erased }.count == 2)
        #expect(registry.acceptedCount == 4 && registry.account("globex").accepted == 2)
        #expect(CellDelta.of(rewritten, first: 1).allSatisfy { $0.account != acme })
        var export = RecordExport(form: .records)
        let lines = export.lines(rewritten, first: 1)
        #expect(lines.count == 4 && lines[0] == #"{"seq":1,"record":"erased"}"#)
        var events = RecordExport(form: .events)
        #expect(events.lines(rewritten, first: 1).count == 2)
    }

    private func globexStatusID(_ block: RecordBlock) -> String { block.eventIDs[3] }

    @Test func theRegistryForgetsAnAccountAndANewEventStartsItAfreshUnderANewID() throws {
        var (r, _) = try twoAccounts()
        let acme = try #require(r.names.accounts.id("acme"))
        let count = r.registry.acceptedCount
        #expect(r.erase(account: "acme") == acme)
        #expect(r.registry.accounts["acme"] == nil && r.registry.acceptedCount == count)
        #expect(r.names.accounts.id("acme") == nil && r.names.accounts.count == 3)
        #expect(r.erase(account: "acme") == nil)
        // Its old event id is free again, and it takes the next id: no other account's id moved.
        var w = RecordWriter()
        var m = EventMaker(account: "acme")
        #expect(r.apply(m.created("A1"), recording: &w) == .accepted)
        #expect(r.names.accounts.id("acme") == 3 && r.registry.account("acme").accepted == 1)
        #expect(r.names.accounts.id("globex") == 2)
    }

    @Test func aNameDefinedAgainUnderANewIDErasesTheStateOfItsOldOne() throws {
        // What an aggregator that has not applied `erase` yet meets when the account sent again after it.
        let (r, block) = try twoAccounts()
        var registry = LeadRegistry()
        var names = InternedNames()
        block.forEach { _ = registry.merge($0, of: block, names: &names, admitting: false) }
        var again = r
        again.erase(account: "acme")
        var w = RecordWriter()
        var m = EventMaker(account: "acme")
        #expect(again.apply(m.created("A9", id: "new-1"), recording: &w) == .accepted)
        let next = try #require(RecordBlock(w.finish()))
        var effects: [RecordEffect] = []
        next.forEach { effects.append(registry.merge($0, of: next, names: &names, admitting: false)) }
        #expect(effects.first == .accountErased(id: 1, name: "acme"))
        #expect(registry.account("acme").accepted == 1 && registry.account("acme").leads.map(\.leadID) == ["A9"])
    }
}
