//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore

@testable import LeadstreamAggregator

/// A fixture stream as the gateway would journal it: the offline registry
/// after every line, and the numbered changes of its accepted events.
struct RecordedStream {
    var registry = LeadRegistry()
    var changes: [LeadChange] = []

    init(fixture: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../../shared/fixtures/\(fixture)/events.ndjson")
        let bytes = [UInt8](try Data(contentsOf: url))
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            guard case .event(let event) = EventDecoder.decode(Array(line)) else { continue }
            if let kind = registry.applyRecording(event).change {
                changes.append(LeadChange(sequence: UInt64(changes.count + 1), account: event.account, kind: kind))
            }
        }
    }

    /// The changes cut into batches of `size`, each with its worker's counts.
    func batches(of size: Int) -> [ChangeBatch] {
        stride(from: 0, to: changes.count, by: size).map { start in
            let slice = Array(changes[start..<min(start + size, changes.count)])
            return ChangeBatch(changes: slice, deltas: Partial(counting: ChangeCodec.encode(slice))!.deltas)
        }
    }

    /// The aggregator's state after merging the stream in batches of `size`,
    /// and the days those merges touched.
    func merged(inBatchesOf size: Int) -> (state: AggregateState, touched: TouchedDays) {
        var state = AggregateState()
        var touched = TouchedDays()
        for batch in batches(of: size) { state.merge(batch, touched: &touched) }
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
}
