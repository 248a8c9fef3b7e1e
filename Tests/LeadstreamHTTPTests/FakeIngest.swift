//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import LeadstreamGateway
import LeadstreamWire

/// A stand-in for the gateway core: records every batch it is handed and
/// answers with one canned outcome, so the HTTP layer is tested on its own.
actor FakeIngest: EventIngesting {
    /// What every `ingest` call answers.
    enum Outcome: Sendable {
        case result(BatchResult)
        case refusal(IngestRefusal)
    }

    private(set) var batches: [[UInt8]] = []
    let outcome: Outcome

    init(_ outcome: Outcome = .result(.acceptedAll(1, firstSeq: 1))) {
        self.outcome = outcome
    }

    func ingest(_ batch: [UInt8], account: String?) async throws(IngestRefusal) -> BatchResult {
        batches.append(batch)
        switch outcome {
        case .result(let result): return result
        case .refusal(let refusal): throw refusal
        }
    }
}

extension BatchResult {
    /// `count` events accepted with consecutive sequence numbers from `firstSeq`.
    static func acceptedAll(_ count: Int, firstSeq: UInt64) -> BatchResult {
        BatchResult(
            sequences: firstSeq...(firstSeq + UInt64(count) - 1), accepted: count, duplicateLines: [], rejected: [])
    }

    /// Every line of a `count`-line batch rejected as `unknown_type`.
    static func rejectedAll(_ count: Int) -> BatchResult {
        BatchResult(
            sequences: nil, accepted: 0, duplicateLines: [],
            rejected: (1...count).map {
                LineRejection(line: $0, rejection: Rejection(.unknownType, field: "type", "unknown event type 'x'"))
            })
    }
}
