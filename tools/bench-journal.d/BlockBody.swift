/// Stand-ins for the gateway's block bodies (`RecordBlock`, docs/cluster.md): the journal never reads a
/// body, so only its size matters to the benchmark, and its exact bytes to the kill test.
///
/// A body is a 5-byte header (version 2, the event count) and `bytesPerEvent` pseudo-random bytes per
/// event, a function of the event's index only: the same events always give the same bytes, so a reader
/// can rebuild what a block must hold from its sequence range. Random bytes, not repeated text, so nothing
/// on the way (page cache, disk) gets an easier job than with real records.
enum BlockBody {
    /// What the gateway's records average for a `lead.created` with its name definitions amortised.
    static let defaultBytesPerEvent = 100

    /// The body of the block holding events `firstEvent..<firstEvent + events` (0-based indices).
    static func make(firstEvent: Int, events: Int, bytesPerEvent: Int) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(5 + events * bytesPerEvent)
        body.append(2)
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: events).littleEndian) { body.append(contentsOf: $0) }
        for event in firstEvent..<(firstEvent + events) {
            var state = UInt64(event)
            var remaining = bytesPerEvent
            while remaining > 0 {
                let word = splitmix64(&state)
                withUnsafeBytes(of: word.littleEndian) { body.append(contentsOf: $0.prefix(remaining)) }
                remaining -= 8
            }
        }
        return body
    }

    private static func splitmix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
