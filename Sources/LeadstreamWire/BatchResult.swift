//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// The gateway's answer to one batch, sent only after every accepted event
/// of the batch is durable in the journal.
///
/// Lines are numbered within the batch from 1, blank lines included, so a
/// client that sends a file in batches adds its batch's first line number − 1
/// to get the file's line numbers (SPEC §11: `send` prints what offline prints).
public struct BatchResult: Hashable, Sendable {
    /// The journal sequence numbers assigned to the batch's accepted events, in line order.
    public var sequences: ClosedRange<UInt64>?
    public var accepted: Int
    /// Lines whose `event_id` was already accepted for their account: acknowledged, no effect.
    public var duplicateLines: [Int]
    public var rejected: [LineRejection]

    public init(sequences: ClosedRange<UInt64>?, accepted: Int, duplicateLines: [Int], rejected: [LineRejection]) {
        self.sequences = sequences
        self.accepted = accepted
        self.duplicateLines = duplicateLines
        self.rejected = rejected
    }

    public var duplicates: Int { duplicateLines.count }

    /// The wire form (docs/protocol.md).
    public var json: JSONValue {
        .object([
            ("first_seq", sequences.map { .int(Int($0.lowerBound)) } ?? .null),
            ("last_seq", sequences.map { .int(Int($0.upperBound)) } ?? .null),
            ("accepted", .int(accepted)),
            ("duplicates", .int(duplicates)),
            ("duplicate_lines", .array(duplicateLines.map { .int($0) })),
            (
                "rejected",
                .array(
                    rejected.map {
                        .object([
                            ("line", .int($0.line)), ("code", .string($0.rejection.code.rawValue)),
                            ("field", .string($0.rejection.field)), ("message", .string($0.rejection.message)),
                        ])
                    })
            ),
        ])
    }
}

/// Why a batch was not taken at all (nothing of it was applied): the client may retry.
public enum IngestRefusal: Error, Hashable, Sendable {
    /// Too much is waiting for the journal: retry after the given seconds.
    case overloaded(retryAfterSeconds: Int)
    /// The batch is larger than the gateway takes in one request.
    case tooLarge(limitBytes: Int)
    /// The gateway is shutting down.
    case unavailable
    /// The request as a whole (SPEC §10): no or a bad token (`unauthorized`),
    /// or a token that may not ingest (`forbidden`). Nothing was applied.
    case refused(Rejection)

    public var code: String {
        switch self {
        case .overloaded: "overloaded"
        case .tooLarge: "too_large"
        case .unavailable: "unavailable"
        case .refused(let r): r.code.rawValue
        }
    }
}
