//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import LeadstreamJournal
import LeadstreamWire
import Logging
import Testing

@testable import LeadstreamGateway

/// The gateway's half of a tenant erasure over a real journal: the registry forgets the account, the journal
/// keeps every sequence number, the checkpoint is written again, and a restart (from the checkpoint or from the
/// journal alone) sees the same.
@Suite struct GatewayErasureTests {
    @Test func anErasedAccountIsForgottenByTheRegistryTheJournalAndTheCheckpointAndOthersKeepTheirNumbering() async throws {
        let folder = NSTemporaryDirectory() + "leadstream-gateway-erasure-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = try Journal(path: folder + "/journal.sqlite")
        let checkpoint = GatewayCheckpoint(path: folder + "/gateway.checkpoint")
        let logger = Logger(label: "test")
        let ingestor = try await Ingestor(journal: JournalStore(journal), checkpoint: checkpoint, logger: logger)
        _ = try await ingestor.ingest(
            IngestorTests.batch([IngestorTests.line("a1", "L1", "acme", "lead.created"), IngestorTests.line("g1", "G1", "globex", "lead.created")]), account: nil)
        _ = try await ingestor.ingest(IngestorTests.batch([IngestorTests.line("a2", "L1", "acme", "lead.deleted")]), account: nil)
        _ = try await ingestor.ingest(IngestorTests.batch([IngestorTests.line("g2", "G2", "globex", "lead.created")]), account: nil)
        let writer = GatewayCheckpointWriter(checkpoint, ingestor: ingestor, durable: { journal.lastSequence }, logger: logger)
        writer.saveNow()
        let globexBefore = Self.summary(ingestor.registry.account("globex"))

        let eraser = GatewayErasure(ingestor: ingestor, journal: journal, checkpoints: writer, data: folder, logger: logger)
        let outcome = try await eraser.erase(account: "acme")
        #expect(outcome.known && outcome.through == 4 && outcome.events == 2 && outcome.blocks == 2)
        #expect(ingestor.registry.accounts["acme"] == nil && ingestor.registry.acceptedCount == 4)
        #expect(journal.lastSequence == 4)
        let blocks = try journal.read(from: 1, through: 4, limit: 100)
        #expect(blocks.map(\.first) == [1, 3, 4])
        #expect(blocks.allSatisfy { !String(decoding: $0.body, as: UTF8.self).contains("acme") })

        // Its event id is new again; globex's is still a duplicate, and new events number on from 5.
        let again = try await ingestor.ingest(
            IngestorTests.batch([IngestorTests.line("a1", "L1", "acme", "lead.created"), IngestorTests.line("g1", "G1", "globex", "lead.created")]), account: nil)
        #expect(again.accepted == 1 && again.duplicateLines == [2] && again.sequences == 5...5)
        #expect(ingestor.registry.account("acme").accepted == 1)

        // A restart from the checkpoint written at erasure, and one from the journal alone, agree.
        let fromCheckpoint = try await Ingestor(journal: JournalStore(journal), checkpoint: checkpoint, logger: logger)
        #expect(fromCheckpoint.checkpointedThrough == 4)
        #expect(Self.summary(fromCheckpoint.registry.account("globex")) == globexBefore)
        #expect(fromCheckpoint.registry.account("acme").accepted == 1)
        let fromJournal = try await Ingestor(journal: JournalStore(journal), logger: logger)
        #expect(Self.summary(fromJournal.registry.account("globex")) == globexBefore)
        #expect(fromJournal.registry.account("acme").accepted == 1 && fromJournal.registry.acceptedCount == 5)
        try journal.close()
    }

    private static func summary(_ a: AccountState) -> [String] { ["\(a.accepted)"] + a.leads.map(\.leadID) }
}

extension IngestorTests {
    /// `line(_:lead:account:type:)` without labels.
    static func line(_ id: String, _ lead: String, _ account: String, _ type: String) -> String {
        line(id, lead: lead, account: account, type: type)
    }
}
