//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamGateway

/// An in-memory `EventJournal`, "durable" as soon as appended: enough to run
/// the real gateway `Ingestor` behind the HTTP server in a test.
actor ArrayJournal: EventJournal {
    private(set) var events: [JournaledEvent] = []

    func append(_ batch: [JournaledEvent]) async throws -> ClosedRange<UInt64>? {
        guard !batch.isEmpty else { return nil }
        let first = UInt64(events.count) + 1
        for (offset, var event) in batch.enumerated() {
            event.sequence = first + UInt64(offset)
            events.append(event)
        }
        return first...(first + UInt64(batch.count) - 1)
    }

    func read(from: UInt64, through: UInt64, limit: Int) async throws -> [JournaledEvent] {
        Array(events.filter { (from...through).contains($0.sequence) }.prefix(limit))
    }

    func lastSequence() async throws -> UInt64 { UInt64(events.count) }
}
