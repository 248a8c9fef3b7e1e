//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Metrics
import NIOCore
import Testing

@testable import LeadstreamHTTP

/// `/healthz` and `/metrics`, the routes operators and scrapers use.
@Suite struct OperationsRoutesTests {
    @Test func healthzIs200StatusOK() async throws {
        try await TestServer().application().test(.router) { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == #"{"status":"ok"}"# + "\n")
        }
    }

    /// A counter made through the injected factory, as the gateway core makes its own.
    @Test func metricsRendersTheRegistryInPrometheusTextFormat() async throws {
        let server = TestServer()
        Counter(label: "leadstream_test_total", dimensions: [("kind", "probe")], factory: server.configuration.metricsFactory)
            .increment(by: 7)
        try await server.application().test(.router) { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let text = String(buffer: response.body)
            #expect(text.contains("# TYPE leadstream_test_total counter"))
            #expect(text.contains(#"leadstream_test_total{kind="probe"} 7"#))
        }
    }

    @Test func requestsAreCountedByRouteMethodAndStatus() async throws {
        let server = TestServer(.refusal(.overloaded(retryAfterSeconds: 1)))
        try await server.application().test(.router) { client in
            _ = try await client.execute(uri: "/healthz", method: .get)
            _ = try await client.execute(uri: "/healthz", method: .get)
            _ = try await client.execute(uri: "/v1/events", method: .post, body: ByteBuffer(string: "{}"))
            _ = try await client.execute(uri: "/nowhere", method: .get)
            let text = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(text.contains(#"leadstream_http_requests_total{route="/healthz",method="GET",status="200"} 2"#))
            #expect(text.contains(#"leadstream_http_requests_total{route="/v1/events",method="POST",status="503"} 1"#))
            #expect(text.contains(#"leadstream_http_requests_total{route="NotFound",method="GET",status="404"} 1"#))
        }
    }

    @Test func anUnknownRouteIs404WithAJSONBody() async throws {
        try await TestServer().application().test(.router) { client in
            let response = try await client.execute(uri: "/nowhere", method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/json")
            #expect(String(buffer: response.body) == #"{"error":"not_found","message":"no route GET /nowhere"}"# + "\n")
        }
    }

    @Test func aWrongMethodOnARouteIs405WithAllow() async throws {
        try await TestServer().application().test(.router) { client in
            let events = try await client.execute(uri: "/v1/events", method: .get)
            #expect(events.status == .methodNotAllowed)
            #expect(events.headers[.allow] == "POST")
            #expect(String(buffer: events.body).hasPrefix(#"{"error":"method_not_allowed","#))
            let metrics = try await client.execute(uri: "/metrics", method: .delete)
            #expect(metrics.status == .methodNotAllowed)
            #expect(metrics.headers[.allow] == "GET")
        }
    }
}
