/// One accepted event as the gateway hands it to the journal.
///
/// The journal stores the original NDJSON line bytes rather than a re-encoded form, so a replay feeds
/// `EventDecoder` exactly the input the gateway validated: the same bytes decode to the same event, with the
/// same errors and duplicates, on every rebuild. `account` and `eventID` are kept beside the line so a replay
/// or an audit can select by them without decoding.
public struct JournalEntry: Sendable, Hashable {
    /// The event's `account` (SPEC §2), already validated by the gateway.
    public var account: String
    /// The event's `event_id` (SPEC §2), already validated by the gateway.
    public var eventID: String
    /// The event's NDJSON line, without its `\n`.
    public var line: [UInt8]
    /// What the event changed, as the gateway forwards it downstream (`ChangeCodec`): stored so a replay
    /// sends a consumer that missed it the very same record. Opaque to the journal.
    public var change: [UInt8]

    public init(account: String, eventID: String, line: [UInt8], change: [UInt8] = []) {
        self.account = account
        self.eventID = eventID
        self.line = line
        self.change = change
    }
}
