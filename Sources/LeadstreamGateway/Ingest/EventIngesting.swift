//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire

/// What the transports (ZeroMQ, HTTP) call: one implementation of ingest.
public protocol EventIngesting: Sendable {
    /// Decodes, validates and applies one NDJSON batch, journals the accepted
    /// events and returns once they are durable.
    ///
    /// - Parameter account: an ingest token's account (SPEC §10): lines of
    ///   another account are rejected `forbidden`; `nil` takes any account.
    func ingest(_ batch: [UInt8], account: String?) async throws(IngestRefusal) -> BatchResult
}

extension EventIngesting {
    /// Ingests a batch of any account (open mode).
    public func ingest(_ batch: [UInt8]) async throws(IngestRefusal) -> BatchResult {
        try await ingest(batch, account: nil)
    }
}
