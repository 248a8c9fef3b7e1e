//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Metrics

/// The requests a ROUTER endpoint could not answer, on `/metrics` as
/// `leadstream_requests_dropped_total{endpoint, reason}` (docs/protocol.md).
///
/// Everything with a routing identity is answered (``RouterMessage``), so these
/// are the few messages no reply can reach; a count that moves means a peer that
/// does not speak LS1, or replies lost at shutdown. Every reason's counter is made
/// when the endpoint starts, so a scrape shows the zeros too.
public struct DroppedRequests: Sendable {
    public enum Reason: String, Sendable, CaseIterable {
        /// No routing identity, or nothing after it.
        case noEnvelope = "no_envelope"
        /// The reply was made but could no longer be sent (the endpoint had shut down).
        case replyLost = "reply_lost"
    }

    private let counters: [Reason: Counter]

    /// - Parameters:
    ///   - endpoint: the `endpoint` label: `ingest` (the gateway) or `query` (the aggregator).
    ///   - factory: the metrics backend; tests pass their own instead of bootstrapping the global one.
    public init(endpoint: String, factory: any MetricsFactory = MetricsSystem.factory) {
        var counters: [Reason: Counter] = [:]
        for reason in Reason.allCases {
            counters[reason] = Counter(
                label: "leadstream_requests_dropped_total",
                dimensions: [("endpoint", endpoint), ("reason", reason.rawValue)], factory: factory)
        }
        self.counters = counters
    }

    public func count(_ reason: Reason) { counters[reason]?.increment() }
}
