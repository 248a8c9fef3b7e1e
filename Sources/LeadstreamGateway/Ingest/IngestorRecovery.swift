//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import Logging
import Metrics

/// The roll-back after a commit failed on a full disk (docs/journal.md, "A full disk").
///
/// The registry ran ahead of the journal by the events of the failed round and of every round admitted after
/// it; those batches were answered `unavailable` and nothing of them was acknowledged, so the clients send
/// them again. The registry is rebuilt from what is durable (the gateway's checkpoint and the journal after
/// it, `RegistryRebuild`), then ingest resumes. A still-full disk fails the next commit and the cycle repeats;
/// the pause between attempts (`pause`, like the `retry_after` the clients honour) keeps it from spinning, and
/// a rebuild from the checkpoint replays only the journal's tail.
struct IngestorRecovery {
    let ingestor: Ingestor
    let logger: Logger
    var pause: Duration = .seconds(1)

    func start() {
        ingestor.metrics.suspended.record(1)
        Task.detached { [self] in
            let started = ContinuousClock.now
            do {
                try await Task.sleep(for: pause)
                let rebuilt = try await RegistryRebuild(
                    journal: ingestor.journalForRecovery, checkpoint: ingestor.checkpoint, logger: logger,
                    metrics: ingestor.metrics
                ).run()
                ingestor.resume(with: rebuilt.registry)
                ingestor.metrics.suspended.record(0)
                logger.notice(
                    "ingest resumed after a full disk: registry rolled back to the journal",
                    metadata: [
                        "journal": "\(rebuilt.registry.registry.acceptedCount)",
                        "ms": "\(Int((ContinuousClock.now - started) / .milliseconds(1)))",
                    ])
            } catch {
                ingestor.failForGood()
                logger.critical(
                    "could not roll the registry back after a full disk; refusing further batches",
                    metadata: ["error": "\(error)"])
            }
        }
    }
}
