//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import Testing

@testable import LeadstreamAggregator

@Suite struct AggregateStateTests {
    static let fixtures = ["01-executive", "02-dashboard", "03-widget", "04-timezones", "05-invalid", "06-periods"]

    @Test(arguments: fixtures)
    func mergedChangesAnswerEveryReportAsOffline(fixture: String) throws {
        let stream = try RecordedStream(fixture: fixture)
        let state = stream.merged(inBatchesOf: 5).state
        #expect(state.merged == UInt64(stream.registry.acceptedCount))
        for request in stream.requests {
            let online = try state.run(request).json
            let offline = try stream.registry.run(request).json
            #expect(online == offline, "\(request.kind) \(request.account) \(request.period)")
        }
    }

    @Test(arguments: fixtures)
    func workersCountsSumToTheTallyOfTheRows(fixture: String) throws {
        let stream = try RecordedStream(fixture: fixture)
        let state = stream.merged(inBatchesOf: 3).state
        for (account, rows) in stream.registry.accounts {
            #expect(state.tallies[account] ?? AccountTally() == AccountTally(rows), "\(account)")
        }
    }

    /// The summary without history is summed from the tally's cells; the tree
    /// view groups the same leads' rows. Both must give the same lines.
    @Test(arguments: fixtures)
    func theSummaryFromTheTallyHasTheGroupsOfTheRows(fixture: String) throws {
        let stream = try RecordedStream(fixture: fixture)
        let state = stream.merged(inBatchesOf: 7).state
        var compared = 0
        for request in stream.requests where request.kind == .dashboard {
            var summary = request
            summary.dashboard.view = .summary
            summary.dashboard.history = false
            summary.dashboard.cursor = nil
            var tree = summary
            tree.dashboard.view = .tree
            guard case .dashboard(let fromTally) = try? state.run(summary),
                case .dashboard(let fromRows) = try? stream.registry.run(tree)
            else { continue }
            #expect(fromTally.rows.isEmpty)
            #expect(fromTally.groups == fromRows.groups, "\(request.account) \(request.period) \(request.dashboard)")
            #expect(fromTally.totals == fromRows.totals)
            compared += fromRows.rows.isEmpty ? 0 : 1
        }
        if fixture == "02-dashboard" { #expect(compared > 5) }
    }

    @Test func timezoneChangeRebuildsTheAccountsCounts() throws {
        // 04-timezones moves every lead of an account to other days mid-stream.
        let stream = try RecordedStream(fixture: "04-timezones")
        let moves = stream.changes.filter { if case .settings = $0.kind { true } else { false } }
        #expect(!moves.isEmpty)
        let (state, touched) = stream.merged(inBatchesOf: 1)
        #expect(!touched.whole.isEmpty)
        for (account, rows) in stream.registry.accounts {
            #expect(state.tallies[account] ?? AccountTally() == AccountTally(rows))
        }
    }

    @Test func checkpointRoundTripsTheRows() throws {
        let stream = try RecordedStream(fixture: "02-dashboard")
        let state = stream.merged(inBatchesOf: 4).state
        let restored = AggregateState(registry: try #require(RegistryCodec.decode(RegistryCodec.encode(state.registry))))
        #expect(restored.merged == state.merged)
        for request in stream.requests { #expect(try restored.run(request).json == state.run(request).json) }
        #expect(RegistryCodec.decode(Array(RegistryCodec.encode(state.registry).dropLast())) == nil)
    }

    @Test func partialRoundTripsThroughItsEncoding() throws {
        let stream = try RecordedStream(fixture: "03-widget")
        let body = ChangeCodec.encode(stream.changes)
        let partial = try #require(Partial(counting: body))
        let decoded = try #require(Partial(decoding: partial.encoded))
        #expect(decoded.sequences == 1...UInt64(stream.changes.count))
        #expect(Set(decoded.deltas) == Set(partial.deltas))
        #expect(decoded.changes == body)
        #expect(Partial(decoding: Array(partial.encoded.dropLast())) == nil)
    }
}
