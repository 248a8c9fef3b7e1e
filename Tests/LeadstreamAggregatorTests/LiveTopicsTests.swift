//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import Testing

@testable import LeadstreamAggregator

@Suite struct LiveTopicsTests {
    /// Merges the stream's batches, flushing after each, as the aggregator's loop does.
    static func publish(_ stream: RecordedStream, batch: Int) -> (LiveTopics, [(topic: String, message: String)]) {
        var state = AggregateState()
        var topics = LiveTopics()
        var sent: [(String, String)] = []
        for b in stream.batches(of: batch) {
            var touched = TouchedDays()
            state.merge(b, touched: &touched)
            topics.touch(touched, state: state)
            sent += topics.flush(state)
        }
        return (topics, sent)
    }

    static func object(_ message: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(message.utf8))) as? [String: Any] ?? [:]
    }

    @Test func versionsGrowAndEachMessageNamesTheOneBefore() throws {
        let (_, sent) = Self.publish(try RecordedStream(fixture: "02-dashboard"), batch: 4)
        #expect(!sent.isEmpty)
        var last: [String: Int] = [:]
        for (topic, message) in sent {
            let o = Self.object(message)
            let version = try #require(o["version"] as? Int)
            #expect(o["previous_version"] as? Int == last[topic] ?? 0, "\(topic)")
            #expect(version > last[topic] ?? 0)
            last[topic] = version
        }
    }

    @Test func everyTopicEndsOnTheOfflineReportOfItsPeriod() throws {
        let stream = try RecordedStream(fixture: "01-executive")
        let (_, sent) = Self.publish(stream, batch: 3)
        // What `snapshot` serves: each topic's last message, as the merge loop records it on the board.
        let board = StateBoard()
        for (topic, message) in sent { board.record(topic: topic, message: message) }
        let messages = board.messages(prefixes: [""])
        #expect(messages.contains { $0.contains(#""topic":"exec/acme/2026-W47""#) })
        for message in messages {
            var o = Self.object(message)
            let topic = try #require(LiveTopic(name: o["topic"] as! String))
            let request = try ReportRequest(
                kind: topic.kind, parameters: ["account": topic.account, "period": topic.period])
            var offline = Self.object(try stream.registry.run(request).json.compact)
            for key in ["topic", "version", "previous_version", "as_of"] { o[key] = nil }
            offline["as_of"] = nil
            #expect(NSDictionary(dictionary: o) == NSDictionary(dictionary: offline), "\(topic.name)")
        }
    }

    /// A round cut into slices (a deadline already past: one topic a call) with
    /// merges between them publishes what one flush would, and versions still grow.
    @Test func aRoundCutIntoSlicesEndsOnTheSameMessages() throws {
        let stream = try RecordedStream(fixture: "02-dashboard")
        var state = AggregateState()
        var topics = LiveTopics()
        var last: [String: Int] = [:]
        for b in stream.batches(of: 6) {
            var touched = TouchedDays()
            state.merge(b, touched: &touched)
            topics.touch(touched, state: state)
            for (topic, message) in topics.flush(state, until: .now - .seconds(1)) {
                let version = try #require(Self.object(message)["version"] as? Int)
                #expect(version > last[topic] ?? 0)
                last[topic] = version
            }
        }
        var rounds = 0
        while topics.pending > 0 {
            _ = topics.flush(state, until: .now - .seconds(1))
            rounds += 1
        }
        #expect(rounds > 1)
        let (whole, _) = Self.publish(stream, batch: 6)
        let figures = { (t: LiveTopics) in t.published.mapValues(\.figures) }
        #expect(figures(topics) == figures(whole))
        #expect(!topics.inRound)
    }

    @Test func aTopicWhoseFiguresDidNotChangeIsNotPublishedAgain() throws {
        let stream = try RecordedStream(fixture: "01-executive")
        var state = AggregateState()
        var topics = LiveTopics()
        var touched = TouchedDays()
        for b in stream.batches(of: 100) { state.merge(b, touched: &touched) }
        topics.touch(touched, state: state)
        #expect(!topics.flush(state).isEmpty)
        topics.touch(touched, state: state)  // the same days again, nothing merged since
        #expect(topics.flush(state).isEmpty)
    }
}
