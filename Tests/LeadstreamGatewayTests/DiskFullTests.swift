//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import LeadstreamWire
import Logging
import Testing

@testable import LeadstreamGateway

/// A full disk: batches are answered `unavailable` and nothing that is not durable is acknowledged; once space
/// returns ingest resumes by itself, and an event refused meanwhile is accepted when sent again (the registry was
/// rolled back: it did not keep the refused event's id).
@Suite struct DiskFullTests {
    private func ingest(_ ingestor: Ingestor, _ lines: [String]) async throws(IngestRefusal) -> BatchResult {
        try await ingestor.ingest(IngestorTests.batch(lines), account: nil)
    }

    @Test func aFullDiskIsUnavailableAndIngestResumesWithNothingLostWhenSpaceReturns() async throws {
        let journal = MemoryJournal()
        let ingestor = try await IngestorTests.make(journal)
        #expect(try await ingest(ingestor, [IngestorTests.line("e1", lead: "L1")]).sequences == 1...1)
        journal.fill()
        await #expect(throws: IngestRefusal.unavailable) {
            try await ingest(ingestor, [IngestorTests.line("e2", lead: "L2")])
        }
        // While rolling back or still full: unavailable, never an acknowledgement.
        await #expect(throws: IngestRefusal.unavailable) {
            try await ingest(ingestor, [IngestorTests.line("e2", lead: "L2")])
        }
        #expect(journal.eventIDs == ["e1"])
        journal.free()
        var accepted: BatchResult?
        let deadline = ContinuousClock.now + .seconds(30)
        while accepted == nil, ContinuousClock.now < deadline {
            do {
                accepted = try await ingest(ingestor, [IngestorTests.line("e2", lead: "L2"), IngestorTests.line("e1", lead: "L1")])
            } catch {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        let result = try #require(accepted, "ingest did not resume after space returned")
        #expect(result.accepted == 1)  // e2: the rolled-back registry forgot it
        #expect(result.duplicateLines == [2])  // e1 was durable before the disk filled
        #expect(result.sequences == 2...2)
        #expect(journal.eventIDs == ["e1", "e2"])
        #expect(ingestor.registry.acceptedCount == 2)
    }
}
