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
}
