//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import Testing

@testable import LeadstreamAggregator

@Suite struct AggregateStateTests {
    static let fixtures = ["01-executive", "02-dashboard", "03-widget", "04-timezones", "05-invalid", "06-periods"]

    @Test(arguments: fixtures)
    func mergedBlocksAnswerEveryReportAsOffline(fixture: String) throws {
        let stream = try RecordedStream(fixture: fixture)
        let state = stream.merged(inBatchesOf: 5).state
        #expect(state.merged == UInt64(stream.registry.acceptedCount))
        for request in try stream.someRequests() {
            let online = try state.run(request).json
            let offline = try stream.registry.run(request).json
            #expect(online == offline, "\(request.kind) \(request.account) \(request.period)")
        }
    }

    @Test(arguments: fixtures)
    func workersCountsSumToTheTallyOfTheRows(fixture: String) throws {
        let stream = try RecordedStream(fixture: fixture)
        let state = stream.merged(inBatchesOf: 3).state
        for (account, rows) in try stream.acceptedAccounts() {
            // Offline and through records, an account's names get the same ids: one interning rule.
            #expect(state.registry.account(account).names == rows.names, "\(account)")
            #expect(state.tally(of: account) == AccountTally(rows), "\(account)")
        }
    }

    /// The summary without history is summed from the tally's cells; the tree
    /// view groups the same leads' rows. Both must give the same lines.
    @Test(arguments: fixtures)
    func theSummaryFromTheTallyHasTheGroupsOfTheRows(fixture: String) throws {
        let stream = try RecordedStream(fixture: fixture)
        let state = stream.merged(inBatchesOf: 7).state
        var compared = 0
        let dashboards = try stream.someRequests().filter { $0.kind == .dashboard }
        try #require(!dashboards.isEmpty)
        for request in dashboards {
            var summary = request
            summary.dashboard.view = .summary
            summary.dashboard.history = false
            summary.dashboard.cursor = nil
            var tree = summary
            tree.dashboard.view = .tree
            let fromTally = try #require(try state.run(summary).dashboard, "\(request.account) \(request.period)")
            let fromRows = try #require(try stream.registry.run(tree).dashboard, "\(request.account) \(request.period)")
            #expect(fromTally.rows.isEmpty)
            #expect(fromTally.groups == fromRows.groups, "\(request.account) \(request.period) \(request.dashboard)")
            #expect(fromTally.totals == fromRows.totals)
            compared += fromRows.rows.isEmpty ? 0 : 1
        }
        #expect(compared > (fixture == "02-dashboard" ? 5 : 0), "dashboards with rows compared")
    }

    @Test func timezoneChangeRebuildsTheAccountsCounts() throws {
        // 04-timezones moves every lead of an account to other days mid-stream.
        let stream = try RecordedStream(fixture: "04-timezones")
        let moves = stream.events.filter { if case .settings(let s) = $0.body { s.timezone != nil } else { false } }
        #expect(!moves.isEmpty)
        let (state, touched) = stream.merged(inBatchesOf: 1)
        #expect(!touched.whole.isEmpty)
        for (account, rows) in try stream.acceptedAccounts() {
            #expect(state.tally(of: account) == AccountTally(rows))
        }
    }

    @Test func checkpointRoundTripsTheRowsAndNames() throws {
        let stream = try RecordedStream(fixture: "02-dashboard")
        let state = stream.merged(inBatchesOf: 4).state
        let bytes = RegistryCodec.encode(state.registry, names: state.names)
        let decoded = try #require(RegistryCodec.decode(bytes))
        #expect(decoded.names == state.names)
        let restored = AggregateState(registry: decoded.registry, names: decoded.names)
        #expect(restored.merged == state.merged)
        for request in try stream.someRequests() { #expect(try restored.run(request).json == state.run(request).json) }
        #expect(RegistryCodec.decode(Array(bytes.dropLast())) == nil)
    }

    /// Records merged after a restore refer to names by the ids the checkpoint kept.
    @Test func mergingOnAfterARestoreGivesTheSameReportsAsWithoutOne() throws {
        let stream = try RecordedStream(fixture: "02-dashboard")
        let batches = stream.batches(of: 5)
        var state = AggregateState()
        var touched = TouchedDays()
        for batch in batches.prefix(batches.count / 2) { _ = state.merge(batch, touched: &touched) }
        let decoded = try #require(RegistryCodec.decode(RegistryCodec.encode(state.registry, names: state.names)))
        var restored = AggregateState(registry: decoded.registry, names: decoded.names)
        for batch in batches.dropFirst(batches.count / 2) { #expect(restored.merge(batch, touched: &touched).isEmpty) }
        for request in try stream.someRequests() {
            #expect(try restored.run(request).json == stream.registry.run(request).json)
        }
    }

    @Test func partialRoundTripsThroughItsEncoding() throws {
        let stream = try RecordedStream(fixture: "03-widget")
        let (first, block) = try #require(stream.blocks(of: 1_000_000).first)
        let partial = try #require(Partial(counting: block.bytes, first: first))
        let decoded = try #require(Partial(decoding: partial.encoded))
        #expect(decoded.sequences == 1...UInt64(stream.accepted))
        #expect(Set(decoded.deltas) == Set(partial.deltas))
        #expect(decoded.block.bytes == block.bytes)
        #expect(Partial(decoding: Array(partial.encoded.dropLast())) == nil)
    }

    /// A block cut anywhere but at a record's end is refused whole: nothing of it is merged.
    @Test func aTruncatedOrForeignBlockIsRefused() throws {
        let stream = try RecordedStream(fixture: "01-executive")
        let block = try #require(stream.blocks(of: 10).first).block
        for cut in [1, 5, 17, block.bytes.count / 2, block.bytes.count - 1] {
            #expect(RecordBlock(Array(block.bytes.prefix(cut))) == nil, "cut at \(cut)")
        }
        var foreign = block.bytes
        foreign[0] = 1
        #expect(RecordBlock(foreign) == nil)
        #expect(RecordBlock(block.bytes + [9]) == nil)
    }
}
