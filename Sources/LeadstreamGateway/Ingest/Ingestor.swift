//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamPartitions
import LeadstreamWire
import LeadstreamCore
import LeadstreamJournal
import Logging
import Metrics
import Synchronization

/// The one implementation of ingest behind every transport.
///
/// A batch is decoded on the caller's task (decoding is independent per
/// line), then applied to the registry under a lock together with taking
/// a place in the commit queue, so journal order equals registry order. A
/// single committer writes everything queued so far in one journal append
/// (group commit: one fsync for many batches) and only then answers the
/// batches it covered. A batch is answered only when its events are durable.
///
/// If the journal fails, the registry is ahead of what is durable: the
/// ingestor stops taking batches (`unavailable`) and must be restarted,
/// which rebuilds the registry from the journal. A full disk is the one
/// failure it recovers from by itself (`IngestorRecovery`): nothing of the
/// failed commit is in the journal, so the registry is rolled back to what
/// is (rebuilt from the checkpoint and the journal) and ingest resumes; in
/// between every batch is answered `unavailable`, acknowledging nothing.
public final class Ingestor: EventIngesting, Sendable {
    public struct Configuration: Sendable {
        /// The largest batch taken in one request.
        public var maxBatchBytes: Int
        /// Accepted events waiting for the journal beyond which batches are refused (`overloaded`).
        public var maxQueuedEvents: Int

        /// This gateway's partition (`nil`: it holds every account): a line of another partition's account is
        /// rejected `wrong_partition`, naming the partition that holds it (docs/partitions.md).
        public var placement: PartitionPlacement?

        public init(
            maxBatchBytes: Int = 16 << 20, maxQueuedEvents: Int = 500_000, placement: PartitionPlacement? = nil
        ) {
            self.placement = placement
            self.maxBatchBytes = maxBatchBytes
            self.maxQueuedEvents = maxQueuedEvents
        }
    }

    private let configuration: Configuration
    private let journal: any EventJournal
    private let logger: Logger
    private let state: Mutex<State>
    let metrics: IngestMetrics
    private let sink: (any ChangeSink)?
    let checkpoint: GatewayCheckpoint?
    let journalForRecovery: any EventJournal
    /// The journal sequence the checkpoint the registry was rebuilt from covers; nil when it was rebuilt from
    /// the whole journal (no checkpoint, or a refused one).
    public let checkpointedThrough: UInt64?

    struct State: ~Copyable {
        var registry: RecordingRegistry
        var queue = CommitQueue()
        var failed = false
        /// Rolling back after a full disk: batches are refused `unavailable` until the registry is rebuilt.
        var suspended = false
        /// Raised by each roll-back: a checkpoint snapshot of an older generation may hold events that were
        /// never journaled and must not be written (`GatewayCheckpointWriter`).
        var generation = 0
        var committerRunning = false
        /// A tenant erasure runs: batches wait (`overloaded`, which the ingest socket waits out in order).
        var erasing = false
    }

    /// Opens the ingestor over a journal, rebuilding the registry from it: from `checkpoint` and the journal
    /// after it when the checkpoint can be trusted, from the whole journal otherwise (`RegistryRebuild`).
    public init(
        journal: any EventJournal, configuration: Configuration = .init(), sink: (any ChangeSink)? = nil,
        checkpoint: GatewayCheckpoint? = nil, logger: Logger, metricsFactory: (any MetricsFactory)? = nil
    ) async throws {
        self.configuration = configuration
        self.sink = sink
        self.journal = journal
        self.logger = logger
        self.metrics = IngestMetrics(factory: metricsFactory ?? MetricsSystem.factory)
        let rebuilt = try await RegistryRebuild(
            journal: journal, checkpoint: checkpoint, logger: logger, metrics: metrics
        ).run()
        self.checkpointedThrough = rebuilt.checkpointedThrough
        self.checkpoint = checkpoint
        self.journalForRecovery = journal
        self.state = Mutex(State(registry: rebuilt.registry))
    }

    /// The current registry (a copy; cheap: copy-on-write).
    public var registry: LeadRegistry { state.withLock { $0.registry.registry } }

    /// The registry with its ids, as of every batch admitted so far (a copy-on-write copy taken under the lock,
    /// so it ends between two batches, i.e. on a journal block boundary): what a checkpoint saves. Its accepted
    /// count is the journal sequence it covers once those batches are committed.
    var recordingRegistry: RecordingRegistry { snapshot.registry }

    /// The same with its generation, and nil while a roll-back is under way (the registry is not the journal's).
    var snapshot: (registry: RecordingRegistry, generation: Int, suspended: Bool) {
        state.withLock { ($0.registry, $0.generation, $0.suspended || $0.failed) }
    }

    /// The generation now (see `State.generation`).
    var generation: Int { state.withLock { $0.generation } }

    /// Ends a roll-back: the registry rebuilt from the journal replaces the one that ran ahead of it.
    func resume(with registry: RecordingRegistry) {
        state.withLock {
            $0.registry = registry
            $0.suspended = false
        }
    }

    // MARK: - Tenant erasure

    /// Stops admitting batches (each waits, as when the journal queue is full) and returns once everything
    /// admitted before is committed: the journal then holds every event the registry does. `false` when an
    /// erasure holds admission already, or the journal failed.
    func holdAdmission() async -> Bool {
        guard state.withLock({ s -> Bool in
            guard !s.erasing, !s.failed, !s.suspended else { return false }
            s.erasing = true
            return true
        }) else { return false }
        while state.withLock({ $0.committerRunning || !$0.queue.isEmpty }) {
            try? await Task.sleep(for: .milliseconds(1))
        }
        return true
    }

    /// Admits batches again.
    func releaseAdmission() { state.withLock { $0.erasing = false } }

    /// The id the registry gives `account` now, `nil` when it does not know it.
    func accountID(_ account: String) -> UInt32? { state.withLock { $0.registry.names.accounts.id(account) } }

    /// Drops an account from the registry (`RecordingRegistry.erase`), under admission held.
    func erase(account: String) -> UInt32? { state.withLock { $0.registry.erase(account: account) } }

    /// A roll-back could not rebuild the registry: refuse every batch from now on.
    func failForGood() { state.withLock { $0.failed = true } }

    public func ingest(_ batch: [UInt8], account: String?) async throws(IngestRefusal) -> BatchResult {
        try await admit(prepare(batch, account: account)).result()
    }

    /// Step 1, on any task and in parallel: checks the size and decodes the lines.
    ///
    /// - Parameter account: an ingest token's account: lines of another are rejected `forbidden`.
    /// - Parameter importing: the batch is `leadstream move`'s copy of an account's history (docs/partitions.md),
    ///   admitted while that account is moving here.
    public func prepare(_ batch: [UInt8], account: String? = nil, importing: Bool = false) throws(IngestRefusal)
        -> PreparedBatch
    {
        guard batch.count <= configuration.maxBatchBytes else {
            throw .tooLarge(limitBytes: configuration.maxBatchBytes)
        }
        return PreparedBatch(
            started: .now, lines: batch.withUnsafeBytes { decode($0, account: account) }, importing: importing)
    }

    /// Step 2, in arrival order (the caller orders it): applies the batch to the
    /// registry and queues its accepted events for the journal.
    public func admit(_ batch: PreparedBatch) throws(IngestRefusal) -> PendingBatch {
        let admitted = try state.withLock { s throws(IngestRefusal) in
            try admit(batch.lines, importing: batch.importing, into: &s)
        }
        if admitted.startCommitter { startCommitter() }
        return PendingBatch(ingestor: self, admission: admitted, started: batch.started)
    }

    /// A decoded batch, not yet applied.
    public struct PreparedBatch: Sendable {
        let started: ContinuousClock.Instant
        fileprivate let lines: [DecodedLine]
        fileprivate var importing = false
    }

    /// An applied batch waiting for the journal.
    public struct PendingBatch: Sendable {
        fileprivate let ingestor: Ingestor
        fileprivate let admission: Admission
        let started: ContinuousClock.Instant
        /// The ingestor's generation it was admitted in (`SessionOrder`: a roll-back undoes admissions).
        var generation: Int { admission.generation }

        /// Step 3: the batch's result, once its events are durable.
        public func result() async throws(IngestRefusal) -> BatchResult {
            let range: ClosedRange<UInt64>?
            do {
                range = try await admission.ticket.wait()
            } catch {
                throw .unavailable
            }
            var result = admission.result
            result.sequences = range
            ingestor.metrics.record(result, latency: ContinuousClock.now - started)
            return result
        }
    }

    // MARK: - Steps

    fileprivate struct DecodedLine: Sendable {
        var number: Int
        var decoded: LeadstreamCore.DecodedLine
    }

    /// The lines' events; the line bytes are not kept (the journal keeps records, not lines).
    private func decode(_ bytes: UnsafeRawBufferPointer, account: String?) -> [DecodedLine] {
        var out: [DecodedLine] = []
        for line in NDJSONLines(bytes) {
            let d = EventDecoder.decode(line.bytes, account: account)
            if case .blank = d { continue }
            out.append(DecodedLine(number: line.number, decoded: d))
        }
        return out
    }

    fileprivate struct Admission: Sendable {
        var result: BatchResult
        var ticket: CommitTicket
        var startCommitter: Bool
        var generation: Int
    }

    /// Applies a batch to the registry and queues its accepted lines, atomically.
    private func admit(_ lines: [DecodedLine], importing: Bool, into s: inout State) throws(IngestRefusal) -> Admission {
        // One read of the map for the whole batch, under the lock that orders admission.
        let placement = configuration.placement.map { (map: $0.map, index: $0.index) }
        guard !s.failed, !s.suspended else { throw .unavailable }
        guard !s.erasing, s.queue.queuedEvents < configuration.maxQueuedEvents else {
            throw .overloaded(retryAfterSeconds: 1)
        }
        var result = BatchResult(sequences: nil, accepted: 0, duplicateLines: [], rejected: [])
        // The batch's records, written once here: the journal row, the forwarded message and the replay.
        var records = RecordWriter(reservingEvents: lines.count)
        for line in lines {
            switch line.decoded {
            case .blank: continue
            case .rejected(let r): result.rejected.append(LineRejection(line: line.number, rejection: r))
            case .event(let e):
                // Here, in admission order, not at decoding: once this gateway has seen a map that moves an
                // account away (or freezes it), no later batch admits its events (docs/partitions.md).
                if let placement,
                    let wrong = PartitionPlacement.rejection(
                        for: e.account, importing: importing, in: placement.map, at: placement.index)
                {
                    result.rejected.append(LineRejection(line: line.number, rejection: wrong))
                    continue
                }
                switch s.registry.apply(e, recording: &records) {
                case .accepted: result.accepted += 1
                case .duplicate: result.duplicateLines.append(line.number)
                case .rejected(let r): result.rejected.append(LineRejection(line: line.number, rejection: r))
                }
            }
        }
        let events = records.events
        let block = events > 0 ? JournalBlock(events: events, body: records.finish()) : nil
        let ticket = s.queue.enqueue(block)
        metrics.queuedEvents.record(s.queue.queuedEvents)
        let start = !s.committerRunning
        s.committerRunning = true
        return Admission(result: result, ticket: ticket, startCommitter: start, generation: s.generation)
    }

    /// Drains the commit queue while it has work: one journal append per round.
    private func startCommitter() {
        Task.detached { [self] in
            while true {
                let round = state.withLock { s -> CommitQueue.Round? in
                    guard let r = s.queue.takeRound() else {
                        s.committerRunning = false
                        return nil
                    }
                    return r
                }
                guard let round else { return }
                metrics.queuedEvents.record(0)
                let start = ContinuousClock.now
                do {
                    let range = try await journal.append(round.blocks)
                    metrics.journalCommit(events: round.events, latency: ContinuousClock.now - start)
                    round.complete(range)
                    if let sink, let range { sink.forward(round.numberedBlocks(range)) }
                } catch JournalError.full(let reason) {
                    // Nothing of this round is durable, and later rounds were admitted on top of it: refuse them
                    // all, then roll the registry back to the journal.
                    logger.error(
                        "journal disk full; answering unavailable until the registry is rolled back",
                        metadata: ["error": "\(reason)"])
                    metrics.diskFull.increment()
                    let rest = state.withLock { s -> [CommitQueue.Round] in
                        s.suspended = true
                        s.generation += 1
                        var rest: [CommitQueue.Round] = []
                        while let r = s.queue.takeRound() { rest.append(r) }
                        s.committerRunning = false
                        return rest
                    }
                    round.fail(JournalError.full(reason))
                    for r in rest { r.fail(JournalError.full(reason)) }
                    IngestorRecovery(ingestor: self, logger: logger).start()
                    return
                } catch {
                    logger.critical("journal append failed; refusing further batches", metadata: ["error": "\(error)"])
                    let rest = state.withLock { s -> [CommitQueue.Round] in
                        s.failed = true
                        var rest: [CommitQueue.Round] = []
                        while let r = s.queue.takeRound() { rest.append(r) }
                        s.committerRunning = false
                        return rest
                    }
                    round.fail(error)
                    for r in rest { r.fail(error) }
                    return
                }
            }
        }
    }
}
