//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import CoreMetrics
import HTTPTypes
import Hummingbird
import Metrics

/// Counts every request as `leadstream_http_requests_total{route, method, status}`
/// through an injected swift-metrics factory.
///
/// Hummingbird's own `MetricsMiddleware` always uses the global
/// `MetricsSystem.factory`; this one takes the factory so tests can observe it
/// without bootstrapping the global system (STYLE §6). The route dimension is
/// the matched route pattern (bounded cardinality), `NotFound` otherwise.
struct RequestCounterMiddleware<Context: RequestContext>: RouterMiddleware {
    let counters: CounterCache

    init(factory: any MetricsFactory) {
        counters = CounterCache(factory: factory)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            counters.counter(route: context.endpointPath ?? "NotFound", method: request.method, status: response.status)
                .increment()
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            counters.counter(route: context.endpointPath ?? "NotFound", method: request.method, status: status)
                .increment()
            throw error
        }
    }
}
