//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// One accepted event as the journal keeps it: the original NDJSON line, so
/// a restart re-applies exactly what was accepted with the same decoder, and
/// the change it made (`ChangeCodec`, sequence 0), so a downstream component
/// that missed it can be sent the very same enriched record again.
public struct JournaledEvent: Hashable, Sendable {
    public var sequence: UInt64
    public var account: String
    public var eventID: String
    public var line: [UInt8]
    public var change: [UInt8]

    public init(sequence: UInt64, account: String, eventID: String, line: [UInt8], change: [UInt8]) {
        self.sequence = sequence
        self.account = account
        self.eventID = eventID
        self.line = line
        self.change = change
    }

    /// The recorded change with its sequence number restored.
    public var leadChange: LeadChange? {
        guard var c = ChangeCodec.decode(change)?.first else { return nil }
        c.sequence = sequence
        return c
    }
}

/// The durable, append-only source of truth the gateway writes to.
///
/// The gateway calls `append` from one task at a time, in the order it
/// applied the events to its registry, so the journal's sequence order is
/// the registry's arrival order (SPEC §2) by construction.
public protocol EventJournal: Sendable {
    /// Durably appends `events` (their `sequence` is ignored) and returns the
    /// contiguous range assigned to them, or `nil` for an empty batch.
    func append(_ events: [JournaledEvent]) async throws -> ClosedRange<UInt64>?
    /// Events with sequence in `from...through`, at most `limit`, in order.
    func read(from: UInt64, through: UInt64, limit: Int) async throws -> [JournaledEvent]
    /// The last durable sequence number (0 when empty).
    func lastSequence() async throws -> UInt64
}
