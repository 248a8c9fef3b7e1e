//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// The error codes of SPEC §2, plus the widget's availability error (§8).
public enum ErrorCode: String, Sendable, Hashable, CaseIterable {
    case malformedJSON = "malformed_json"
    case unknownType = "unknown_type"
    case missingField = "missing_field"
    case invalidValue = "invalid_value"
    case invalidTimestamp = "invalid_timestamp"
    case invalidTimezone = "invalid_timezone"
    case duplicateLead = "duplicate_lead"
    case unknownLead = "unknown_lead"
    case invalidPeriod = "invalid_period"
    /// SPEC §10: no token, or an unknown, expired or revoked one (HTTP 401).
    case unauthorized = "unauthorized"
    /// SPEC §10: a valid token asking outside its scope (HTTP 403), or an
    /// ingest token's line of another account.
    case forbidden = "forbidden"
    case tooLarge = "too_large"
    /// The system could not answer in time (a report waiting for the merge; HTTP 503). Not an event's error.
    case unavailable = "unavailable"
    /// A repair from the journal met an account that had moved on (events merged since it was validated).
    case conflict = "conflict"
    /// An event (or request) for an account another partition holds (docs/partitions.md): the message names
    /// that partition; a routing client never meets it, because it asks for the map first.
    case wrongPartition = "wrong_partition"
    /// A request that could not be read as one (an unknown verb, a wrong frame count, an unreadable
    /// body, a parameter of the wrong JSON type): the sender's mistake, answered instead of dropped. Not an event's error.
    case badRequest = "bad_request"
}

/// Why one event was refused: the code, the field that decided it (`nil`
/// when the whole line is at fault) and a message for a person.
public struct Rejection: Error, Hashable, Sendable {
    public var code: ErrorCode
    public var field: String?
    public var message: String

    public init(_ code: ErrorCode, field: String?, _ message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    /// SPEC §11's stderr form without the line prefix: `CODE FIELD: message` (`-` for no field).
    public var summary: String { "\(code.rawValue) \(field ?? "-"): \(message)" }
}
