//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Dispatch
import Foundation
import LeadstreamCore
import Logging
import Metrics
import Synchronization

/// Saves the gateway's checkpoint every `interval` when the registry moved, and once more at shutdown, on a
/// dispatch queue of its own: encoding millions of event ids and an fsync never run on the cooperative pool
/// or under the ingest lock.
///
/// The hand-over is a copy-on-write copy of the registry taken under the ingest lock (`Ingestor`); the next
/// batch of each account then copies that account's id set and positions once per save, the one cost the
/// hot path pays for checkpoints (docs/journal.md, "The gateway's checkpoint"). A snapshot is written only
/// once the journal has committed every event it holds, so a checkpoint never covers an event that is not
/// durable.
public final class GatewayCheckpointWriter: Sendable {
    let checkpoint: GatewayCheckpoint
    private let ingestor: Ingestor
    private let durable: @Sendable () -> UInt64
    private let logger: Logger
    private let queue = DispatchQueue(label: "leadstream-gateway-checkpoint")
    private let stopped = Atomic<Bool>(false)
    /// The journal sequence the checkpoint on disk covers.
    private let saved: Atomic<UInt64>

    /// - Parameter durable: the journal's last committed sequence.
    public init(
        _ checkpoint: GatewayCheckpoint, ingestor: Ingestor, durable: @escaping @Sendable () -> UInt64, logger: Logger
    ) {
        self.checkpoint = checkpoint
        self.ingestor = ingestor
        self.durable = durable
        self.logger = logger
        // What the checkpoint on disk covers: a start from it without new events writes nothing; a start without
        // one (or over a refused one) writes one at the first save.
        saved = Atomic(ingestor.checkpointedThrough ?? 0)
    }

    /// The journal sequence the checkpoint on disk covers (the start's registry until the first save).
    public var savedThrough: UInt64 { saved.load(ordering: .acquiring) }

    /// Starts the periodic saves.
    public func start(every interval: Duration) {
        queue.asyncAfter(deadline: .now() + .milliseconds(Int(interval / .milliseconds(1)))) { [self] in
            guard !stopped.load(ordering: .acquiring) else { return }
            save(waitingUpTo: .seconds(2))
            start(every: interval)
        }
    }

    /// Stops the periodic saves and saves once more, on the caller's thread, after the last batches committed
    /// (the shutdown's checkpoint: the next start replays nothing).
    public func stopAndSave() {
        stopped.store(true, ordering: .releasing)
        queue.sync { save(waitingUpTo: .seconds(10)) }
    }

    /// Saves the registry as of now, on the caller's thread, once the journal holds it (tests, the bench).
    public func saveNow(waitingUpTo limit: Duration = .seconds(10)) { queue.sync { save(waitingUpTo: limit) } }

    /// Runs `body` on the writer's queue, so no save runs meanwhile (a tenant erasure: a save of a snapshot
    /// taken before it must not land after it).
    func exclusively<T>(_ body: () throws -> T) rethrows -> T { try queue.sync(execute: body) }

    /// Saves the registry as of now at once, on the caller's thread, which holds `exclusively` and admission
    /// (everything admitted is durable): also when its count is what the file on disk covers (an erasure
    /// changes the registry, not its count).
    func saveHeld() throws {
        let registry = ingestor.recordingRegistry
        try checkpoint.save(registry)
        saved.store(UInt64(registry.registry.acceptedCount), ordering: .releasing)
        ingestor.metrics.checkpointsSaved.increment()
    }

    /// On `queue`: snapshot, wait for the journal to hold it, encode, write.
    private func save(waitingUpTo limit: Duration) {
        let (registry, generation, suspended) = ingestor.snapshot
        let through = UInt64(registry.registry.acceptedCount)
        guard through != savedThrough, !suspended else { return }
        let deadline = ContinuousClock.now + limit
        while durable() < through {
            guard ContinuousClock.now < deadline else {
                logger.notice("gateway checkpoint skipped: the journal has not committed its events yet",
                    metadata: ["through": "\(through)", "durable": "\(durable())"])
                return
            }
            usleep(2_000)
        }
        // A roll-back (full disk) since the snapshot: it may hold events that were never journaled, and the
        // journal may have reached `through` with others.
        guard ingestor.generation == generation else { return }
        let start = ContinuousClock.now
        do {
            try checkpoint.save(registry)
            saved.store(through, ordering: .releasing)
            ingestor.metrics.checkpointsSaved.increment()
            ingestor.metrics.checkpointSeq.record(Int64(clamping: through))
            logger.info(
                "gateway checkpoint saved",
                metadata: ["through": "\(through)", "ms": "\(Int((ContinuousClock.now - start) / .milliseconds(1)))"])
        } catch {
            logger.error("gateway checkpoint failed", metadata: ["error": "\(error)"])
        }
    }
}
