//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// Where committed blocks go downstream, in sequence order, once durable.
///
/// Forwarding is best-effort by design: a consumer detects a gap in the
/// sequence numbers and asks the gateway's `replay` for it, so a slow or
/// absent downstream never holds up ingest.
public protocol ChangeSink: Sendable {
    /// Blocks as journaled (`RecordBlock` bytes), each with the sequence of its first event.
    func forward(_ blocks: [(first: UInt64, body: [UInt8])])
}
