//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// One accepted event as the journal keeps it: the original NDJSON line, so a
/// replay decodes exactly what was accepted, with the same decoder.
public struct JournaledEvent: Hashable, Sendable {
    public var sequence: UInt64
    public var account: String
    public var eventID: String
    public var line: [UInt8]

    public init(sequence: UInt64, account: String, eventID: String, line: [UInt8]) {
        self.sequence = sequence
        self.account = account
        self.eventID = eventID
        self.line = line
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
