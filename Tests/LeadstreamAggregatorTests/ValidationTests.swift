//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import LeadstreamWire
import Testing

@testable import LeadstreamAggregator

/// The aggregator's side of `leadstream validate`: figures from one state, repairs, the test hook.
@Suite struct ValidationTests {
    static let stream = try! RecordedStream(fixture: "02-dashboard")

    static func figures(_ state: AggregateState, _ account: String, _ periods: [String]?) throws -> [String: Any] {
        var body: [String: Any] = ["account": account]
        if let periods { body["periods"] = periods }
        let request = try #require(AggregateState.FiguresRequest(body: Array(try JSONSerialization.data(withJSONObject: body))))
        let (verb, reply) = state.figures(request)
        #expect(verb == .figures)
        return try #require((try JSONSerialization.jsonObject(with: Data(reply))) as? [String: Any])
    }

    @Test func figuresCoverEveryMonthWithLeadsAtTheAccountsAsOf() throws {
        let (state, _) = Self.stream.merged(inBatchesOf: 5)
        let account = try #require(Self.stream.registry.accounts.keys.sorted().first)
        let reply = try Self.figures(state, account, nil)
        let months = try #require(reply["months"] as? [String])
        #expect(months == Self.stream.registry.account(account).monthsWithLeads)
        #expect(!months.isEmpty)
        #expect((reply["as_of"] as? [String: Any])?["seq"] as? Int == Self.stream.registry.account(account).accepted)
        let sets = try #require(reply["figures"] as? [[String: Any]])
        #expect(sets.map { $0["period"] as? String } == months)
        // The live cells are the offline figures' cells: the tally and the rows agree on a healthy state.
        for (set, month) in zip(sets, months) {
            let reports = try #require(set["reports"] as? [String: Any])
            let offline = try Self.stream.registry.figures(account: account, period: month)
            for (name, cells) in offline.reports {
                let pairs = try #require(reports[name] as? [[String]], "\(name)")
                #expect(pairs.map { "\($0[0])=\($0[1])" } == cells.cells.map { "\($0.key)=\($0.value)" }, "\(name) \(month)")
            }
        }
    }

    @Test func aRepairAtTheSameAsOfRestoresTheFiguresAndOneBehindIsAConflict() throws {
        var (state, _) = Self.stream.merged(inBatchesOf: 5)
        let account = try #require(Self.stream.registry.accounts.keys.sorted().first)
        let healthy = try Self.figures(state, account, nil)
        let (damage, damaged) = state.corrupt(account: account)
        #expect(damage.0 == .corrupted)
        #expect(damaged == account)
        #expect(!NSDictionary(dictionary: try Self.figures(state, account, nil)).isEqual(to: healthy))

        let names = state.names
        // The account one accepted event behind the live one: a repair rebuilt before the last merge.
        let target = Self.stream.registry.account(account).accepted - 1
        var behind = LeadRegistry()
        for event in Self.stream.events where event.account != account || behind.account(account).accepted < target {
            behind.apply(event)
        }
        #expect(behind.account(account).accepted == target)
        let (conflict, _) = state.repair(RegistryCodec.encode(behind.only(account), names: names))
        #expect(conflict.0 == .error)
        #expect(String(decoding: conflict.1, as: UTF8.self).contains("conflict"))

        let (repaired, which) = state.repair(RegistryCodec.encode(Self.stream.registry.only(account), names: names))
        #expect(repaired.0 == .repaired)
        #expect(which == account)
        #expect(NSDictionary(dictionary: try Self.figures(state, account, nil)).isEqual(to: healthy))
    }

    @Test func aRepairedTopicIsPublishedAgainAsACorrectionAtTheSameVersion() throws {
        var (state, touched) = Self.stream.merged(inBatchesOf: 5)
        var topics = LiveTopics()
        topics.touch(touched, state: state)
        let first = Dictionary(topics.flush(state).map { ($0.topic, $0.message) }) { _, b in b }
        let account = try #require(Self.stream.registry.accounts.keys.sorted().first)
        _ = state.corrupt(account: account)
        var all = TouchedDays()
        all.addAll(account)
        topics.touch(all, state: state)
        let corrected = topics.flush(state)
        #expect(!corrected.isEmpty)
        for (topic, message) in corrected {
            let o = LiveTopicsTests.object(message)
            let before = LiveTopicsTests.object(try #require(first[topic], "\(topic)"))
            #expect(o["version"] as? Int == before["version"] as? Int, "\(topic)")
            #expect(o["previous_version"] as? Int == o["version"] as? Int, "\(topic)")
        }
    }

    @Test func aFiguresRequestOfTheWrongShapeIsRefused() {
        #expect(AggregateState.FiguresRequest(body: Array(#"{"account": 3}"#.utf8)) == nil)
        #expect(AggregateState.FiguresRequest(body: Array(#"{"periods": "2026-11"}"#.utf8)) == nil)
        #expect(AggregateState.FiguresRequest(body: Array("nope".utf8)) == nil)
        #expect(AggregateState.FiguresRequest(body: Array(#"{}"#.utf8))?.account == nil)
    }
}
