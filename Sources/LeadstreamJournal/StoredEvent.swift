/// An entry read back from the journal, with the sequence number its commit assigned.
///
/// The sequence is the journal order SPEC §2 applies rules in: replaying stored events in `seq` order
/// rebuilds the registry exactly as the gateway built it live.
public struct StoredEvent: Sendable, Hashable {
    /// The global position, starting at 1, contiguous, never reused.
    public var seq: UInt64
    public var account: String
    public var eventID: String
    /// The original NDJSON line bytes, byte for byte.
    public var line: [UInt8]
    /// The change record stored with it (see `JournalEntry.change`).
    public var change: [UInt8]

    public init(seq: UInt64, account: String, eventID: String, line: [UInt8], change: [UInt8] = []) {
        self.seq = seq
        self.account = account
        self.eventID = eventID
        self.line = line
        self.change = change
    }
}
