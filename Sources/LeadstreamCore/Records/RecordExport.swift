//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// Journal blocks as NDJSON, for operators and tests (`leadstream journal`):
/// each event's record with its names, or an event line that has the same
/// effect, so the journal can be fed back to offline mode.
///
/// The journal keeps records, not the lines that were sent: an event line
/// rebuilt from a record carries the fields the rules read (SPEC §2) as the
/// record left them, not the original line's spelling, unknown fields or
/// `occurred_at` where it had no effect (an `account.settings` line gets the
/// epoch).
public struct RecordExport: Sendable {
    public enum Form: Sendable { case records, events }

    public let form: Form
    private var names = InternedNames()
    /// Per account id, its names by id.
    private var tables: [UInt32: InternTable] = [:]
    /// Per account, lead ids by lead index: an update names its lead by index only.
    private var leadIDs: [UInt32: [String]] = [:]

    /// Only this account's lines (`leadstream move`), when set.
    public var only: String?

    public init(form: Form, only: String? = nil) {
        self.form = form
        self.only = only
    }

    /// The lines of a block's events from sequence `from` on (the block starts at `first`).
    /// Blocks must come in sequence order from the journal's start: names are defined once.
    public mutating func lines(_ block: RecordBlock, first: UInt64, from: UInt64 = 1) -> [String] {
        var out: [String] = []
        var seq = first
        block.forEach { entry in
            defer { if entry.isEvent { seq += 1 } }
            switch entry {
            case .account(let id, let name): _ = names.defineAccount(id, block.string(name))
            case .erasedAccount(let id): _ = names.defineErasedAccount(id)
            case .erased:
                // An erased event keeps its number; offline mode has no line for it.
                if seq >= from, form == .records { out.append("{\"seq\":\(seq),\"record\":\"erased\"}") }
            case .name(let account, let id, let name): _ = tables[account, default: InternTable()].define(id, block.string(name))
            case .created(let account, _, _, let leadID, _):
                leadIDs[account, default: []].append(block.string(leadID))
                if seq >= from, wanted(account) { out.append(line(entry, block, seq)) }
            case .updated(let account, _, _, _, _), .settings(let account, _, _, _, _):
                if seq >= from, wanted(account) { out.append(line(entry, block, seq)) }
            }
        }
        return out
    }

    private func wanted(_ account: UInt32) -> Bool {
        guard let only else { return true }
        return names.accounts.id(only) == account
    }

    private func line(_ entry: RecordEntry, _ block: RecordBlock, _ seq: UInt64) -> String {
        var fields: [(String, String)] = []
        func text(_ key: String, _ value: String) { fields.append((key, "\"" + value + "\"")) }
        switch entry {
        case .account, .name, .erasedAccount, .erased: return ""
        case .created(let account, let lead, let eventID, let leadID, let after):
            let n = tables[account] ?? InternTable()
            head(&fields, form == .records ? "created" : "lead.created", seq, block.string(eventID), names.account(account))
            if form == .records { fields.append(("lead", "\(lead)")) }
            text("occurred_at", Self.rfc3339(after.createdAt))
            text("lead_id", block.string(leadID))
            text("office", n.name(after.office))
            text("source", after.source.name)
            if after.user != 0 { text("user", n.name(after.user)) }
            if after.campaign != 0 { text("campaign", n.name(after.campaign)) }
            text("lead_type", after.leadType.name)
            text("status", after.initialStatus.name)
        case .updated(let account, let lead, let eventID, let before, let after):
            let n = tables[account] ?? InternTable()
            let ids = leadIDs[account] ?? []
            let leadID = Int(lead) < ids.count ? ids[Int(lead)] : ""
            if form == .records {
                head(&fields, "updated", seq, block.string(eventID), names.account(account))
                fields.append(("lead", "\(lead)"))
                text("lead_id", leadID)
                text("source", after.source.name)
                text("user", n.name(after.user))
                text("status", after.status.name)
                fields.append(("deleted", after.deleted ? "true" : "false"))
                fields.append(("occurrences", "\(after.occurrences)"))
                text("status_at", Self.rfc3339(after.statusAt))
            } else {
                let type =
                    after.deleted && !before.deleted
                    ? "lead.deleted" : after.source != before.source ? "lead.source_changed" : "lead.status_changed"
                head(&fields, type, seq, block.string(eventID), names.account(account))
                text("occurred_at", Self.rfc3339(after.statusAt))
                text("lead_id", leadID)
                switch type {
                case "lead.source_changed": text("source", after.source.name)
                case "lead.status_changed":
                    text("status", after.status.name)
                    if after.user != before.user { text("user", n.name(after.user)) }
                default: break
                }
            }
        case .settings(let account, let eventID, let zone, let unqualified, let active):
            head(&fields, form == .records ? "settings" : "account.settings", seq, block.string(eventID), names.account(account))
            if form == .events { text("occurred_at", "1970-01-01T00:00:00Z") }
            text("timezone", block.string(zone))
            fields.append(("unqualified_enabled", unqualified ? "true" : "false"))
            fields.append(("active_sources", "[" + active.members.map { "\"\($0.name)\"" }.joined(separator: ",") + "]"))
        }
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    private func head(_ fields: inout [(String, String)], _ type: String, _ seq: UInt64, _ eventID: String, _ account: String) {
        if form == .records { fields.append(("seq", "\(seq)")) }
        let key = form == .records ? "record" : "type"
        fields.append((key, "\"\(type)\""))
        fields.append(("event_id", "\"\(eventID)\""))
        fields.append(("account", "\"\(account)\""))
    }

    /// RFC 3339 in UTC with every microsecond (the journal's precision).
    static func rfc3339(_ t: Timestamp) -> String {
        let ms = t.iso8601.dropLast()  // …SS.mmm
        let micros = Int(((t.microseconds % 1_000) + 1_000) % 1_000)
        return ms + Day.pad(micros, 3) + "Z"
    }
}
