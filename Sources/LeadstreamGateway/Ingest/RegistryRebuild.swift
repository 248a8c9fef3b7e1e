//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import LeadstreamJournal
import Logging
import Metrics

/// How the gateway's registry is rebuilt on start: from its checkpoint plus the journal after it, or, without a
/// usable checkpoint, from the whole journal (the registry is derived state; the journal is the truth).
struct RegistryRebuild {
    let journal: any EventJournal
    let checkpoint: GatewayCheckpoint?
    let logger: Logger
    let metrics: IngestMetrics

    /// The registry, and the sequence the checkpoint it started from covers (nil: the whole journal).
    func run() async throws -> (registry: RecordingRegistry, checkpointedThrough: UInt64?) {
        let start = ContinuousClock.now
        let last = try await journal.lastSequence()
        if let resumed = try await fromCheckpoint(last: last) {
            log(resumed.registry, from: resumed.from, last: last, since: start)
            return (resumed.registry, resumed.from - 1)
        }
        var registry = RecordingRegistry()
        try await replay(into: &registry, from: 1, through: last, aligned: false)
        log(registry, from: 1, last: last, since: start)
        return (registry, nil)
    }

    /// The checkpoint with the journal after it merged, or nil (logged, counted, set aside) when it is absent or
    /// cannot be trusted. A damaged *journal* block is not caught here: that is no checkpoint's fault.
    private func fromCheckpoint(last: UInt64) async throws -> (registry: RecordingRegistry, from: UInt64)? {
        guard let checkpoint else { return nil }
        do {
            guard var registry = try checkpoint.load() else { return nil }
            let through = UInt64(registry.registry.acceptedCount)
            guard through <= last else {
                throw CheckpointMismatch(reason: "it covers the journal through \(through), the journal ends at \(last)")
            }
            try await replay(into: &registry, from: through + 1, through: last, aligned: true)
            return (registry, through + 1)
        } catch let error as SealError {
            refuse(checkpoint, error)
        } catch let error as CheckpointMismatch {
            refuse(checkpoint, error)
        }
        return nil
    }

    private func refuse(_ checkpoint: GatewayCheckpoint, _ error: any Error) {
        metrics.checkpointsRejected.increment()
        let moved = checkpoint.file.setAside()
        logger.warning(
            "gateway checkpoint refused; replaying the whole journal",
            metadata: ["error": "\(error)", "moved_to": "\(moved ?? "-")"])
    }

    /// Merges the journal's blocks `from…through` into `registry`.
    ///
    /// - Parameter aligned: the first block must start at `from` exactly (a checkpoint ends between blocks;
    ///   a block that straddles it means the checkpoint belongs to another journal).
    private func replay(into registry: inout RecordingRegistry, from: UInt64, through last: UInt64, aligned: Bool)
        async throws
    {
        var next = from
        while next <= last {
            let blocks = try await journal.read(from: next, through: last, limit: 50_000)
            guard let tail = blocks.last else { break }
            if aligned, next == from, blocks[0].first != from {
                throw CheckpointMismatch(reason: "it ends inside the journal block \(blocks[0].first)…\(blocks[0].last)")
            }
            for stored in blocks {
                guard let block = RecordBlock(stored.body), block.events == stored.events else {
                    throw JournalCorrupt(first: stored.first, reason: "not a record block of \(stored.events) events")
                }
                let refusals = registry.replay(block)
                if let why = refusals.first {
                    logger.error("journaled block did not merge", metadata: ["first_seq": "\(stored.first)", "why": "\(why)"])
                }
            }
            next = tail.last + 1
        }
    }

    private func log(_ registry: RecordingRegistry, from: UInt64, last: UInt64, since start: ContinuousClock.Instant) {
        logger.info(
            "registry rebuilt",
            metadata: [
                "events": "\(last)", "from_checkpoint": "\(from - 1)", "replayed": "\(last - min(last, from - 1))",
                "ms": "\(Int((ContinuousClock.now - start) / .milliseconds(1)))",
            ])
    }
}

/// A journal block that is not a record block: the registry cannot be rebuilt.
struct JournalCorrupt: Error, CustomStringConvertible {
    var first: UInt64
    var reason: String
    var description: String { "journal block at \(first): \(reason)" }
}

extension Ingestor {
    /// The registry rebuilt from the whole journal, without a checkpoint.
    static func rebuild(from journal: any EventJournal, logger: Logger) async throws -> RecordingRegistry {
        try await RegistryRebuild(
            journal: journal, checkpoint: nil, logger: logger, metrics: IngestMetrics(factory: MetricsSystem.factory)
        ).run().registry
    }
}
