//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

extension EventFields {
    /// The event, or the rejection of its first failing field (SPEC §2): the
    /// fields in the order `type`, `event_id`, `account`, `occurred_at`, then
    /// the type's table order; for each, presence before value.
    ///
    /// - Parameter only: the one account an ingest token may send (SPEC §10):
    ///   another is `forbidden`, checked right after `account` is validated.
    func event(only: String? = nil) throws(Rejection) -> Event {
        let type = try eventType()
        let eventID = try identifier(.eventID)
        let account = try identifier(.account)
        if let only, account != only {
            throw Rejection(.forbidden, field: "account", "this ingest token sends events of account '\(only)' only")
        }
        let occurredAt = try timestamp()
        let body: Event.Body
        switch type {
        case .created:
            let leadID = try identifier(.leadID)
            let office = try identifier(.office)
            let source = try name(.source, in: Names.sources)
            let user = try optionalIdentifier(.user) ?? ""
            let campaign = try optionalIdentifier(.campaign) ?? ""
            let leadType = try optionalName(.leadType, in: Names.leadTypes) ?? .contact
            let status = try optionalName(.status, in: Names.statuses) ?? .new
            body = .created(
                LeadCreated(
                    leadID: leadID, office: office, source: source, user: user, campaign: campaign, leadType: leadType,
                    status: status))
        case .sourceChanged:
            let leadID = try identifier(.leadID)
            body = .sourceChanged(leadID: leadID, source: try name(.source, in: Names.sources))
        case .statusChanged:
            let leadID = try identifier(.leadID)
            let status = try name(.status, in: Names.statuses)
            // Absent: no reassignment; "": unassign.
            body = .statusChanged(leadID: leadID, status: status, user: try optionalIdentifier(.user))
        case .deleted:
            body = .deleted(leadID: try identifier(.leadID))
        case .settings:
            body = .settings(try settings())
        }
        return Event(eventID: eventID, account: account, occurredAt: occurredAt, body: body)
    }

    /// `type`: one of the five exact strings; anything else, strings or not, is `unknown_type`.
    private func eventType() throws(Rejection) -> EventType {
        let slot = try required(.type)
        if slot.kind == .string, let type = withText(slot, { Names.eventTypes.lookup($0) }) { return type }
        throw Rejection(.unknownType, field: "type", "unknown event type \(display(slot))")
    }

    /// `occurred_at`: an RFC 3339 string with an explicit offset (SPEC §1).
    private func timestamp() throws(Rejection) -> Timestamp {
        let slot = try required(.occurredAt)
        if slot.kind == .string, let t = withText(slot, { RFC3339.parse($0) }) { return t }
        throw Rejection(
            .invalidTimestamp, field: "occurred_at", "occurred_at must be RFC 3339 with an explicit offset or Z")
    }

    /// `account.settings`: every field optional, each checked when present.
    private func settings() throws(Rejection) -> SettingsChange {
        var change = SettingsChange()
        let tz = self[.timezone]
        if tz.isPresent {
            let name = tz.kind == .string ? string(tz) : ""
            guard !name.isEmpty, Zone.named(name) != nil else {
                throw Rejection(.invalidTimezone, field: "timezone", "unknown IANA timezone \(display(tz))")
            }
            change.timezone = name
        }
        let enabled = self[.unqualifiedEnabled]
        if enabled.isPresent {
            guard enabled.kind == .bool else {
                throw Rejection(.invalidValue, field: "unqualified_enabled", "unqualified_enabled must be a boolean")
            }
            change.unqualifiedEnabled = base[Int(enabled.start)] == UInt8(ascii: "t")
        }
        let active = self[.activeSources]
        if active.isPresent {
            guard active.kind == .array, let set = widgetSources(in: active) else {
                throw Rejection(
                    .invalidValue, field: "active_sources",
                    "active_sources must be an array of site, phone, mail, api, chat")
            }
            change.activeSources = set
        }
        return change
    }

    /// The widget sources an array (already scanned) names; `nil` when an
    /// element is not one of them. Duplicates are harmless; `[]` is none.
    private func widgetSources(in array: JSONSlot) -> WidgetSourceSet? {
        var s = JSONScanner(base: base, count: Int(array.end), pos: Int(array.start) + 1)
        var set = WidgetSourceSet(bits: 0)
        s.skipWhitespace()
        if s.byte == UInt8(ascii: "]") { return set }
        while true {
            guard s.byte == UInt8(ascii: "\""), let v = try? s.scanString() else { return nil }
            let element = JSONSlot(kind: .string, escaped: v.escaped, start: Int32(v.start), end: Int32(v.end))
            guard let source = withText(element, { Names.widgetSources.lookup($0) }) else { return nil }
            set.bits |= 1 << source.rawValue
            s.skipWhitespace()
            guard s.byte == UInt8(ascii: ",") else { return set }  // the closing "]"
            s.pos += 1
            s.skipWhitespace()
        }
    }
}
