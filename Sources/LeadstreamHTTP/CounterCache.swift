//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import CoreMetrics
import HTTPTypes
import Metrics
import Synchronization

/// One `Counter` per (route, method, status), made once: factories may do
/// work (locking, registration) per `makeCounter`, requests should not.
final class CounterCache: Sendable {
    struct Key: Hashable {
        var route: String
        var method: HTTPRequest.Method
        var status: Int
    }

    /// The counter's label, a Prometheus metric name as-is.
    static let label = "leadstream_http_requests_total"

    let factory: any MetricsFactory
    let counters = Mutex<[Key: Counter]>([:])

    init(factory: any MetricsFactory) {
        self.factory = factory
    }

    func counter(route: String, method: HTTPRequest.Method, status: HTTPResponse.Status) -> Counter {
        let key = Key(route: route, method: method, status: status.code)
        return counters.withLock { cache in
            if let counter = cache[key] { return counter }
            let counter = Counter(
                label: Self.label,
                dimensions: [("route", route), ("method", method.rawValue), ("status", String(status.code))],
                factory: factory
            )
            cache[key] = counter
            return counter
        }
    }
}
