//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadstreamCore
import LeadstreamClients
import LeadstreamWire
import NIOCore
import Testing

@testable import LeadstreamHTTP

/// `POST /v1/events` in process (`.router`): what reaches the ingest and what the client is told.
@Suite struct EventsRouteTests {
    static let event = #"{"type":"lead.created","event_id":"e1","account":"acme","occurred_at":"2026-11-20T10:00:00Z","lead_id":"l1","office":"o1","source":"form"}"#
    static let ndjsonHeaders: HTTPFields = [.contentType: "application/x-ndjson"]

    @Test func singleEventIsAcknowledgedWith200AndItsSequence() async throws {
        let server = TestServer(.result(.acceptedAll(1, firstSeq: 42)))
        try await server.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/events", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: Self.event))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            #expect(
                String(buffer: response.body)
                    == #"{"first_seq":42,"last_seq":42,"accepted":1,"duplicates":0,"duplicate_lines":[],"rejected":[]}"# + "\n")
        }
        #expect(await server.ingest.batches == [Array(Self.event.utf8)])
    }

    @Test func ndjsonBatchReachesIngestAsExactlyTheBytesSent() async throws {
        let server = TestServer(.result(.acceptedAll(3, firstSeq: 1)))
        let batch = Self.event + "\n" + Self.event.replacingOccurrences("e1", "e2") + "\n\n"
            + Self.event.replacingOccurrences("e1", "e3") + "\n"
        try await server.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/events", method: .post, headers: Self.ndjsonHeaders, body: ByteBuffer(string: batch))
            #expect(response.status == .ok)
        }
        #expect(await server.ingest.batches == [Array(batch.utf8)])
    }

    @Test func batchWithEveryLineRejectedIs422WithTheFullResult() async throws {
        let server = TestServer(.result(.rejectedAll(2)))
        try await server.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/events", method: .post, headers: Self.ndjsonHeaders, body: ByteBuffer(string: "{}\n{}\n"))
            #expect(response.status == .unprocessableContent)
            let body = String(buffer: response.body)
            #expect(body.contains(#""first_seq":null"#))
            #expect(body.contains(#"{"line":2,"code":"unknown_type","field":"type","message":"unknown event type 'x'"}"#))
        }
    }

    @Test func partlyRejectedBatchIs200BecauseItsAcceptedLinesAreDurable() async throws {
        var result = BatchResult.acceptedAll(1, firstSeq: 5)
        result.rejected = BatchResult.rejectedAll(1).rejected.map { LineRejection(line: 2, rejection: $0.rejection) }
        let server = TestServer(.result(result))
        try await server.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/events", method: .post, body: ByteBuffer(string: Self.event + "\n{}\n"))
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains(#""rejected":[{"line":2"#))
        }
    }

    @Test func batchOfOnlyDuplicatesIs200() async throws {
        let server = TestServer(.result(BatchResult(sequences: nil, accepted: 0, duplicateLines: [1], rejected: [])))
        try await server.application().test(.router) { client in
            let response = try await client.execute(uri: "/v1/events", method: .post, body: ByteBuffer(string: Self.event))
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains(#""duplicate_lines":[1]"#))
        }
    }

    @Test func overloadedGatewayAnswers503WithRetryAfter() async throws {
        let server = TestServer(.refusal(.overloaded(retryAfterSeconds: 3)))
        try await server.application().test(.router) { client in
            let response = try await client.execute(uri: "/v1/events", method: .post, body: ByteBuffer(string: Self.event))
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "3")
            #expect(
                String(buffer: response.body)
                    == #"{"error":"overloaded","message":"the gateway is overloaded; retry later","retry_after":3}"# + "\n")
        }
    }

    @Test func shuttingDownGatewayAnswers503WithTheConfiguredRetryAfter() async throws {
        let server = TestServer(.refusal(.unavailable))
        try await server.application().test(.router) { client in
            let response = try await client.execute(uri: "/v1/events", method: .post, body: ByteBuffer(string: Self.event))
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "5")
            #expect(String(buffer: response.body).contains(#""error":"unavailable""#))
        }
    }

    @Test func batchTheGatewayFindsTooLargeIs413WithItsLimit() async throws {
        let server = TestServer(.refusal(.tooLarge(limitBytes: 100)))
        try await server.application().test(.router) { client in
            let response = try await client.execute(uri: "/v1/events", method: .post, body: ByteBuffer(string: Self.event))
            #expect(response.status == .contentTooLarge)
            #expect(String(buffer: response.body).contains(#""limit_bytes":100"#))
        }
    }

    @Test(arguments: ["", "\n", " \r\n\t\n"])
    func emptyOrBlankBodyIs400MalformedJSONAndNeverReachesIngest(body: String) async throws {
        let server = TestServer()
        try await server.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/events", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
            #expect(response.status == .badRequest)
            #expect(String(buffer: response.body) == #"{"error":"malformed_json","message":"empty body"}"# + "\n")
        }
        #expect(await server.ingest.batches.isEmpty)
    }

    @Test(arguments: ["application/json", "application/x-ndjson", "Application/JSON; charset=utf-8"])
    func jsonAndNDJSONMediaTypesAreTaken(contentType: String) async throws {
        let server = TestServer()
        try await server.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/events", method: .post, headers: [.contentType: contentType], body: ByteBuffer(string: Self.event))
            #expect(response.status == .ok)
        }
    }

    @Test func otherMediaTypesAre415AndNeverReachIngest() async throws {
        let server = TestServer()
        try await server.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/events", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: Self.event))
            #expect(response.status == .unsupportedMediaType)
            #expect(String(buffer: response.body).contains(#""error":"unsupported_media_type""#))
        }
        #expect(await server.ingest.batches.isEmpty)
    }
}

extension String {
    fileprivate func replacingOccurrences(_ a: String, _ b: String) -> String {
        split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}
