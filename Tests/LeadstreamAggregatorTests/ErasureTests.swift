//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import Testing

@testable import LeadstreamAggregator

/// The aggregator's half of a tenant erasure (`erase` on the query ROUTER): the account's rows, tally, names and
/// topics go; every other account and topic stays as it was.
@Suite struct ErasureTests {
    @Test func erasingAnAccountDropsItsStateAndTopicsAndKeepsOtherTopicsVersions() throws {
        let stream = try RecordedStream(fixture: "02-dashboard")
        let (before, sent) = LiveTopicsTests.publish(stream, batch: 5)
        var topics = before
        var state = AggregateState()
        for b in stream.batches(of: 5) {
            var touched = TouchedDays()
            state.merge(b, touched: &touched)
        }
        let merged = state.merged
        let others = topics.published.filter { $0.value.topic.account == "acme" }.mapValues(\.version)
        #expect(!others.isEmpty && topics.published.values.contains { $0.topic.account == "beta" })

        let known = state.erase("beta")
        #expect(known)
        let withdrawn = topics.withdraw("beta")
        #expect(!withdrawn.isEmpty && withdrawn.allSatisfy { $0.contains("/beta/") })
        #expect(state.merged == merged)
        #expect(state.registry.accounts["beta"] == nil && state.names.accounts.id("beta") == nil)
        #expect(state.tally(of: "beta") == nil)
        #expect(topics.published.filter { $0.value.topic.account == "acme" }.mapValues(\.version) == others)
        #expect(!topics.published.values.contains { $0.topic.account == "beta" })

        // Its reports are an unseen account's; acme's equal offline mode's.
        let request = try ReportRequest(kind: .executive, parameters: ["account": "beta", "period": "2026-11"])
        #expect(try state.run(request).json.compact == (try LeadRegistry().run(request).json.compact))
        for r in try stream.someRequests() where r.account == "acme" {
            #expect(try state.run(r).json.compact == (try stream.registry.run(r).json.compact))
        }

        // The board's snapshot loses beta's topics only.
        let board = StateBoard()
        for (topic, message) in sent { board.record(topic: topic, message: message) }
        board.withdraw(account: "beta")
        let left = board.messages(prefixes: [""])
        #expect(!left.isEmpty && !left.contains { $0.contains("/beta/") })
    }
}
