//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import Testing

@testable import LeadstreamLoad

/// The generator behind `leadstream load` and `run --demo`: deterministic, valid, realistic.
struct EventStreamTests {
    /// Decodes and applies every line, as the gateway would.
    private func apply(_ bytes: [UInt8]) -> (events: [Event], outcomes: [LeadRegistry.Outcome], undecoded: Int) {
        var registry = LeadRegistry()
        var events: [Event] = []
        var outcomes: [LeadRegistry.Outcome] = []
        var undecoded = 0
        bytes.withUnsafeBytes { buffer in
            for line in NDJSONLines(buffer) {
                guard case .event(let event) = EventDecoder.decode(line.bytes) else {
                    undecoded += 1
                    continue
                }
                events.append(event)
                outcomes.append(registry.apply(event))
            }
        }
        return (events, outcomes, undecoded)
    }

    @Test func sameSeedGivesSameBytesHoweverTheStreamIsCut() {
        var whole = EventStream(seed: 7)
        var pieces = EventStream(seed: 7)
        let a = whole.nextBatch(count: 20_000)
        var b: [UInt8] = []
        while pieces.lines < 20_000 { pieces.append(count: min(333, 20_000 - pieces.lines), to: &b) }
        #expect(a == b)
        #expect(a.last == 0x0A)
        #expect(a.filter { $0 == 0x0A }.count == 20_000)
    }

    @Test func differentSeedsGiveDifferentStreams() {
        var a = EventStream(seed: 1)
        var b = EventStream(seed: 2)
        #expect(a.nextBatch(count: 1_000) != b.nextBatch(count: 1_000))
    }

    @Test func everyLineIsAcceptedExceptTheIntendedRetries() {
        var stream = EventStream(seed: 11, accounts: 8)
        let bytes = stream.nextBatch(count: 60_000)
        let (events, outcomes, undecoded) = apply(bytes)
        #expect(undecoded == 0)
        #expect(events.count == 60_000)
        let rejected = outcomes.compactMap { outcome -> Rejection? in
            if case .rejected(let r) = outcome { return r }
            return nil
        }
        #expect(rejected.isEmpty, "first rejection: \(String(describing: rejected.first))")
        #expect(outcomes.filter { $0 == .duplicate }.count == stream.retries)
        #expect(stream.retries > 0)
    }

    @Test func theMixLooksLikeCRMTraffic() {
        var stream = EventStream(seed: 3, accounts: 6)
        let bytes = stream.nextBatch(count: 100_000)
        let (events, _, _) = apply(bytes)
        var types: [String: Int] = [:]
        var perAccount: [String: Int] = [:]
        var reassigned = 0
        var unassigning = 0
        var zones = Set<String>()
        for e in events {
            types[e.type, default: 0] += 1
            perAccount[e.account, default: 0] += 1
            if case .statusChanged(_, _, let user?) = e.body {
                reassigned += 1
                if user.isEmpty { unassigning += 1 }
            }
            if case .settings(let s) = e.body, let zone = s.timezone { zones.insert(zone) }
        }
        let share = { (type: String) in Double(types[type, default: 0]) / Double(events.count) }
        #expect((0.25...0.35).contains(share("lead.created")))
        #expect((0.55...0.70).contains(share("lead.status_changed")))
        #expect((0.02...0.05).contains(share("lead.source_changed")))
        #expect((0.005...0.02).contains(share("lead.deleted")))
        #expect(types["account.settings", default: 0] >= 6)
        // The first account is the busiest, and the sizes fall off.
        let names = stream.accountNames
        #expect(perAccount[names[0], default: 0] > 2 * perAccount[names[5], default: 0])
        #expect(reassigned > 0 && unassigning > 0)
        #expect(zones.count >= 2)
        // Unknown fields, fraction digits and offsets occur, as real producers send them.
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""utm": {"#))
        #expect(text.contains("+05:45\""))
        #expect(text.contains(".000") || text.range(of: #"\.\d{6}"#, options: .regularExpression) != nil)
    }

    @Test func timesAdvanceOverTheSimulatedDaysFromTheStartDay() {
        let start = Day(year: 2026, month: 9, day: 1)!
        var stream = EventStream(configuration: .init(seed: 5, startDay: start, eventsPerDay: 1_000))
        let (events, _, _) = apply(stream.nextBatch(count: 30_000))
        let days = events.map { $0.occurredAt.utcDay }
        #expect(days.min()! >= start.advanced(by: -1))
        #expect(days.max()! <= start.advanced(by: 31))
        #expect(days.max()! >= start.advanced(by: 29))
    }
}
