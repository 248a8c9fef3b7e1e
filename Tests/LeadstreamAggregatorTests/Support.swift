//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import Testing

@testable import LeadstreamAggregator

/// A generated stream (`TestStream`) as the gateway would journal it: the
/// offline registry after every line, and the decoded events to record in blocks.
struct RecordedStream {
    var registry = LeadRegistry()
    var events: [Event] = []

    /// The stream `TestStream` generates under `fixture`'s name.
    init(fixture: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let lines = try #require(TestStream.lines(fixture), "no generated stream named \(fixture)", sourceLocation: sourceLocation)
        for line in lines {
            guard case .event(let event) = EventDecoder.decode(line) else { continue }
            registry.apply(event)
            events.append(event)
        }
    }

    var accepted: Int { registry.acceptedCount }

    /// The stream as the gateway records it, a block every `size` accepted
    /// events, each with the sequence of its first event.
    func blocks(of size: Int) -> [(first: UInt64, block: RecordBlock)] {
        var gateway = RecordingRegistry()
        var writer = RecordWriter()
        var out: [(UInt64, RecordBlock)] = []
        var next: UInt64 = 1
        func cut() {
            let n = writer.events
            out.append((next, RecordBlock(writer.finish())!))
            next += UInt64(n)
        }
        for event in events {
            _ = gateway.apply(event, recording: &writer)
            if writer.events == size { cut() }
        }
        if writer.events > 0 { cut() }
        return out
    }

    /// The blocks of `size` events, each with its worker's counts.
    func batches(of size: Int) -> [ChangeBatch] {
        blocks(of: size).map { ChangeBatch(block: $0.block, first: $0.first, deltas: CellDelta.of($0.block, first: $0.first)) }
    }

    /// The aggregator's state after merging the stream in batches of `size`,
    /// and the days those merges touched.
    func merged(inBatchesOf size: Int) -> (state: AggregateState, touched: TouchedDays) {
        var state = AggregateState()
        var touched = TouchedDays()
        for batch in batches(of: size) {
            let refusals = state.merge(batch, touched: &touched)
            precondition(refusals.isEmpty, "\(refusals)")
        }
        return (state, touched)
    }

    /// Every report the live topics and a user would ask, for every account and
    /// every week and month with leads, with the dashboard's views and history.
    var requests: [ReportRequest] {
        var out: [ReportRequest] = []
        for (account, state) in registry.accounts.sorted(by: { $0.key < $1.key }) {
            var periods = Set<String>()
            for lead in state.leads {
                periods.insert(Period.week(containing: lead.createdDay).id)
                periods.insert(Period.month(containing: lead.createdDay).id)
                periods.insert(lead.createdDay.isoString)
            }
            for period in periods.sorted() {
                let p = ["account": account, "period": period]
                out.append(try! ReportRequest(kind: .executive, parameters: p))
                out.append(try! ReportRequest(kind: .widget, parameters: p))
                out.append(try! ReportRequest(kind: .dashboard, parameters: p))
                out.append(try! ReportRequest(kind: .dashboard, parameters: p.merging(["view": "list", "history": "true"]) { a, _ in a }))
                out.append(try! ReportRequest(kind: .dashboard, parameters: p.merging(["view": "tree"]) { a, _ in a }))
            }
        }
        return out
    }

    /// `requests`, failing the test if the fixture gives none: a loop over them would check nothing.
    func someRequests(sourceLocation: SourceLocation = #_sourceLocation) throws -> [ReportRequest] {
        let out = requests
        try #require(!out.isEmpty, "the fixture gives no report to ask", sourceLocation: sourceLocation)
        return out
    }

    /// The accounts with accepted events, failing the test if there are none.
    func acceptedAccounts(sourceLocation: SourceLocation = #_sourceLocation) throws -> [(String, AccountState)] {
        let out = registry.accounts.filter { $0.value.accepted > 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        try #require(!out.isEmpty, "the fixture has no account with accepted events", sourceLocation: sourceLocation)
        return out
    }
}

extension ReportResult {
    /// The dashboard report, or nil for another kind of result (for `try #require`).
    var dashboard: DashboardReport? { if case .dashboard(let r) = self { r } else { nil } }
}

