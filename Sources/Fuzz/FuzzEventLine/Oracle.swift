//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore

/// SPEC §2's rules written a second time, over the dictionary Foundation's `JSONSerialization`
/// parsed, as the reference for the event decoder (which scans bytes and never builds one).
///
/// It is kept deliberately naive: presence is a dictionary look-up, types are Foundation's, values
/// are `String`s. Only the timestamp and timezone checks are shared with the decoder (`RFC3339.parse`
/// on a `String`, `Zone.named`), since writing them twice would test nothing about the decoding.
enum Oracle {
    /// The decoder's verdict in comparable form: the event, or the rejection's code and field.
    enum Verdict: Equatable, CustomStringConvertible {
        case event(Event)
        case rejected(ErrorCode, String?)

        var description: String {
            switch self {
            case .event(let e): "event \(e)"
            case .rejected(let code, let field): "rejected \(code.rawValue) \(field ?? "-")"
            }
        }
    }

    struct Refusal: Error {
        var code: ErrorCode
        var field: String?
    }

    static func verdict(_ object: [String: Any]) -> Verdict {
        do { return .event(try event(object)) } catch let r as Refusal { return .rejected(r.code, r.field) } catch {
            fatalError("unexpected \(error)")
        }
    }

    private static func event(_ o: [String: Any]) throws -> Event {
        guard let typeValue = present(o, "type") else { throw Refusal(code: .missingField, field: "type") }
        let types = ["account.settings", "lead.created", "lead.source_changed", "lead.status_changed", "lead.deleted"]
        guard let type = typeValue as? String, types.contains(where: { $0.utf8.elementsEqual(type.utf8) }) else {
            throw Refusal(code: .unknownType, field: "type")
        }
        let eventID = try identifier(o, "event_id")
        let account = try identifier(o, "account")
        guard let at = present(o, "occurred_at") else { throw Refusal(code: .missingField, field: "occurred_at") }
        guard let text = at as? String, let occurredAt = RFC3339.parse(text) else {
            throw Refusal(code: .invalidTimestamp, field: "occurred_at")
        }
        let body: Event.Body
        switch type {
        case "lead.created":
            let leadID = try identifier(o, "lead_id")
            let office = try identifier(o, "office")
            let source: Source = try name(o, "source")
            let user = try optionalIdentifier(o, "user") ?? ""
            let campaign = try optionalIdentifier(o, "campaign") ?? ""
            let leadType: LeadType = try optionalName(o, "lead_type") ?? .contact
            let status: LeadStatus = try optionalName(o, "status") ?? .new
            body = .created(
                LeadCreated(
                    leadID: leadID, office: office, source: source, user: user, campaign: campaign,
                    leadType: leadType, status: status))
        case "lead.source_changed":
            let leadID = try identifier(o, "lead_id")
            body = .sourceChanged(leadID: leadID, source: try name(o, "source"))
        case "lead.status_changed":
            let leadID = try identifier(o, "lead_id")
            let status: LeadStatus = try name(o, "status")
            body = .statusChanged(leadID: leadID, status: status, user: try optionalIdentifier(o, "user"))
        case "lead.deleted":
            body = .deleted(leadID: try identifier(o, "lead_id"))
        default:
            body = .settings(try settings(o))
        }
        return Event(eventID: eventID, account: account, occurredAt: occurredAt, body: body)
    }

    private static func settings(_ o: [String: Any]) throws -> SettingsChange {
        var change = SettingsChange()
        if let tz = present(o, "timezone") {
            guard let name = tz as? String, !name.isEmpty, Zone.named(name) != nil else {
                throw Refusal(code: .invalidTimezone, field: "timezone")
            }
            change.timezone = name
        }
        if let on = present(o, "unqualified_enabled") {
            guard let flag = boolean(on) else { throw Refusal(code: .invalidValue, field: "unqualified_enabled") }
            change.unqualifiedEnabled = flag
        }
        if let active = present(o, "active_sources") {
            guard let list = active as? [Any] else { throw Refusal(code: .invalidValue, field: "active_sources") }
            var set = WidgetSourceSet(bits: 0)
            for element in list {
                guard let s = element as? String, let source = exactName(s, WidgetSource.self) else {
                    throw Refusal(code: .invalidValue, field: "active_sources")
                }
                set.bits |= 1 << source.rawValue
            }
            change.activeSources = set
        }
        return change
    }

    /// A member that is there and not `null` (SPEC §2: `null` is absent).
    private static func present(_ o: [String: Any], _ key: String) -> Any? {
        guard let v = o[key], !(v is NSNull) else { return nil }
        return v
    }

    /// A JSON boolean: Foundation gives `true` and `1` both as `NSNumber`, told apart by the C type.
    private static func boolean(_ v: Any) -> Bool? {
        guard let n = v as? NSNumber, String(cString: n.objCType) == "c" else { return nil }
        return n.boolValue
    }

    /// SPEC §1, from the rule's own words: 1–128 of `A–Z a–z 0–9 . _ : @ -`.
    private static func isIdentifier(_ s: String, allowEmpty: Bool) -> Bool {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:@-".utf8)
        if s.utf8.isEmpty { return allowEmpty }
        return s.utf8.count <= 128 && s.utf8.allSatisfy(allowed.contains)
    }

    private static func identifier(_ o: [String: Any], _ key: String) throws -> String {
        guard present(o, key) != nil else { throw Refusal(code: .missingField, field: key) }
        return try optionalIdentifier(o, key)!
    }

    private static func optionalIdentifier(_ o: [String: Any], _ key: String) throws -> String? {
        guard let v = present(o, key) else { return nil }
        let required = ["event_id", "account", "lead_id", "office"].contains(key)
        guard let s = v as? String, isIdentifier(s, allowEmpty: !required) else {
            throw Refusal(code: .invalidValue, field: key)
        }
        return s
    }

    /// A name compared byte for byte: Swift's `==` on `String` is canonical equivalence.
    private static func exactName<T: WireNamed>(_ s: String, _: T.Type) -> T? {
        T.allCases.first { $0.name.utf8.elementsEqual(s.utf8) }
    }

    private static func name<T: WireNamed>(_ o: [String: Any], _ key: String) throws -> T {
        guard present(o, key) != nil else { throw Refusal(code: .missingField, field: key) }
        return try optionalName(o, key)!
    }

    private static func optionalName<T: WireNamed>(_ o: [String: Any], _ key: String) throws -> T? {
        guard let v = present(o, key) else { return nil }
        guard let s = v as? String, let value = exactName(s, T.self) else { throw Refusal(code: .invalidValue, field: key) }
        return value
    }
}
