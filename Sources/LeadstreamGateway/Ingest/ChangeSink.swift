//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// Where committed changes go downstream, in sequence order, once durable.
///
/// Forwarding is best-effort by design: a consumer detects a gap in the
/// sequence numbers and asks the gateway's `replay` for it, so a slow or
/// absent downstream never holds up ingest.
public protocol ChangeSink: Sendable {
    func forward(_ changes: [LeadChange])
}
