//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Metrics

/// The aggregator's own figures on `/metrics` (docs/cluster.md, "Watching it"),
/// through swift-metrics: whatever backend the process bootstrapped.
struct AggregatorMetrics {
    /// The gateway sequence merged through.
    let merged = Gauge(label: "leadstream_aggregator_merged_seq")
    /// The gateway's last committed sequence minus `merged`, as of the last `head` asked.
    let lag = Gauge(label: "leadstream_aggregator_lag_events")
    let replays = Counter(label: "leadstream_aggregator_replays_total")
    let replayedEvents = Counter(label: "leadstream_aggregator_replayed_events_total")
    /// Publish slices that sent at least one message, and the messages sent.
    let publishRounds = Counter(label: "leadstream_aggregator_publish_rounds_total")
    let published = Counter(label: "leadstream_aggregator_published_total")
    /// From a query's arrival to its reply (a report waits for the merge to reach the gateway's head).
    let queryLatency = Timer(label: "leadstream_aggregator_query_seconds")
    let queries = Counter(label: "leadstream_aggregator_queries_total")
    /// Checkpoints refused on start (truncated, checksum, version): each one a rebuild from the journal.
    let checkpointsRejected = Counter(label: "leadstream_aggregator_checkpoint_rejected_total")

    /// Seconds since the gateway last answered or forwarded (see `GatewayContact`): grows while it is unreachable.
    let secondsSinceGateway = Gauge(label: "leadstream_aggregator_seconds_since_gateway")
    /// The gateway's head as last told: with `merged_seq`, how far behind the answers may be.
    let gatewayHead = Gauge(label: "leadstream_aggregator_gateway_head")

    func observeHead(_ head: UInt64, merged: UInt64) {
        lag.record(head > merged ? Int64(head - merged) : 0)
    }
}
