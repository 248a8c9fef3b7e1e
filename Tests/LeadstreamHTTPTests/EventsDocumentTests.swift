//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import LeadstreamHTTP

/// `POST /v1/events` with `Content-Type: application/json` is one document; NDJSON stays line by line (docs/http.md).
@Suite struct EventsDocumentTests {
    static let pretty = """
        {
          "type": "lead.created",
          "event_id": "e1",
          "account": "acme",
          "occurred_at": "2026-11-20T10:00:00Z",
          "lead_id": "l1", "office": "o1", "source": "form"
        }

        """

    static func post(_ body: String, contentType: String) async throws -> (FakeIngest, HTTPResponse.Status) {
        let server = TestServer(.result(.acceptedAll(1, firstSeq: 1)))
        let status = try await server.application().test(.router) { client in
            try await client.execute(
                uri: "/v1/events", method: .post, headers: [.contentType: contentType], body: ByteBuffer(string: body)
            ).status
        }
        return (server.ingest, status)
    }

    @Test(arguments: ["application/json", "application/json; charset=utf-8", "Application/JSON"])
    func aPrettyPrintedEventSentAsJSONReachesIngestAsOneLine(contentType: String) async throws {
        let (ingest, status) = try await Self.post(Self.pretty, contentType: contentType)
        #expect(status == .ok)
        let batches = await ingest.batches
        #expect(batches.count == 1)
        let line = String(decoding: batches.first ?? [], as: UTF8.self)
        #expect(!line.contains("\n"))
        #expect(line.hasPrefix("{ ") && line.hasSuffix("}"))
        #expect(line.contains(#""event_id": "e1","#))
    }

    @Test func aPrettyPrintedEventSentAsNDJSONStaysLineByLine() async throws {
        let (ingest, _) = try await Self.post(Self.pretty, contentType: "application/x-ndjson")
        #expect(await ingest.batches == [Array(Self.pretty.utf8)])
    }

    @Test func ndjsonSentAsJSONKeepsItsLines() async throws {
        let body = #"{"a":1}"# + "\n{broken\n" + #"{"b":2}"# + "\n"
        let (ingest, _) = try await Self.post(body, contentType: "application/json")
        #expect(await ingest.batches == [Array(body.utf8)])
    }
}
