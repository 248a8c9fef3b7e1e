//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// The lead state of every account after a sequence of events: the one
/// implementation of SPEC §2's duplicate and lead-state rules.
///
/// Events are applied in arrival order (the journal's order online, the
/// file's order offline); each is accepted, acknowledged as a duplicate, or
/// rejected without changing anything.
public struct LeadRegistry: Sendable {
    public internal(set) var accounts: [String: AccountState] = [:]
    /// Accepted events so far, over all accounts: the journal's sequence
    /// (online, the merged prefix). Reports carry each account's own count.
    public internal(set) var acceptedCount: Int = 0

    public init() {}

    /// What became of one event.
    public enum Outcome: Hashable, Sendable {
        case accepted
        /// Its `event_id` was already accepted for the account: no effect.
        case duplicate
        case rejected(Rejection)
    }

    /// The account's state; an empty one (UTC, defaults) for an account never seen.
    public func account(_ name: String) -> AccountState { accounts[name] ?? AccountState() }

    /// The registry without lead rows, positions or event ids: every account's settings, accepted count
    /// and names, which is all a report summed from a tally reads of it. A cheap copy to hand over.
    public func withoutRows() -> LeadRegistry {
        var r = LeadRegistry()
        r.acceptedCount = acceptedCount
        for (name, state) in accounts {
            var bare = AccountState()
            bare.settings = state.settings
            bare.accepted = state.accepted
            bare.names = state.names
            r.accounts[name] = bare
        }
        return r
    }

    /// Applies one validated event.
    @discardableResult
    public mutating func apply(_ event: Event) -> Outcome {
        let outcome = accounts[event.account, default: AccountState()].apply(event)
        if outcome == .accepted { acceptedCount += 1 }
        return outcome
    }
}

extension LeadRegistry {
    /// What `applyCapturing` saw of the event's lead: before and after it.
    struct Captured {
        var outcome: Outcome
        /// The lead's index in its account's rows, -1 for settings or an unknown lead.
        var index = -1
        /// The lead before the event, `nil` for a creation or settings.
        var before: Lead?
        /// The lead (or, for settings, the account's settings) after an accepted event.
        var after: Lead?
        var settings = AccountSettings.defaults
        /// Names the event was the first to use, in id order from `firstNewName`: the record's definitions.
        var newNames: ArraySlice<String> = []
        var firstNewName: NameID = 0
    }

    /// `apply` for the gateway's recorder: the same rules, with the lead before
    /// and after taken in the same visit to the account (one hash of its name).
    mutating func applyCapturing(_ event: Event) -> Captured {
        let captured = accounts[event.account, default: AccountState()].applyCapturing(event)
        if captured.outcome == .accepted { acceptedCount += 1 }
        return captured
    }
}

extension AccountState {
    mutating func applyCapturing(_ event: Event) -> LeadRegistry.Captured {
        var c = LeadRegistry.Captured(outcome: .accepted)
        switch event.body {
        case .settings, .created: break
        case .sourceChanged(let id, _), .statusChanged(let id, _, _), .deleted(let id):
            if let i = positions[id] {
                c.index = i
                c.before = leads[i]
            }
        }
        let known = names.count
        c.outcome = apply(event, knownPosition: c.index)
        guard c.outcome == .accepted else { return c }
        if names.count > known {
            c.firstNewName = NameID(known)
            c.newNames = names.names[known...]
        }
        if case .created = event.body { c.index = leads.count - 1 }
        if c.index >= 0 { c.after = leads[c.index] }
        c.settings = settings
        return c
    }

    /// - Parameter knownPosition: the lead's index when the caller looked it up already (-1: look it up).
    mutating func apply(_ event: Event, knownPosition: Int = -1) -> LeadRegistry.Outcome {
        // One hash on the hot path: claim the id first, give it back if the
        // event is rejected (a rejected event's id is not used up, SPEC §2).
        guard eventIDs.insert(event.eventID).inserted else { return .duplicate }
        if let rejection = applyBody(event, knownPosition: knownPosition) {
            eventIDs.remove(event.eventID)
            return .rejected(rejection)
        }
        accepted += 1
        return .accepted
    }

    /// Applies the event's effect, or says why it can't be applied (changing nothing).
    private mutating func applyBody(_ event: Event, knownPosition: Int) -> Rejection? {
        switch event.body {
        case .settings(let change):
            if let name = change.timezone, let zone = Zone.named(name), zone != settings.zone {
                settings.zone = zone
                rebucket()
            }
            if let enabled = change.unqualifiedEnabled { settings.unqualifiedEnabled = enabled }
            if let active = change.activeSources { settings.activeSources = active }
            return nil

        case .created(let created):
            // The position first: a refused event interns no name.
            guard claimPosition(created.leadID) else {
                return Rejection(
                    .duplicateLead, field: "lead_id", "lead '\(created.leadID)' already exists or was deleted")
            }
            let office = names.intern(created.office).id, campaign = names.intern(created.campaign).id
            let user = names.intern(created.user).id
            append(
                Lead(
                    leadID: created.leadID, office: office, campaign: campaign, leadType: created.leadType,
                    createdAt: event.occurredAt, createdDay: settings.zone.day(of: event.occurredAt),
                    source: created.source, user: user, deleted: false,
                    history: [StatusOccurrence(status: created.status, user: user, at: event.occurredAt)]))
            return nil

        case .sourceChanged(let id, let source):
            guard let i = livePosition(id, known: knownPosition) else { return unknownLead(id) }
            leads[i].source = source
            return nil

        case .statusChanged(let id, let status, let user):
            guard let i = livePosition(id, known: knownPosition) else { return unknownLead(id) }
            if let user { leads[i].user = names.intern(user).id }
            if status != leads[i].status {
                leads[i].history.append(StatusOccurrence(status: status, user: leads[i].user, at: event.occurredAt))
            }
            return nil

        case .deleted(let id):
            guard let i = livePosition(id, known: knownPosition) else { return unknownLead(id) }
            leads[i].deleted = true
            return nil
        }
    }

    private func livePosition(_ id: String, known: Int = -1) -> Int? {
        guard let i = known >= 0 ? known : positions[id], !leads[i].deleted else { return nil }
        return i
    }

    private func unknownLead(_ id: String) -> Rejection {
        Rejection(.unknownLead, field: "lead_id", "lead '\(id)' does not exist")
    }
}
