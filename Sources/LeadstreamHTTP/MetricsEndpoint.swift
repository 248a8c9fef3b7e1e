//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus

/// `GET /metrics`: the Prometheus text exposition of the registry the process
/// bootstrapped swift-metrics with, so every swift-metrics figure of the
/// gateway (ingest counters, journal latencies, HTTP requests) is scraped here.
enum MetricsEndpoint {
    /// The Prometheus text format 0.0.4 media type scrapers expect.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    static func respond(registry: PrometheusCollectorRegistry) -> Response {
        var bytes: [UInt8] = []
        registry.emit(into: &bytes)
        return Response(
            status: .ok,
            headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
