//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import LeadstreamJournal
import LeadstreamWire
import Logging
import Synchronization
import Testing

@testable import LeadstreamGateway

/// The gateway's checkpoint: a restart resumes from it and replays only the journal after it, with dedupe and
/// the sequence intact; a checkpoint that cannot be trusted is refused and the whole journal replayed.
@Suite struct GatewayCheckpointTests {
    /// A journal that remembers where each read started: which part of it a start replayed.
    final class WatchedJournal: EventJournal, Sendable {
        let inner = MemoryJournal()
        private let starts = Mutex<[UInt64]>([])
        var readStarts: [UInt64] { starts.withLock { $0 } }
        func append(_ blocks: [JournalBlock]) async throws -> ClosedRange<UInt64>? { try await inner.append(blocks) }
        func read(from: UInt64, through: UInt64, limit: Int) async throws -> [StoredBlock] {
            starts.withLock { $0.append(from) }
            return try await inner.read(from: from, through: through, limit: limit)
        }
        func lastSequence() async throws -> UInt64 { try await inner.lastSequence() }
    }

    private func checkpointPath() throws -> String {
        let folder = NSTemporaryDirectory() + "leadstream-gateway-checkpoint-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder + "/gateway.checkpoint"
    }

    private func start(_ journal: any EventJournal, _ path: String) async throws -> Ingestor {
        try await Ingestor(journal: journal, checkpoint: GatewayCheckpoint(path: path), logger: Logger(label: "test"))
    }

    private func ingest(_ ingestor: Ingestor, _ lines: [String]) async throws -> BatchResult {
        try await ingestor.ingest(IngestorTests.batch(lines), account: nil)
    }

    private func save(_ ingestor: Ingestor, _ journal: WatchedJournal, _ path: String) {
        let inner = journal.inner
        GatewayCheckpointWriter(
            GatewayCheckpoint(path: path), ingestor: ingestor, durable: { inner.blocks.last?.last ?? 0 },
            logger: Logger(label: "test")
        ).saveNow()
    }

    /// Three events checkpointed, a fourth only in the journal.
    private func checkpointedJournal() async throws -> (WatchedJournal, String) {
        let journal = WatchedJournal()
        let path = try checkpointPath()
        let live = try await start(journal, path)
        _ = try await ingest(live, [IngestorTests.line("e1", lead: "L1"), IngestorTests.line("e2", lead: "L2")])
        _ = try await ingest(live, [IngestorTests.line("e3", lead: "L1", type: "lead.deleted")])
        save(live, journal, path)
        _ = try await ingest(live, [IngestorTests.line("e4", lead: "L3")])
        return (journal, path)
    }

    @Test func aRestartReplaysOnlyTheJournalAfterTheCheckpointAndStillFindsDuplicates() async throws {
        let (journal, path) = try await checkpointedJournal()
        let before = journal.readStarts.count
        let restarted = try await start(journal, path)
        #expect(Array(journal.readStarts.dropFirst(before)) == [4])
        #expect(restarted.registry.acceptedCount == 4)
        // Ids from the checkpoint and from the replayed tail are duplicates; a deleted lead's id stays used.
        let again = try await ingest(restarted, [
            IngestorTests.line("e1", lead: "L1"), IngestorTests.line("e4", lead: "L3"),
            IngestorTests.line("e5", lead: "L1"), IngestorTests.line("e6", lead: "L4"),
        ])
        #expect(again.duplicateLines == [1, 2])
        #expect(again.rejected.map(\.rejection.code) == [.duplicateLead])
        #expect(again.sequences == 5...5)  // the sequence continues after the journal's last
    }

    @Test func aDamagedCheckpointIsSetAsideAndTheWholeJournalReplayed() async throws {
        let (journal, path) = try await checkpointedJournal()
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 5] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let before = journal.readStarts.count
        let restarted = try await start(journal, path)
        #expect(journal.readStarts.dropFirst(before).first == 1)
        #expect(restarted.registry.acceptedCount == 4)
        #expect(FileManager.default.fileExists(atPath: path + ".rejected"))
        #expect(try await ingest(restarted, [IngestorTests.line("e2", lead: "L2")]).duplicateLines == [1])
    }

    @Test func aCheckpointCoveringMoreThanTheJournalHoldsIsRefused() async throws {
        let (_, path) = try await checkpointedJournal()
        let other = WatchedJournal()  // another, shorter journal under the same checkpoint
        let restarted = try await start(other, path)
        #expect(restarted.registry.acceptedCount == 0)
        #expect(try await ingest(restarted, [IngestorTests.line("e1", lead: "L1")]).sequences == 1...1)
    }

    @Test func aCheckpointEndingInsideAJournalBlockIsRefused() async throws {
        let (_, path) = try await checkpointedJournal()  // covers 1…3
        let other = WatchedJournal()
        let live = try await start(other, try checkpointPath())
        _ = try await ingest(live, (1...5).map { IngestorTests.line("x\($0)", lead: "X\($0)") })  // one block 1…5
        let restarted = try await start(other, path)
        #expect(restarted.registry.acceptedCount == 5)
        #expect(restarted.registry.account("acme").lead("L1") == nil)  // nothing of the checkpoint's journal
    }

    @Test func theCheckpointIsWrittenOnlyOnceTheJournalHoldsItsEvents() async throws {
        let journal = WatchedJournal()
        let path = try checkpointPath()
        let live = try await start(journal, path)
        _ = try await ingest(live, [IngestorTests.line("e1", lead: "L1")])
        let writer = GatewayCheckpointWriter(
            GatewayCheckpoint(path: path), ingestor: live, durable: { 0 }, logger: Logger(label: "test"))
        writer.saveNow(waitingUpTo: .milliseconds(50))  // the journal "has not committed" e1: nothing is written
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(writer.savedThrough == 0)
    }
}
