//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// The gateway's state: the lead registry (SPEC §2's rules, the same code
/// offline mode runs) and the names it has interned, and the one place an
/// accepted event becomes its record.
public struct RecordingRegistry: Sendable {
    public private(set) var registry = LeadRegistry()
    public private(set) var names = InternedNames()

    public init() {}

    /// Applies one validated event like `LeadRegistry.apply`; when it is
    /// accepted, writes its record to `w`, after the definitions of any name
    /// it is the first to use.
    public mutating func apply(_ event: Event, recording w: inout RecordWriter) -> LeadRegistry.Outcome {
        var before: (source: Source, user: String, status: LeadStatus, deleted: Bool)?
        switch event.body {
        case .created, .settings: break
        case .sourceChanged(let id, _), .statusChanged(let id, _, _), .deleted(let id):
            if let i = registry.accounts[event.account]?.positions[id], let lead = registry.accounts[event.account]?.leads[i] {
                before = (lead.source, lead.user, lead.status, lead.deleted)
            }
        }
        let outcome = registry.apply(event)
        guard outcome == .accepted else { return outcome }
        let (account, isNew) = names.internAccount(event.account)
        if isNew { w.account(account, event.account) }
        let state = registry.account(event.account)
        let index: Int
        switch event.body {
        case .settings:
            w.settings(account: account, eventID: event.eventID, state.settings)
            return outcome
        case .created: index = state.leads.count - 1
        case .sourceChanged(let id, _), .statusChanged(let id, _, _), .deleted(let id): index = state.positions[id]!
        }
        let lead = state.leads[index]
        let after = RecordFacts(
            office: intern(lead.office, account, &w), campaign: intern(lead.campaign, account, &w),
            user: intern(lead.user, account, &w), occurrenceUser: intern(lead.history[lead.history.count - 1].user, account, &w),
            leadType: lead.leadType, source: lead.source, status: lead.status, initialStatus: lead.initialStatus,
            deleted: lead.deleted, createdDay: lead.createdDay, occurrences: UInt32(lead.history.count),
            createdAt: lead.createdAt, statusAt: lead.statusAt)
        if let before {
            let b = RecordBefore(
                source: before.source, user: intern(before.user, account, &w), status: before.status,
                deleted: before.deleted)
            w.updated(account: account, lead: UInt32(index), eventID: event.eventID, before: b, after: after)
        } else {
            w.created(account: account, lead: UInt32(index), eventID: event.eventID, leadID: lead.leadID, after: after)
        }
        return outcome
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
            }
        }
        return refusals
    }
}
