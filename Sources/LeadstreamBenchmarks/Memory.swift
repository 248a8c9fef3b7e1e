//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

// leadstream-benchmarks memory FILE
//
// The heap each copy of the lead state takes for FILE's events, with the
// event-id dedupe set as its own figure: what a process's RSS cannot split.
// Each structure is built alone and measured by glibc's count of bytes in use
// (mallinfo2: arena plus mmapped chunks) before and after:
//
//   - the gateway's registry (SPEC §2's rules: rows, positions, day index,
//     names, and the per-account event-id sets);
//   - the event-id sets alone, as the registry keeps them (one `Set<String>`
//     per account, every accepted event's id);
//   - the aggregator's rows, merged from the gateway's records without event
//     ids (its tally is per cell, not per lead, and is not counted here).
//
// Prints JSON.

import Foundation
import CMalloc
import LeadstreamCore

/// Heap bytes in use: small chunks in the arenas and large ones mmapped.
private func heapInUse() -> Int {
    let m = mallinfo2()
    return Int(m.uordblks) + Int(m.hblkhd)
}

func memory(file: String) throws {
    var events: [Event] = []
    let source = try EventFile(path: file)
    source.withBytes { bytes in
        for line in NDJSONLines(bytes) {
            if case .event(let e) = EventDecoder.decode(line.bytes) { events.append(e) }
        }
    }
    var accepted = [Bool](repeating: false, count: events.count)

    // The gateway's registry.
    var start = heapInUse()
    var registry = LeadRegistry()
    for (i, e) in events.enumerated() { accepted[i] = registry.apply(e) == .accepted }
    let registryBytes = heapInUse() - start
    let liveLeads = registry.accounts.values.reduce(0) { n, state in n + state.leads.count { !$0.deleted } }
    let eventIDs = registry.acceptedCount
    registry = LeadRegistry()

    // The event-id sets alone.
    start = heapInUse()
    var sets: [String: Set<String>] = [:]
    for (i, e) in events.enumerated() where accepted[i] { sets[e.account, default: []].insert(e.eventID) }
    let dedupeBytes = heapInUse() - start
    sets = [:]

    // The aggregator's rows, from the gateway's records in blocks of 1,000 events.
    var blocks: [RecordBlock] = []
    do {
        var gateway = RecordingRegistry()
        var writer = RecordWriter()
        for e in events {
            _ = gateway.apply(e, recording: &writer)
            if writer.events == 1_000 { blocks.append(RecordBlock(writer.finish())!) }
        }
        if writer.events > 0 { blocks.append(RecordBlock(writer.finish())!) }
    }
    start = heapInUse()
    var rows = LeadRegistry()
    var names = InternedNames()
    for block in blocks {
        block.forEach { entry in _ = rows.merge(entry, of: block, names: &names, admitting: false) }
    }
    let rowsBytes = heapInUse() - start
    precondition(rows.acceptedCount == eventIDs, "the records merged to \(rows.acceptedCount) events, not \(eventIDs)")

    func per(_ bytes: Int, _ n: Int) -> Double { n == 0 ? 0 : (Double(bytes) / Double(n) * 10).rounded() / 10 }
    let out: [String: Any] = [
        "events": events.count, "accepted": eventIDs, "live_leads": liveLeads,
        "dedupe_bytes_per_event_id": per(dedupeBytes, eventIDs),
        "gateway_lead_state_bytes_per_live_lead": per(registryBytes - dedupeBytes, liveLeads),
        "aggregator_rows_bytes_per_live_lead": per(rowsBytes, liveLeads),
        "gateway_registry_mib": per(registryBytes, 1 << 20), "dedupe_mib": per(dedupeBytes, 1 << 20),
        "aggregator_rows_mib": per(rowsBytes, 1 << 20),
    ]
    let json = try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
    withExtendedLifetime(rows) {}
}
