// TEMPORARY stand-ins until the decoder and periods work lands. Delete on merge.
import Foundation

public enum Identifier {
    public static func isValid(_ s: String, allowEmpty: Bool) -> Bool {
        if s.isEmpty { return allowEmpty }
        return s.utf8.count <= 128 && s.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2E || b == 0x5F || b == 0x3A || b == 0x40 || b == 0x2D
        }
    }
}

public enum RFC3339 {
    public static func parse(_ s: String) -> Timestamp? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        guard let d = f.date(from: s) else { return nil }
        return Timestamp(microseconds: Int64(d.timeIntervalSince1970 * 1_000_000))
    }
}

public enum DecodedLine: Sendable { case blank; case event(Event); case rejected(Rejection) }

public enum EventDecoder {
    public static let maxLineBytes = 1_048_576
    public static func decode(_ line: UnsafeRawBufferPointer) -> DecodedLine {
        if line.count > maxLineBytes { return .rejected(Rejection(.tooLarge, field: nil, "line exceeds 1048576 bytes")) }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return .blank }
        guard let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            return .rejected(Rejection(.malformedJSON, field: nil, "invalid JSON"))
        }
        func str(_ k: String) -> String? { obj[k] as? String }
        guard let type = str("type") else { return .rejected(Rejection(.missingField, field: "type", "x")) }
        guard let id = str("event_id"), let acct = str("account"), let ts = str("occurred_at").flatMap(RFC3339.parse) else {
            return .rejected(Rejection(.missingField, field: "event_id", "x"))
        }
        let body: Event.Body
        switch type {
        case "lead.created":
            guard let l = str("lead_id"), let o = str("office"), let s = str("source").flatMap(Source.init(name:)) else {
                return .rejected(Rejection(.missingField, field: "lead_id", "x"))
            }
            body = .created(LeadCreated(leadID: l, office: o, source: s, user: str("user") ?? "", campaign: str("campaign") ?? "",
                leadType: str("lead_type").flatMap(LeadType.init(name:)) ?? .contact, status: str("status").flatMap(LeadStatus.init(name:)) ?? .new))
        case "lead.source_changed":
            body = .sourceChanged(leadID: str("lead_id")!, source: Source(name: str("source")!)!)
        case "lead.status_changed":
            body = .statusChanged(leadID: str("lead_id")!, status: LeadStatus(name: str("status")!)!, user: str("user"))
        case "lead.deleted":
            body = .deleted(leadID: str("lead_id")!)
        case "account.settings":
            body = .settings(SettingsChange(timezone: str("timezone"), unqualifiedEnabled: obj["unqualified_enabled"] as? Bool,
                activeSources: (obj["active_sources"] as? [String]).map { WidgetSourceSet($0.compactMap(WidgetSource.init(name:))) }))
        default: return .rejected(Rejection(.unknownType, field: "type", "x"))
        }
        return .event(Event(eventID: id, account: acct, occurredAt: ts, body: body))
    }
}

public struct NDJSONLines: Sequence {
    let buffer: UnsafeRawBufferPointer
    public init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }
    public func makeIterator() -> AnyIterator<(number: Int, bytes: UnsafeRawBufferPointer)> {
        var start = 0
        var n = 0
        return AnyIterator {
            guard start < buffer.count else { return nil }
            var end = start
            while end < buffer.count && buffer[end] != 0x0A { end += 1 }
            n += 1
            let slice = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
            start = end + 1
            return (n, slice)
        }
    }
}

