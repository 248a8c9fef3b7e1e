//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamJournal
import Logging
import Metrics

/// What the aggregator starts from: its checkpoint when it can be trusted, otherwise nothing, so the start-up
/// catch-up replays the whole journal from the gateway (`merged` 0 → replay 1…head).
///
/// A checkpoint that fails its seal (truncated, a changed byte, another format version) or does not decode is
/// never served: wrong figures are worse than a slower start. It is logged at error, counted
/// (`leadstream_aggregator_checkpoint_rejected_total`) and moved aside to `PATH.rejected` for inspection; the
/// next save writes a fresh one.
struct CheckpointRecovery {
    let checkpoint: Checkpoint
    let logger: Logger

    func startingState() -> AggregateState {
        do {
            guard let loaded = try checkpoint.load() else { return AggregateState() }
            let state = AggregateState(registry: loaded.registry, names: loaded.names)
            logger.info("checkpoint loaded", metadata: ["merged": "\(state.merged)", "path": "\(checkpoint.path)"])
            return state
        } catch {
            AggregatorMetrics().checkpointsRejected.increment()
            let moved = checkpoint.file.setAside()
            logger.error(
                "checkpoint refused; rebuilding from the gateway's journal",
                metadata: ["error": "\(error)", "moved_to": "\(moved ?? "-")"])
            return AggregateState()
        }
    }
}
