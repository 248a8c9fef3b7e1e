//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import LeadstreamGateway
import LeadstreamJournal
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Metrics
import NIOCore
import Prometheus
import Testing

@testable import LeadstreamHTTP

/// The HTTP server in front of the real gateway `Ingestor` (over an in-memory
/// journal), on a live socket: the statuses and bodies a producer really sees.
@Suite struct GatewayIntegrationTests {
    static let event = #"{"type":"lead.created","event_id":"e1","account":"acme","occurred_at":"2026-11-20T10:00:00Z","lead_id":"l1","office":"o1","source":"form"}"#

    @Test func realGatewayAcceptsThenAcknowledgesTheRetryAsDuplicateAndRejectsGarbageWith422() async throws {
        let registry = PrometheusCollectorRegistry()
        let factory = PrometheusMetricsFactory(registry: registry)
        let journal = ArrayJournal()
        let ingestor = try await Ingestor(journal: journal, logger: TestServer.logger, metricsFactory: factory)
        let app = try HTTPServer.buildApplication(
            configuration: .init(port: 0, metricsFactory: factory), ingest: ingestor, registry: registry,
            logger: TestServer.logger)

        try await app.test(.live) { client in
            let first = try await client.execute(
                uri: "/v1/events", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: Self.event))
            #expect(first.status == .ok)
            #expect(
                String(buffer: first.body)
                    == #"{"first_seq":1,"last_seq":1,"accepted":1,"duplicates":0,"duplicate_lines":[],"rejected":[]}"# + "\n")

            let retry = try await client.execute(uri: "/v1/events", method: .post, body: ByteBuffer(string: Self.event))
            #expect(retry.status == .ok)
            #expect(
                String(buffer: retry.body)
                    == #"{"first_seq":null,"last_seq":null,"accepted":0,"duplicates":1,"duplicate_lines":[1],"rejected":[]}"#
                    + "\n")

            let garbage = try await client.execute(
                uri: "/v1/events", method: .post, headers: [.contentType: "application/x-ndjson"],
                body: ByteBuffer(string: "\n{oops\n"))
            #expect(garbage.status == .unprocessableContent)
            #expect(String(buffer: garbage.body).contains(#""rejected":[{"line":2,"code":"malformed_json""#))

            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains("leadstream_events_accepted_total 1"))
        }
        #expect(await journal.blocks.flatMap { RecordBlock($0.body)?.eventIDs ?? [] } == ["e1"])
    }
}
