//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// The gateway's state: the lead registry (SPEC §2's rules, the same code
/// offline mode runs) and the names it has interned, and the one place an
/// accepted event becomes its record.
public struct RecordingRegistry: Sendable {
    public private(set) var registry = LeadRegistry()
    public private(set) var names = InternedNames()
    /// Per account id, each lead's name ids by lead index: an update names the same office and campaign, and
    /// usually the same user, so it needs no hash of a name (16 bytes a lead).
    private var leadNames: [[LeadNameIDs]] = [[]]

    private struct LeadNameIDs {
        var office: UInt32
        var campaign: UInt32
        var user: UInt32
        var occurrenceUser: UInt32
    }

    public init() {}

    /// Applies one validated event like `LeadRegistry.apply`; when it is
    /// accepted, writes its record to `w`, after the definitions of any name
    /// it is the first to use.
    public mutating func apply(_ event: Event, recording w: inout RecordWriter) -> LeadRegistry.Outcome {
        let c = registry.applyCapturing(event)
        guard c.outcome == .accepted else { return c.outcome }
        let (account, isNew) = names.internAccount(event.account)
        if isNew {
            w.account(account, event.account)
            leadNames.append([])
        }
        guard let lead = c.after else {
            w.settings(account: account, eventID: event.eventID, c.settings)
            return c.outcome
        }
        let a = Int(account)
        var ids: LeadNameIDs
        var beforeUser: UInt32 = 0
        if let before = c.before {
            let known = leadNames[a][c.index]
            ids = known
            beforeUser = known.user
            if lead.user != before.user { ids.user = intern(lead.user, account, &w) }
            if lead.history.count > Int(before.history.count) { ids.occurrenceUser = ids.user }
            leadNames[a][c.index] = ids
        } else {
            let office = intern(lead.office, account, &w), campaign = intern(lead.campaign, account, &w)
            let user = intern(lead.user, account, &w)
            ids = LeadNameIDs(office: office, campaign: campaign, user: user, occurrenceUser: user)
            leadNames[a].append(ids)
        }
        let after = RecordFacts(
            office: ids.office, campaign: ids.campaign, user: ids.user, occurrenceUser: ids.occurrenceUser,
            leadType: lead.leadType, source: lead.source, status: lead.status, initialStatus: lead.initialStatus,
            deleted: lead.deleted, createdDay: lead.createdDay, occurrences: UInt32(lead.history.count),
            createdAt: lead.createdAt, statusAt: lead.statusAt)
        if let before = c.before {
            let b = RecordBefore(
                source: before.source, user: beforeUser, status: before.status,
                deleted: before.deleted)
            w.updated(account: account, lead: UInt32(c.index), eventID: event.eventID, before: b, after: after)
        } else {
            w.created(account: account, lead: UInt32(c.index), eventID: event.eventID, leadID: lead.leadID, after: after)
        }
        return c.outcome
    }

    private mutating func intern(_ name: String, _ account: UInt32, _ w: inout RecordWriter) -> UInt32 {
        let (id, isNew) = names.intern(name, in: account)
        if isNew { w.name(id, name, account: account) }
        return id
    }

    /// Merges a journaled block (a restart rebuilds the state from the
    /// journal's records, never from the original lines); the refusals, if
    /// any, say what did not fit (a corrupt journal).
    public mutating func replay(_ block: RecordBlock) -> [String] {
        var refusals: [String] = []
        block.forEach { entry in
            if case .refused(let why) = registry.merge(entry, of: block, names: &names, keepingEventIDs: true) {
                refusals.append(why)
                return
            }
            while leadNames.count < names.accounts.count { leadNames.append([]) }
            switch entry {
            case .created(let account, _, _, _, let f):
                leadNames[Int(account)].append(
                    LeadNameIDs(office: f.office, campaign: f.campaign, user: f.user, occurrenceUser: f.occurrenceUser))
            case .updated(let account, let lead, _, _, let f):
                leadNames[Int(account)][Int(lead)] = LeadNameIDs(
                    office: f.office, campaign: f.campaign, user: f.user, occurrenceUser: f.occurrenceUser)
            default: break
            }
        }
        return refusals
    }
}
