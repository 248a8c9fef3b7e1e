//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

@testable import LeadstreamCore

/// Builds event lines for decoder tests: a valid event of the type, with
/// fields replaced (raw JSON text), removed (`nil`) or added, in a fixed order.
enum Line {
    static let common: [(String, String)] = [
        ("type", #""lead.created""#), ("event_id", #""e1""#), ("account", #""acme""#),
        ("occurred_at", #""2026-11-20T10:00:00Z""#),
    ]

    static func of(_ type: String, _ fields: [(String, String)], _ changes: [String: String?]) -> String {
        var pairs = common.map { $0.0 == "type" ? ($0.0, "\"\(type)\"") : $0 } + fields
        for (key, value) in changes.sorted(by: { $0.key < $1.key }) {
            if let i = pairs.firstIndex(where: { $0.0 == key }) {
                if let value { pairs[i].1 = value } else { pairs.remove(at: i) }
            } else if let value {
                pairs.append((key, value))
            }
        }
        return "{" + pairs.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    static func created(_ changes: [String: String?] = [:]) -> String {
        of("lead.created", [("lead_id", #""L1""#), ("office", #""hq""#), ("source", #""form""#)], changes)
    }

    static func statusChanged(_ changes: [String: String?] = [:]) -> String {
        of("lead.status_changed", [("lead_id", #""L1""#), ("status", #""accepted""#)], changes)
    }

    static func sourceChanged(_ changes: [String: String?] = [:]) -> String {
        of("lead.source_changed", [("lead_id", #""L1""#), ("source", #""mail""#)], changes)
    }

    static func deleted(_ changes: [String: String?] = [:]) -> String {
        of("lead.deleted", [("lead_id", #""L1""#)], changes)
    }

    static func settings(_ changes: [String: String?] = [:]) -> String { of("account.settings", [], changes) }
}

/// The event a line decodes to, or `nil`.
func decodedEvent(_ line: String) -> Event? {
    if case .event(let e) = EventDecoder.decode(line) { return e }
    return nil
}

/// The rejection of a line, or `nil`.
func rejection(_ line: String) -> Rejection? { rejection(Array(line.utf8)) }

func rejection(_ bytes: [UInt8]) -> Rejection? {
    if case .rejected(let r) = EventDecoder.decode(bytes) { return r }
    return nil
}

/// `CODE FIELD: message`, as the CLI prints it, or `"accepted"` / `"blank"`.
func summary(_ line: String) -> String {
    switch EventDecoder.decode(line) {
    case .blank: "blank"
    case .event: "accepted"
    case .rejected(let r): r.summary
    }
}

let identifierMessage = "must be 1-128 characters from A-Z a-z 0-9 . _ : @ -"
let timestampMessage = "invalid_timestamp occurred_at: occurred_at must be RFC 3339 with an explicit offset or Z"
