//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import LeadstreamCore
import Metrics

/// The gateway's ingest figures, through swift-metrics (exported by the
/// HTTP server's `/metrics` when the process bootstraps Prometheus).
struct IngestMetrics: Sendable {
    let accepted: Counter
    let duplicates: Counter
    let rejectedByCode: [ErrorCode: Counter]
    let batchLatency: Timer
    let commitLatency: Timer
    let commitEvents: Recorder
    /// Accepted events applied to the registry and waiting for the journal (the commit queue's depth).
    let queuedEvents: Gauge
    /// Gateway checkpoints refused on start (seal, version, not this journal): each one a full journal replay.
    let checkpointsRejected: Counter
    /// Gateway checkpoints saved, and the journal sequence the last one covers.
    let checkpointsSaved: Counter
    let checkpointSeq: Gauge
    /// Journal commits that failed on a full disk (each answered `unavailable`, then rolled back).
    let diskFull: Counter
    /// 1 while ingest is refused after a full disk (rolling back, or waiting for space), else 0.
    let suspended: Gauge

    init(factory: any MetricsFactory) {
        accepted = Counter(label: "leadstream_events_accepted_total", factory: factory)
        duplicates = Counter(label: "leadstream_events_duplicate_total", factory: factory)
        var byCode: [ErrorCode: Counter] = [:]
        for code in ErrorCode.allCases {
            byCode[code] = Counter(
                label: "leadstream_events_rejected_total", dimensions: [("code", code.rawValue)], factory: factory)
        }
        rejectedByCode = byCode
        batchLatency = Timer(label: "leadstream_batch_seconds", factory: factory)
        commitLatency = Timer(label: "leadstream_journal_commit_seconds", factory: factory)
        commitEvents = Recorder(label: "leadstream_journal_commit_events", factory: factory)
        queuedEvents = Gauge(label: "leadstream_journal_queue_events", factory: factory)
        checkpointsRejected = Counter(label: "leadstream_gateway_checkpoint_rejected_total", factory: factory)
        checkpointsSaved = Counter(label: "leadstream_gateway_checkpoints_total", factory: factory)
        checkpointSeq = Gauge(label: "leadstream_gateway_checkpoint_seq", factory: factory)
        diskFull = Counter(label: "leadstream_journal_disk_full_total", factory: factory)
        suspended = Gauge(label: "leadstream_ingest_suspended", factory: factory)
    }

    func record(_ result: BatchResult, latency: Duration) {
        accepted.increment(by: result.accepted)
        duplicates.increment(by: result.duplicates)
        for r in result.rejected { rejectedByCode[r.rejection.code]?.increment() }
        batchLatency.record(duration: latency)
    }

    func journalCommit(events: Int, latency: Duration) {
        commitLatency.record(duration: latency)
        commitEvents.record(events)
    }
}
