//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamAggregator
import LeadstreamCore
import LeadstreamGateway
import Synchronization
import ZeroMQ

/// `leadstream load` (SPEC §11): sends a stream through a running cluster and
/// measures acknowledgement, capture→publish and query latency, then checks
/// that the live results agree with the query answers.
///
/// 1. subscribe to every topic on `--publish` (before sending: PUB keeps nothing for late joiners);
/// 2. send with `IngestClient` (paced to `rate` if given), timing each batch from its first send to its ack;
/// 3. wait until a live result covers the last acknowledged sequence and the publisher is quiet;
/// 4. match batches to live results (`PublishLatency`);
/// 5. time `queries` report requests one at a time on `--query`, the cluster at rest;
/// 6. compare the last `exec/` message of the busiest accounts' topics with a fresh `report` answer.
public struct LoadRun: Sendable {
    public struct Configuration: Sendable {
        public var ingest = "tcp://127.0.0.1:5550"
        public var publish = "tcp://127.0.0.1:5553"
        public var query = "tcp://127.0.0.1:5554"
        public var batch = 1_000
        public var window = 16
        /// Events per second to send at; 0: as fast as the acknowledgements allow.
        public var rate = 0.0
        public var queries = 200
        /// How many of the busiest accounts the final check covers (all their `exec/` topics).
        public var checkAccounts = 3
        /// The longest wait for the live results to catch up with the last acknowledged event.
        public var settleTimeout: Duration = .seconds(60)
        /// The account the queries ask about; nil: the one with the most live results.
        public var busiestAccount: String?
        public init() {}
    }

    /// What a generated stream must give: every line accepted except the retries, which are duplicates.
    public struct Expectation: Sendable {
        public var lines: Int
        public var duplicates: Int
        public init(lines: Int, duplicates: Int) {
            self.lines = lines
            self.duplicates = duplicates
        }
    }

    public let configuration: Configuration
    public init(configuration: Configuration) { self.configuration = configuration }

    /// Runs the whole measurement over `events` (NDJSON).
    public func run(
        _ events: UnsafeRawBufferPointer, expecting expectation: Expectation?, context: ZMQContext
    ) throws -> LoadOutcome {
        let origin = ContinuousClock.now
        let recorder = PublishRecorder(context: context, endpoint: configuration.publish, origin: origin)
        defer { recorder.stop() }
        if let failure = recorder.state.withLock({ $0.failure }) { throw LoadFailure(description: failure) }
        Thread.sleep(forTimeInterval: 0.3)  // the subscription reaches the PUB socket (slow joiner)

        var outcome = LoadOutcome()
        outcome.rate = configuration.rate
        let summary = try send(events, origin: origin, into: &outcome, context: context)
        outcome.accepted = summary.accepted
        outcome.duplicates = summary.duplicates
        outcome.rejected = summary.rejected.count
        outcome.events = summary.accepted + summary.duplicates + summary.rejected.count

        settle(recorder, through: summary.lastSequence ?? 0, into: &outcome)
        let observed = recorder.state.withLock { $0 }
        let matched = PublishLatency.match(batches: outcome.batches, observations: observed.observations)
        for ns in matched.latencies { outcome.captureToPublish.record(nanoseconds: ns) }
        outcome.unmatched = matched.unmatched
        outcome.published = observed.observations.count
        outcome.malformed = observed.malformed

        var client = try QueryClient(context: context, endpoint: configuration.query, timeout: .seconds(10))
        let busiest =
            configuration.busiestAccount ?? observed.messagesPerAccount.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        let queried = Result { () throws -> Void in
            if let busiest { try timeQueries(account: busiest, periods: observed.periods, client: &client, into: &outcome) }
            try check(observed, expectation: expectation, summary: summary, client: &client, into: &outcome)
        }
        client.close()
        try queried.get()
        return outcome
    }

    private func send(
        _ events: UnsafeRawBufferPointer, origin: ContinuousClock.Instant, into outcome: inout LoadOutcome,
        context: ZMQContext
    ) throws -> IngestClient.Summary {
        let client = IngestClient(
            configuration: .init(endpoint: configuration.ingest, batchLines: configuration.batch, window: configuration.window))
        var acks: [IngestClient.Acknowledgement] = []
        let start = ContinuousClock.now
        let secondsPerBatch = configuration.rate > 0 ? Double(configuration.batch) / configuration.rate : 0
        let observer = IngestClient.Observer(
            schedule: secondsPerBatch > 0 ? { start + .seconds(secondsPerBatch * Double($0)) } : nil,
            acknowledged: { acks.append($0) })
        let summary = try client.send(events, context: context, observer: observer)
        for ack in acks {
            outcome.ackLatency.record(nanoseconds: Nanoseconds.between(ack.firstSentAt, ack.acknowledgedAt))
            if let last = ack.lastSequence {
                outcome.batches.append(.init(sentAt: Nanoseconds.between(origin, ack.firstSentAt), lastSequence: last))
            }
        }
        if let first = acks.map(\.firstSentAt).min(), let last = acks.map(\.acknowledgedAt).max() {
            outcome.seconds = Double(Nanoseconds.between(first, last)) / 1e9
        }
        return summary
    }

    /// Waits until a live result covers `sequence`, then until nothing was published for half a
    /// second (the aggregator coalesces per 50 ms interval, so the last topics follow shortly).
    private func settle(_ recorder: PublishRecorder, through sequence: UInt64, into outcome: inout LoadOutcome) {
        let deadline = ContinuousClock.now + configuration.settleTimeout
        while recorder.progress.sequence < sequence, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        outcome.caughtUp = recorder.progress.sequence >= sequence
        let quietDeadline = ContinuousClock.now + .seconds(10)
        var last = recorder.progress.lastAt
        while ContinuousClock.now < quietDeadline {
            Thread.sleep(forTimeInterval: 0.5)
            let now = recorder.progress.lastAt
            if now == last { break }
            last = now
        }
    }
}

/// `load` could not finish its measurement (the subscriber failed, a query was refused).
struct LoadFailure: Error, CustomStringConvertible {
    var description: String
}
