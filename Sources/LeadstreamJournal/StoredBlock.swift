/// A block read back from the journal, with the sequence range its commit assigned.
///
/// The sequence is the journal order SPEC §2 applies rules in: merging stored blocks in order rebuilds the
/// registry exactly as the gateway built it live.
public struct StoredBlock: Sendable, Hashable {
    /// The sequence of the block's first event: global, starting at 1, contiguous, never reused.
    public var first: UInt64
    /// The sequence of its last event.
    public var last: UInt64
    /// The bytes as appended.
    public var body: [UInt8]

    public init(first: UInt64, last: UInt64, body: [UInt8]) {
        self.first = first
        self.last = last
        self.body = body
    }

    public var events: Int { Int(last - first + 1) }
}
