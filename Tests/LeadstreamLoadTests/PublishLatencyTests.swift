//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Testing

@testable import LeadstreamLoad

/// Matching acknowledged batches to the live results that first include them.
struct PublishLatencyTests {
    private func batch(_ sent: UInt64, _ last: UInt64, _ account: String = "a") -> PublishLatency.Batch {
        .init(sentAt: sent, targets: [.init(account: account, sequence: last)])
    }
    private func seen(_ at: UInt64, _ seq: UInt64, _ account: String = "a") -> PublishLatency.Observation {
        .init(receivedAt: at, account: account, sequence: seq)
    }

    @Test func aBatchIsSeenByTheFirstMessageCoveringItsLastSequence() {
        let result = PublishLatency.match(
            batches: [batch(100, 1_000), batch(150, 2_000), batch(200, 3_000)],
            observations: [seen(120, 500), seen(180, 1_000), seen(260, 2_500), seen(300, 3_000), seen(400, 3_000)])
        #expect(result.latencies == [80, 110, 100])
        #expect(result.unmatched == 0)
    }

    @Test func aMessageOfAnotherTopicWithAnOlderSequenceDoesNotHideALaterCover() {
        // Topics are published in turn: a lagging topic may carry a lower as_of after a higher one.
        let result = PublishLatency.match(
            batches: [batch(0, 10), batch(5, 20)],
            observations: [seen(30, 25), seen(40, 8), seen(50, 30)])
        #expect(result.latencies == [30, 25])
    }

    @Test func eachAccountIsMatchedByItsOwnTopicsAndABatchByItsLastAccount() {
        // Another account's higher count shows nothing of this one's events.
        let two = PublishLatency.Batch(sentAt: 0, targets: [.init(account: "a", sequence: 5), .init(account: "b", sequence: 2)])
        let result = PublishLatency.match(
            batches: [two, batch(10, 3, "b")],
            observations: [seen(5, 99, "c"), seen(20, 5, "a"), seen(30, 2, "b"), seen(40, 3, "b")])
        #expect(result.latencies == [30, 30])
        #expect(result.unmatched == 0)
        // An account never republished is left out; a batch nothing shows is unmatched.
        let quiet = PublishLatency.Batch(sentAt: 0, targets: [.init(account: "a", sequence: 1), .init(account: "z", sequence: 1)])
        #expect(PublishLatency.match(batches: [quiet], observations: [seen(7, 1, "a")]).latencies == [7])
        #expect(PublishLatency.match(batches: [batch(0, 1, "z")], observations: [seen(7, 1, "a")]).unmatched == 1)
    }

    @Test func batchesNoMessageCoversAreCountedNotGuessed() {
        let result = PublishLatency.match(
            batches: [batch(0, 10), batch(10, 99)], observations: [seen(20, 10)])
        #expect(result.latencies == [20])
        #expect(result.unmatched == 1)
        #expect(PublishLatency.match(batches: [batch(0, 1)], observations: []).unmatched == 1)
    }

    @Test func batchesMayComeInAnyOrderAndLatencyIsNeverNegative() {
        let result = PublishLatency.match(
            batches: [batch(300, 30), batch(100, 10), batch(500, 20)],
            observations: [seen(200, 10), seen(400, 30)])
        #expect(result.latencies == [100, 100, 0])
    }

    @Test func asOfSequenceIsReadFromCompactAndSpacedJSON() {
        #expect(AsOf.sequence(in: Array(#"{"topic":"exec/a/2026-11","version":3,"total_leads":4,"as_of":{"seq":1234}}"#.utf8)) == 1234)
        #expect(AsOf.sequence(in: Array(#"{"seq": 5, "as_of": {"seq": 77}}"#.utf8)) == 77)
        #expect(AsOf.sequence(in: Array(#"{"report":"widget"}"#.utf8)) == nil)
    }

    @Test func latencySummaryGivesPercentilesInMilliseconds() {
        var summary = LatencySummary()
        for ms in 1...100 { summary.record(nanoseconds: UInt64(ms) * 1_000_000) }
        #expect(summary.count == 100)
        #expect(abs(summary.milliseconds(at: 50)! - 50) < 0.1)
        #expect(abs(summary.milliseconds(at: 99)! - 99) < 0.1)
        #expect(abs(summary.maxMilliseconds! - 100) < 0.1)
        #expect(LatencySummary().milliseconds(at: 50) == nil)
    }
}

/// The final check: a live result equals the report answer apart from topic, version and as_of.
struct ReportComparisonTests {
    private let published = #"{"topic":"exec/acme/2026-W47","version":9,"previous_version":7,"report":"executive","total_leads":42,"change_pct":null,"by_source":[{"source":"form","leads":2,"share_pct":4.761904761904762}],"as_of":{"seq":100}}"#

    @Test func equalReportsDifferOnlyInIgnoredKeys() {
        let answered = """
            {
              "report": "executive", "total_leads": 42, "change_pct": null,
              "by_source": [{"source": "form", "leads": 2, "share_pct": 4.761904761904762}],
              "as_of": {"seq": 250}
            }
            """
        #expect(ReportComparison.difference(published: Array(published.utf8), answered: Array(answered.utf8)) == nil)
    }

    @Test func aDifferentFigureIsNamed() {
        let answered = #"{"report":"executive","total_leads":43,"change_pct":null,"by_source":[{"source":"form","leads":3,"share_pct":4.761904761904762}],"as_of":{"seq":100}}"#
        let why = ReportComparison.difference(published: Array(published.utf8), answered: Array(answered.utf8))
        #expect(why == "differs in by_source, total_leads")
        #expect(ReportComparison.difference(published: Array(published.utf8), answered: Array("oops".utf8)) != nil)
    }
}
