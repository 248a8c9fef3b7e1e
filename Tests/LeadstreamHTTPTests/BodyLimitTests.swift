//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOEmbedded
import Testing

@testable import LeadstreamHTTP

/// The body limit: enforced while the body streams in, before the ingest sees anything.
@Suite struct BodyLimitTests {
    @Test func bodyOverTheLimitIs413WithAJSONErrorAndNeverReachesIngest() async throws {
        let server = TestServer(maxBodyBytes: 64)
        try await server.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/events", method: .post, body: ByteBuffer(repeating: UInt8(ascii: " "), count: 65))
            #expect(response.status == .contentTooLarge)
            #expect(
                String(buffer: response.body)
                    == #"{"error":"too_large","message":"request body over 64 bytes; send smaller batches","limit_bytes":64}"#
                    + "\n")
        }
        #expect(await server.ingest.batches.isEmpty)
    }

    @Test func bodyOfExactlyTheLimitIsTaken() async throws {
        let server = TestServer(maxBodyBytes: 64)
        let body = "{" + String(repeating: " ", count: 62) + "}"
        try await server.application().test(.router) { client in
            let response = try await client.execute(uri: "/v1/events", method: .post, body: ByteBuffer(string: body))
            #expect(response.status == .ok)
        }
        #expect(await server.ingest.batches == [Array(body.utf8)])
    }

    /// Without a `Content-Length` the limit still holds: collection stops at it,
    /// so an endless body is answered instead of exhausting memory.
    @Test func endlessBodyWithoutContentLengthIs413() async throws {
        let server = TestServer(maxBodyBytes: 64 * 1024)
        let responder = server.router().buildResponder()
        let request = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/v1/events"),
            body: RequestBody(asyncSequence: EndlessBody())
        )
        let context = HTTPServer.Context(
            source: ApplicationRequestContextSource(channel: EmbeddedChannel(), logger: TestServer.logger))
        let response = try await responder.respond(to: request, context: context)
        #expect(response.status == .contentTooLarge)
        #expect(await server.ingest.batches.isEmpty)
    }
}
