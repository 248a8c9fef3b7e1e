//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import LeadstreamValidation
import Testing

/// Two accounts' events interleaved, as a gateway journals them.
private struct Journal {
    var lines: [String] = []
    var blocks: [RecordBlock] = []

    init(leadsPerAccount: Int) {
        for i in 0..<leadsPerAccount {
            for account in ["acme", "globex"] {
                let day = 1 + i % 28
                lines.append(
                    #"{"type": "lead.created", "event_id": "\#(account)-c\#(i)", "account": "\#(account)", "occurred_at": "2026-11-\#(day < 10 ? "0" : "")\#(day)T10:00:00Z", "lead_id": "L\#(i)", "office": "office-\#(i % 3)", "user": "user-\#(i % 4)", "source": "\#(["form", "phone", "web_chat"][i % 3])"}"#
                )
                if i % 2 == 0 {
                    lines.append(
                        #"{"type": "lead.status_changed", "event_id": "\#(account)-s\#(i)", "account": "\#(account)", "occurred_at": "2026-11-28T12:00:00Z", "lead_id": "L\#(i)", "status": "converted"}"#
                    )
                }
            }
        }
        var gateway = RecordingRegistry()
        var writer = RecordWriter()
        for line in lines {
            guard case .event(let event) = EventDecoder.decode(Array(line.utf8)) else { fatalError(line) }
            _ = gateway.apply(event, recording: &writer)
            if writer.events == 7 { blocks.append(RecordBlock(writer.finish())!) }
        }
        if writer.events > 0 { blocks.append(RecordBlock(writer.finish())!) }
    }

    /// Offline mode's registry after the first `n` events of `account` (and no other account's).
    func offline(_ account: String, first n: Int) -> LeadRegistry {
        var registry = LeadRegistry()
        var seen = 0
        for line in lines where line.contains(#""account": "\#(account)""#) && seen < n {
            guard case .event(let event) = EventDecoder.decode(Array(line.utf8)) else { continue }
            if registry.apply(event) == .accepted { seen += 1 }
        }
        return registry
    }
}

@Suite struct JournalRebuildTests {
    @Test func aCappedAccountIsExactlyItsFirstEventsWhateverTheOthersDid() throws {
        let journal = Journal(leadsPerAccount: 30)
        var rebuild = JournalRebuild(caps: ["acme": 20])
        for block in journal.blocks { rebuild.merge(block) }
        #expect(rebuild.refusals.isEmpty)
        #expect(rebuild.registry.account("acme").accepted == 20)
        #expect(rebuild.registry.accounts["globex"] == nil)
        let offline = journal.offline("acme", first: 20)
        for period in ["2026-11", "2026-W46", "2026-11-03"] {
            #expect(
                try rebuild.registry.figures(account: "acme", period: period)
                    == offline.figures(account: "acme", period: period))
        }
    }

    @Test func itIsCompleteOnceEveryCapIsReachedUnlessOtherAccountsAreRebuilt() {
        let journal = Journal(leadsPerAccount: 30)
        var capped = JournalRebuild(caps: ["acme": 3])
        var all = JournalRebuild(caps: ["acme": 3], others: true)
        #expect(!capped.isComplete)
        capped.merge(journal.blocks[0])
        all.merge(journal.blocks[0])
        #expect(capped.isComplete)
        #expect(!all.isComplete)
        for block in journal.blocks.dropFirst() { all.merge(block) }
        #expect(all.registry.account("acme").accepted == 3)
        #expect(all.registry.account("globex").accepted == journal.offline("globex", first: .max).account("globex").accepted)
    }

    @Test func comparingFindsTheOneCellThatDiffersAndCellsOnlyOneSideHas() throws {
        let journal = Journal(leadsPerAccount: 12)
        let offline = journal.offline("acme", first: .max)
        let set = try offline.figures(account: "acme", period: "2026-11")
        #expect(set.reports.map(\.name) == FigureSet.names)
        let dashboard = try #require(set.reports.first { $0.name == "dashboard" }?.cells)
        var changed = dashboard.cells
        let target = try #require(changed.firstIndex { $0.value != "0" && Int($0.value) != nil })
        changed[target].value = String(Int(changed[target].value)! + 1)
        changed.append((key: "extra.cell", value: "1"))
        let (compared, differences) = FigureDifference.compare(
            report: "dashboard", live: FigureCells(pairs: changed.map { ($0.key, $0.value) }), journal: dashboard)
        #expect(compared == dashboard.cells.count + 1)
        #expect(
            differences == [
                FigureDifference(
                    report: "dashboard", key: dashboard.cells[target].key, live: changed[target].value,
                    journal: dashboard.cells[target].value),
                FigureDifference(report: "dashboard", key: "extra.cell", live: "1", journal: nil),
            ])
    }

    @Test func cellsNameArrayElementsByWhatTheyAreOf() {
        let json = JSONValue.object([
            ("offices", .array([
                .object([("office", .string("north")), ("total", .int(3))]),
                .object([("office", .string("south")), ("total", .int(1))]),
            ])),
            ("ratio", .double(0.5)), ("plain", .array([.int(7)])),
        ])
        #expect(
            FigureCells(json).cells.map { "\($0.key)=\($0.value)" } == [
                "offices[office=north].office=\"north\"", "offices[office=north].total=3",
                "offices[office=south].office=\"south\"", "offices[office=south].total=1", "ratio=0.5", "plain[0]=7",
            ])
    }
}
