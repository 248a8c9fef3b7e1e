//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadstreamClients
import NIOCore
import Testing

@testable import LeadstreamHTTP

/// The whole stack over a real socket (`.live`: an ephemeral port, the
/// application run in a `ServiceGroup` and shut down gracefully at the end).
@Suite struct LiveServerTests {
    @Test func liveServerAcknowledgesAnNDJSONBatchAndServesHealthAndMetrics() async throws {
        let server = TestServer(.result(.acceptedAll(2, firstSeq: 10)))
        let batch = #"{"type":"lead.deleted","event_id":"a","account":"acme","occurred_at":"2026-11-20T10:00:00Z","lead_id":"l"}"#
            + "\n" + #"{"type":"lead.deleted","event_id":"b","account":"acme","occurred_at":"2026-11-20T10:00:00Z","lead_id":"m"}"#
        try await server.application().test(.live) { client in
            let response = try await client.execute(
                uri: "/v1/events", method: .post, headers: [.contentType: "application/x-ndjson"],
                body: ByteBuffer(string: batch))
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).hasPrefix(#"{"first_seq":10,"last_seq":11,"accepted":2"#))

            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)

            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"leadstream_http_requests_total{route="/v1/events",method="POST",status="200"} 1"#))
        }
        #expect(await server.ingest.batches == [Array(batch.utf8)])
    }

    @Test func liveServerAnswers413ToABodyOverTheLimit() async throws {
        let server = TestServer(maxBodyBytes: 16)
        try await server.application().test(.live) { client in
            let response = try await client.execute(
                uri: "/v1/events", method: .post, body: ByteBuffer(repeating: UInt8(ascii: "x"), count: 4096))
            #expect(response.status == .contentTooLarge)
            #expect(String(buffer: response.body).contains(#""error":"too_large""#))
        }
        #expect(await server.ingest.batches.isEmpty)
    }
}
