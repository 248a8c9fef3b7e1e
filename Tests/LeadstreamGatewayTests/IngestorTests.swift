//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import LeadstreamCore
import Logging
import Synchronization
import Testing

@testable import LeadstreamGateway

@Suite struct IngestorTests {
    static func line(_ id: String, lead: String, account: String = "acme", type: String = "lead.created") -> String {
        switch type {
        case "lead.created":
            return #"{"type":"lead.created","event_id":"\#(id)","account":"\#(account)","occurred_at":"2026-11-20T10:00:00Z","lead_id":"\#(lead)","office":"o1","source":"form"}"#
        default:
            return #"{"type":"\#(type)","event_id":"\#(id)","account":"\#(account)","occurred_at":"2026-11-20T11:00:00Z","lead_id":"\#(lead)"}"#
        }
    }

    static func batch(_ lines: [String]) -> [UInt8] { Array(lines.joined(separator: "\n").utf8) }

    static func make(_ journal: MemoryJournal, _ configuration: Ingestor.Configuration = .init()) async throws -> Ingestor {
        try await Ingestor(journal: journal, configuration: configuration, logger: Logger(label: "test"))
    }

    @Test func batchGetsPerLineOutcomesAndAContiguousRange() async throws {
        let journal = MemoryJournal()
        let ingestor = try await Self.make(journal)
        let result = try await ingestor.ingest(
            Self.batch([
                Self.line("e1", lead: "L1"), "", Self.line("e1", lead: "L9"), "{oops",
                Self.line("e2", lead: "L1", type: "lead.deleted"), Self.line("e3", lead: "L1", type: "lead.deleted"),
            ]))
        #expect(result.sequences == 1...2)
        #expect(result.accepted == 2)
        #expect(result.duplicateLines == [3])
        #expect(result.rejected.map(\.line) == [4, 6])
        #expect(result.rejected.map(\.rejection.code) == [.malformedJSON, .unknownLead])
        #expect(journal.eventIDs == ["e1", "e2"])
    }

    @Test func journalOrderIsRegistryOrderUnderConcurrentBatches() async throws {
        let journal = MemoryJournal()
        let ingestor = try await Self.make(journal)
        try await withThrowingTaskGroup(of: BatchResult.self) { group in
            for b in 0..<40 {
                group.addTask {
                    try await ingestor.ingest(Self.batch((0..<25).map { Self.line("b\(b)-\($0)", lead: "L\(b)-\($0)") }))
                }
            }
            var ranges: [ClosedRange<UInt64>] = []
            for try await r in group { ranges.append(try #require(r.sequences)) }
            ranges.sort { $0.lowerBound < $1.lowerBound }
            #expect(ranges.first?.lowerBound == 1 && ranges.last?.upperBound == 1000)
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound + 1 == $1.lowerBound })
        }
        // Fewer journal appends than batches: group commit.
        #expect(journal.appendCount <= 40)
        // A registry rebuilt from the journal is the live one.
        let rebuilt = try await Ingestor.rebuild(from: journal, logger: Logger(label: "test")).registry
        #expect(rebuilt.acceptedCount == ingestor.registry.acceptedCount)
        #expect(rebuilt.account("acme").leads.map(\.leadID) == ingestor.registry.account("acme").leads.map(\.leadID))
    }

    @Test func aDuplicateIsNotAcknowledgedBeforeTheEventItRepeatsIsDurable() async throws {
        let journal = MemoryJournal()
        let ingestor = try await Self.make(journal)
        journal.hold()
        let first = Task { try await ingestor.ingest(Self.batch([Self.line("e1", lead: "L1")])) }
        // e1's append has started and waits: e1 is applied but not durable.
        #expect(try await eventually { journal.heldAppends == 1 }, "e1's journal append never started")
        // The retry is admitted here, on the test's task (`ingest` is prepare, admit, then the result):
        // once `admit` returns the ingestor has decided it is a duplicate and queued its answer.
        let pending = try ingestor.admit(ingestor.prepare(Self.batch([Self.line("e1", lead: "L1")])))
        let answered = Atomic<Bool>(false)
        let retry = Task {
            defer { answered.store(true, ordering: .releasing) }
            return try await pending.result()
        }
        // Nothing may answer it while e1 is held: given 50 ms, an early answer would show.
        let answeredEarly = try await eventually(within: .milliseconds(50)) { answered.load(ordering: .acquiring) }
        #expect(!answeredEarly, "the duplicate was acknowledged before e1 was durable")
        #expect(journal.blocks.isEmpty)
        // Released, appends no longer wait (the retry's round too, if the committer starts one).
        journal.release()
        #expect(try await first.value.sequences == 1...1)
        #expect(try await retry.value.duplicateLines == [1])
        #expect(journal.eventIDs.count == 1)
    }

    @Test func aFailedJournalStopsIngestUntilRestart() async throws {
        let journal = MemoryJournal()
        let ingestor = try await Self.make(journal)
        journal.fail()
        await #expect(throws: IngestRefusal.unavailable) { try await ingestor.ingest(Self.batch([Self.line("e1", lead: "L1")])) }
        await #expect(throws: IngestRefusal.unavailable) { try await ingestor.ingest(Self.batch([Self.line("e2", lead: "L2")])) }
    }

    @Test func aBatchOverTheLimitIsRefusedWhole() async throws {
        let journal = MemoryJournal()
        let ingestor = try await Self.make(journal, .init(maxBatchBytes: 100))
        await #expect(throws: IngestRefusal.tooLarge(limitBytes: 100)) {
            try await ingestor.ingest(Self.batch([Self.line("e1", lead: "L1")]))
        }
        #expect(journal.blocks.isEmpty)
    }

    @Test func restartRebuildsTheRegistrySoDecisionsCarryOver() async throws {
        let journal = MemoryJournal()
        _ = try await Self.make(journal).ingest(Self.batch([Self.line("e1", lead: "L1")]))
        let restarted = try await Self.make(journal)
        let r = try await restarted.ingest(Self.batch([Self.line("e1", lead: "L1"), Self.line("e2", lead: "L1")]))
        #expect(r.duplicateLines == [1])
        #expect(r.rejected.map(\.rejection.code) == [.duplicateLead])
        #expect(r.sequences == nil)
    }
}

/// Polls `condition` every 5 ms until it holds (true) or `within` passes (false). The default is generous: it
/// only bounds a failure, and in the whole suite blocking tests may hold the cooperative pool for seconds.
func eventually(within timeout: Duration = .seconds(30), _ condition: () -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { return false }
        try await Task.sleep(for: .milliseconds(5))
    }
    return true
}
