//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import Foundation
import LeadstreamAggregator
import LeadstreamCore
import LeadstreamClients
import Synchronization
import ZeroMQ

/// `leadstream load` (SPEC §11): sends a stream through a running cluster and
/// measures acknowledgement, capture→publish and query latency, then checks
/// that the live results agree with the query answers.
///
/// 1. subscribe to every topic on `--publish` (before sending: PUB keeps nothing for late joiners);
/// 2. send with `IngestClient` (paced to `rate` if given), timing each batch from its first send to its ack;
/// 3. wait until every account's live results cover its acknowledged events and the publisher is quiet;
/// 4. match batches to live results (`PublishLatency`);
/// 5. time `queries` report requests one at a time on `--query`, the cluster at rest;
/// 6. compare the last `exec/` message of the busiest accounts' topics with a fresh `report` answer.
public struct LoadRun: Sendable {
    public struct Configuration: Sendable {
        public var ingest = DefaultEndpoints.ingest
        public var publish = DefaultEndpoints.publish
        public var query = DefaultEndpoints.query
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
        /// With `--access tokens`: the ingest token the events are sent with.
        public var ingestToken: String?
        /// With `--access tokens`: the viewer (or operator) token live results and queries are read with.
        public var viewerToken: String?
        /// CURVE on every link, when the cluster is secured.
        public var security: SocketSecurity = .none
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
        let recorder = PublishRecorder(
            context: context, endpoint: configuration.publish, origin: origin, token: configuration.viewerToken,
            security: configuration.security)
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

        settle(recorder, through: outcome.finalCounts, into: &outcome)
        let observed = recorder.state.withLock { $0 }
        let matched = PublishLatency.match(batches: outcome.batches, observations: observed.observations)
        for ns in matched.latencies { outcome.captureToPublish.record(nanoseconds: ns) }
        outcome.unmatched = matched.unmatched
        outcome.published = observed.observations.count
        outcome.malformed = observed.malformed

        var client = try QueryClient(
            context: context, endpoint: configuration.query, timeout: .seconds(10), token: configuration.viewerToken,
            security: configuration.security)
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
            configuration: .init(
                endpoint: configuration.ingest, batchLines: configuration.batch, window: configuration.window,
                token: configuration.ingestToken, security: configuration.security))
        var acks: [IngestClient.Acknowledgement] = []
        let start = ContinuousClock.now
        let secondsPerBatch = configuration.rate > 0 ? Double(configuration.batch) / configuration.rate : 0
        let observer = IngestClient.Observer(
            schedule: secondsPerBatch > 0 ? { start + .seconds(secondsPerBatch * Double($0)) } : nil,
            acknowledged: { acks.append($0) })
        let summary = try client.send(events, context: context, observer: observer)
        // Each account's accepted events through every batch, in batch (= journal) order: what its
        // live results' as_of.seq must reach to show that batch.
        let accounts = Self.accountOfEachLine(events)
        var counts: [String: UInt64] = [:]
        for ack in acks.sorted(by: { $0.index < $1.index }) {
            outcome.ackLatency.record(nanoseconds: Nanoseconds.between(ack.firstSentAt, ack.acknowledgedAt))
            var touched: Set<String> = []
            for n in 1...max(ack.lines, 1) where n <= ack.lines && !ack.skippedLines.contains(n) {
                let index = ack.firstLine + n - 2
                guard accounts.indices.contains(index), let account = accounts[index] else { continue }
                counts[account, default: 0] += 1
                touched.insert(account)
            }
            if !touched.isEmpty {
                outcome.batches.append(
                    .init(
                        sentAt: Nanoseconds.between(origin, ack.firstSentAt),
                        targets: touched.sorted().map { .init(account: $0, sequence: counts[$0]!) }))
            }
        }
        outcome.finalCounts = counts
        if let first = acks.map(\.firstSentAt).min(), let last = acks.map(\.acknowledgedAt).max() {
            outcome.seconds = Double(Nanoseconds.between(first, last)) / 1e9
        }
        return summary
    }

    /// Each line's account (`nil` for a blank or undecodable line), in file order.
    static func accountOfEachLine(_ events: UnsafeRawBufferPointer) -> [String?] {
        NDJSONLines(events).map { line in
            if case .event(let e) = EventDecoder.decode(line.bytes) { return e.account }
            return nil
        }
    }

    /// Waits until every account's live results cover its accepted events, then until nothing was
    /// published for half a second (the aggregator coalesces per 50 ms interval, so the last topics
    /// follow shortly).
    private func settle(_ recorder: PublishRecorder, through counts: [String: UInt64], into outcome: inout LoadOutcome) {
        let deadline = ContinuousClock.now + configuration.settleTimeout
        func behind() -> [String] {
            let seen = recorder.state.withLock { $0.maxPerAccount }
            return counts.filter { (seen[$0.key] ?? 0) < $0.value }.map(\.key).sorted()
        }
        // An account whose last events changed no figure is never republished: stop waiting once
        // the publisher has been silent for 3 s (those accounts are then reported behind).
        var quietSince = (ContinuousClock.now, recorder.progress.lastAt)
        while !behind().isEmpty, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
            let last = recorder.progress.lastAt
            if last != quietSince.1 { quietSince = (ContinuousClock.now, last) }
            if ContinuousClock.now - quietSince.0 > .seconds(3) { break }
        }
        outcome.behind = behind()
        outcome.caughtUp = outcome.behind.isEmpty
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
