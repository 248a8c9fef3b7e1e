//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// The gateway's state: the lead registry (SPEC §2's rules, the same code
/// offline mode runs, which interns each account's names) and the accounts'
/// ids, and the one place an accepted event becomes its record.
public struct RecordingRegistry: Sendable {
    public private(set) var registry = LeadRegistry()
    public private(set) var names = InternedNames()

    public init() {}

    /// A decoded checkpoint (`GatewayStateCodec`).
    init(registry: LeadRegistry, names: InternedNames) {
        self.registry = registry
        self.names = names
    }

    /// Applies one validated event like `LeadRegistry.apply`; when it is
    /// accepted, writes its record to `w`, after the definitions of any name
    /// it is the first to use.
    public mutating func apply(_ event: Event, recording w: inout RecordWriter) -> LeadRegistry.Outcome {
        let c = registry.applyCapturing(event)
        guard c.outcome == .accepted else { return c.outcome }
        let (account, isNew) = names.internAccount(event.account)
        if isNew { w.account(account, event.account) }
        for (offset, name) in c.newNames.enumerated() {
            w.name(c.firstNewName + NameID(offset), name, account: account)
        }
        guard let lead = c.after else {
            w.settings(account: account, eventID: event.eventID, c.settings)
            return c.outcome
        }
        let after = RecordFacts(
            office: lead.office, campaign: lead.campaign, user: lead.user,
            occurrenceUser: lead.history[lead.history.count - 1].user, leadType: lead.leadType, source: lead.source,
            status: lead.status, initialStatus: lead.initialStatus, deleted: lead.deleted,
            createdDay: lead.createdDay, occurrences: UInt32(lead.history.count), createdAt: lead.createdAt,
            statusAt: lead.statusAt)
        if let before = c.before {
            let b = RecordBefore(source: before.source, user: before.user, status: before.status, deleted: before.deleted)
            w.updated(account: account, lead: UInt32(c.index), eventID: event.eventID, before: b, after: after)
        } else {
            w.created(account: account, lead: UInt32(c.index), eventID: event.eventID, leadID: lead.leadID, after: after)
        }
        return c.outcome
    }

    /// Forgets an account (tenant erasure): its state, its event ids (so an event id it sent may be accepted
    /// again), its name's id. Returns the id it had, `nil` for an account this registry does not know.
    @discardableResult
    public mutating func erase(account: String) -> UInt32? {
        let id = names.accounts.id(account)
        guard id != nil || registry.accounts[account] != nil else { return nil }
        registry.erase(account, id: id, names: &names)
        return id
    }

    /// Merges a journaled block (a restart rebuilds the state from the
    /// journal's records, never from the original lines); the refusals, if
    /// any, say what did not fit (a corrupt journal).
    public mutating func replay(_ block: RecordBlock) -> [String] {
        var refusals: [String] = []
        block.forEach { entry in
            if case .refused(let why) = registry.merge(entry, of: block, names: &names, admitting: true) {
                refusals.append(why)
            }
        }
        return refusals
    }
}
