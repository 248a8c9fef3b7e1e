/// One admitted batch's accepted events as the gateway hands them to the journal: a block of records.
///
/// The journal does not read the body: it stores it as one row, numbers its `events` with the next
/// contiguous sequences, and hands the same bytes back on a read. Its layout is the gateway's (`RecordBlock`
/// in LeadstreamCore, docs/cluster.md): a block is journaled, forwarded, replayed and merged as the very
/// bytes the gateway wrote once.
public struct JournalBlock: Sendable, Hashable {
    /// How many sequence numbers the block takes (at least one).
    public var events: Int
    public var body: [UInt8]

    public init(events: Int, body: [UInt8]) {
        self.events = events
        self.body = body
    }
}
