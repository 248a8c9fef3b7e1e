//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamClients
import LeadstreamWire
import Foundation
import LeadstreamCore
import Logging
import Synchronization
import Testing
import ZeroMQ

@testable import LeadstreamGateway

/// The ingest server and the send client over real TCP sockets.
@Suite struct ZeroMQIngestTests {
    /// Runs a server on an ephemeral port for the body's duration.
    static func withServer(
        journal: MemoryJournal = MemoryJournal(), sink: (any ChangeSink)? = nil,
        _ body: (String, ZMQContext, Ingestor) async throws -> Void
    ) async throws {
        let context = try ZMQContext()
        let ingestor = try await Ingestor(journal: journal, sink: sink, logger: Logger(label: "test"))
        let server = try ZeroMQIngestServer(
            configuration: .init(endpoint: "tcp://127.0.0.1:*", drainTimeout: .seconds(2)), context: context,
            ingestor: ingestor, journal: journal, logger: Logger(label: "test"))
        let running = Task { try await server.run() }
        do {
            try await body(server.boundEndpoint, context, ingestor)
        } catch {
            server.stop()
            _ = try? await running.value
            throw error
        }
        server.stop()
        try await running.value
        try context.terminate()
    }

    /// Runs a blocking client call on its own thread: the test's tasks must not
    /// starve the cooperative pool the server answers on.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { c in
            Thread { c.resume(with: Result { try body() }) }.start()
        }
    }

    static func lines(_ n: Int, account: String = "acme") -> [String] {
        (1...n).map {
            #"{"type":"lead.created","event_id":"e\#($0)","account":"\#(account)","occurred_at":"2026-11-20T10:00:00Z","lead_id":"L\#($0 % 700)","office":"o1","source":"form"}"#
        }
    }

    @Test func sendReportsFileLineNumbersAcrossBatches() async throws {
        try await Self.withServer { endpoint, context, ingestor in
            var input = Self.lines(2_000)
            input.insert("", at: 10)  // a blank line: numbering still counts it
            input.insert("{broken", at: 1_500)
            let client = IngestClient(configuration: .init(endpoint: endpoint, batchLines: 64, window: 4))
            let bytes = Array(input.joined(separator: "\n").utf8)
            let summary = try await Self.offPool { try bytes.withUnsafeBytes { try client.send($0, context: context) } }
            // Leads L0…L699 repeat: every creation after the 700th is a duplicate_lead.
            #expect(summary.accepted == 700)
            #expect(summary.rejected.count == 2_000 - 700 + 1)
            #expect(summary.rejected.first { $0.rejection.code == .malformedJSON }?.line == 1_501)
            #expect(summary.rejected.filter { $0.rejection.code == .duplicateLead }.first?.line == 702)
            #expect(ingestor.registry.acceptedCount == 700)
            #expect(summary.lastSequence == 700)
        }
    }

    @Test func aResentBatchIsAcknowledgedAsDuplicatesAndJournaledOnce() async throws {
        let journal = MemoryJournal()
        try await Self.withServer(journal: journal) { endpoint, context, _ in
            let client = IngestClient(configuration: .init(endpoint: endpoint, batchLines: 100))
            let bytes = Array(Self.lines(300).joined(separator: "\n").utf8)
            let first = try await Self.offPool { try bytes.withUnsafeBytes { try client.send($0, context: context) } }
            let again = try await Self.offPool { try bytes.withUnsafeBytes { try client.send($0, context: context) } }
            #expect(first.accepted == 300 && first.duplicates == 0)
            #expect(again.accepted == 0 && again.duplicates == 300)
            #expect(journal.eventIDs.count == 300)
        }
    }

    @Test func replayReturnsTheJournaledBlocksHoldingARangeAsForwarded() async throws {
        let journal = MemoryJournal()
        let sink = RecordingSink()
        try await Self.withServer(journal: journal, sink: sink) { endpoint, context, _ in
            let client = IngestClient(configuration: .init(endpoint: endpoint))
            // Two batches: two blocks, 1...25 and 26...50.
            for part in [Array(Self.lines(50)[..<25]), Array(Self.lines(50)[25...])] {
                let bytes = Array(part.joined(separator: "\n").utf8)
                _ = try await Self.offPool { try bytes.withUnsafeBytes { try client.send($0, context: context) } }
            }
            let reply = try await Self.offPool { () throws -> [[UInt8]]? in
                let dealer = try Socket(context, type: .dealer)
                try dealer.set(.linger, 0)
                try dealer.set(.receiveTimeout, 2_000)
                try dealer.connect(endpoint)
                try dealer.sendMultipart(
                    WireFrames.encode(.replay, id: 7, body: WireFrames.encode(20) + WireFrames.encode(30)))
                let reply = try dealer.receiveMultipart()
                dealer.close()
                return reply
            }
            let decoded = try #require(reply.flatMap { WireFrames.decode($0[...]) })
            #expect(decoded.verb == .changes && decoded.id == 7)
            let blocks = try #require(ReplayBody.decode(decoded.body))
            // Both blocks holding 20...30, whole.
            #expect(blocks.map(\.first) == [1, 26])
            #expect(blocks.compactMap { RecordBlock($0.body)?.events } == [25, 25])
            // The forwarder sent the very same bytes, in order, once durable.
            #expect(sink.blocks.map(\.first) == [1, 26])
            #expect(sink.blocks.map(\.body) == blocks.map(\.body))
            #expect(journal.eventIDs.count == 50)
        }
    }
}

final class RecordingSink: ChangeSink, Sendable {
    private let recorded = Mutex<[(first: UInt64, body: [UInt8])]>([])
    var blocks: [(first: UInt64, body: [UInt8])] { recorded.withLock { $0 } }
    func forward(_ blocks: [(first: UInt64, body: [UInt8])]) { recorded.withLock { $0 += blocks } }
}

extension ZeroMQIngestTests {
    /// Batches in flight together are applied in the order they were sent
    /// (SPEC §2: arrival order), even though they are decoded concurrently.
    @Test func batchesInFlightAreAppliedInSendOrder() async throws {
        try await Self.withServer { endpoint, context, ingestor in
            // Each lead is created in one batch and changed in the next: out of
            // order, the change would be rejected as unknown_lead.
            var input: [String] = []
            for b in 0..<200 {
                input.append(
                    #"{"type":"lead.created","event_id":"c\#(b)","account":"acme","occurred_at":"2026-11-20T10:00:00Z","lead_id":"L\#(b)","office":"o1","source":"form"}"#
                )
                input.append(
                    #"{"type":"lead.status_changed","event_id":"s\#(b)","account":"acme","occurred_at":"2026-11-20T11:00:00Z","lead_id":"L\#(b)","status":"accepted"}"#
                )
            }
            let client = IngestClient(configuration: .init(endpoint: endpoint, batchLines: 1, window: 32))
            let bytes = Array(input.joined(separator: "\n").utf8)
            let summary = try await Self.offPool { try bytes.withUnsafeBytes { try client.send($0, context: context) } }
            #expect(summary.rejected.isEmpty)
            #expect(summary.accepted == 400)
            #expect(ingestor.registry.account("acme").leads.allSatisfy { $0.status == .accepted })
        }
    }
}
