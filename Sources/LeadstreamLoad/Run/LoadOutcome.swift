//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore

/// The figures of one `leadstream load` run, and their text and JSON forms.
public struct LoadOutcome: Sendable {
    /// Lines the gateway answered for (accepted + duplicates + rejected).
    public var events = 0
    public var accepted = 0
    public var duplicates = 0
    public var rejected = 0
    /// From the first batch's send to the last acknowledgement.
    public var seconds = 0.0
    /// The rate asked for (0: as fast as acknowledgements allow).
    public var rate = 0.0
    public var ackLatency = LatencySummary()
    public var captureToPublish = LatencySummary()
    /// Batches with accepted events that no live result was seen to cover.
    public var unmatched = 0
    public var queryLatency = LatencySummary()
    /// The same per report kind (executive, dashboard, widget), to tell which one is slow.
    public var queryLatencyByKind: [String: LatencySummary] = [:]
    public var queryAccount: String?
    /// Live results received, and those without a readable `as_of.seq`.
    public var published = 0
    public var malformed = 0
    public var caughtUp = false
    /// Accounts whose live results never reached their acknowledged events.
    public var behind: [String] = []
    /// Each account's accepted events, from the acknowledgements.
    var finalCounts: [String: UInt64] = [:]
    public var checkedAccounts: [String] = []
    /// `exec/` topics compared with a `report` answer.
    public var compared = 0
    /// Every failed check, readable; empty: the check passed.
    public var failures: [String] = []

    var batches: [PublishLatency.Batch] = []

    public init() {}

    public var checkPassed: Bool { failures.isEmpty }

    /// Durable (acknowledged) events per second.
    public var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }

    public var json: JSONValue {
        var capture = captureToPublish.json
        if case .object(var fields) = capture {
            fields.append(("unmatched", .int(unmatched)))
            capture = .object(fields)
        }
        return .object([
            ("events", .int(events)), ("accepted", .int(accepted)), ("duplicates", .int(duplicates)),
            ("rejected", .int(rejected)), ("seconds", .double(seconds)), ("events_per_s", .double(eventsPerSecond)),
            ("rate", .double(rate)), ("ack", ackLatency.json), ("capture_to_publish", capture),
            ("query", queryLatency.json),
            ("query_by_kind", .object(queryLatencyByKind.sorted { $0.key < $1.key }.map { ($0.key, $0.value.json) })),
            ("published", .int(published)),
            (
                "check",
                .object([
                    ("ok", .bool(checkPassed)), ("accounts", .array(checkedAccounts.map { .string($0) })),
                    ("compared", .int(compared)), ("failures", .array(failures.map { .string($0) })),
                ])
            ),
        ])
    }

    public var text: String {
        func ms(_ v: Double?) -> String { v.map { String(format: "%.2f ms", $0) } ?? "-" }
        var out = "events \(events): accepted \(accepted), duplicates \(duplicates), rejected \(rejected)\n"
        out += String(format: "%.2f s, %.0f durable events/s", seconds, eventsPerSecond)
        out += rate > 0 ? String(format: " (paced at %.0f/s)\n", rate) : " (as fast as acknowledgements allow)\n"
        out += "ack              p50 \(ms(ackLatency.milliseconds(at: 50)))  p99 \(ms(ackLatency.milliseconds(at: 99)))"
        out += "  (\(ackLatency.count) batches)\n"
        out += "capture→publish  p50 \(ms(captureToPublish.milliseconds(at: 50)))"
        out += "  p99 \(ms(captureToPublish.milliseconds(at: 99)))  max \(ms(captureToPublish.maxMilliseconds))"
        out += "  (\(captureToPublish.count) batches, \(unmatched) unmatched, \(published) live results)\n"
        out += "query            p50 \(ms(queryLatency.milliseconds(at: 50)))  p99 \(ms(queryLatency.milliseconds(at: 99)))"
        out += "  (\(queryLatency.count) queries about \(queryAccount ?? "-"))\n"
        for (kind, summary) in queryLatencyByKind.sorted(by: { $0.key < $1.key }) {
            out += "  \(kind.padding(toLength: 15, withPad: " ", startingAt: 0))p50 \(ms(summary.milliseconds(at: 50)))"
            out += "  p99 \(ms(summary.milliseconds(at: 99)))  (\(summary.count))\n"
        }
        if checkPassed {
            out += "check ok: \(compared) exec topics of \(checkedAccounts.joined(separator: ", ")) equal their report answers\n"
        } else {
            out += "check FAILED (\(failures.count)):\n" + failures.prefix(10).map { "  \($0)\n" }.joined()
        }
        return out
    }
}
