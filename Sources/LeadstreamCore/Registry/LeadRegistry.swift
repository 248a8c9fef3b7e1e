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

    /// Applies one validated event.
    @discardableResult
    public mutating func apply(_ event: Event) -> Outcome {
        let outcome = accounts[event.account, default: AccountState()].apply(event)
        if outcome == .accepted { acceptedCount += 1 }
        return outcome
    }
}

extension AccountState {
    mutating func apply(_ event: Event) -> LeadRegistry.Outcome {
        // One hash on the hot path: claim the id first, give it back if the
        // event is rejected (a rejected event's id is not used up, SPEC §2).
        guard eventIDs.insert(event.eventID).inserted else { return .duplicate }
        if let rejection = applyBody(event) {
            eventIDs.remove(event.eventID)
            return .rejected(rejection)
        }
        accepted += 1
        return .accepted
    }

    /// Applies the event's effect, or says why it can't be applied (changing nothing).
    private mutating func applyBody(_ event: Event) -> Rejection? {
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
            guard insert(Lead(created: created, at: event.occurredAt, day: settings.zone.day(of: event.occurredAt)))
            else {
                return Rejection(
                    .duplicateLead, field: "lead_id", "lead '\(created.leadID)' already exists or was deleted")
            }
            return nil

        case .sourceChanged(let id, let source):
            guard let i = livePosition(id) else { return unknownLead(id) }
            leads[i].source = source
            return nil

        case .statusChanged(let id, let status, let user):
            guard let i = livePosition(id) else { return unknownLead(id) }
            if let user { leads[i].user = user }
            if status != leads[i].status {
                leads[i].history.append(StatusOccurrence(status: status, user: leads[i].user, at: event.occurredAt))
            }
            return nil

        case .deleted(let id):
            guard let i = livePosition(id) else { return unknownLead(id) }
            leads[i].deleted = true
            return nil
        }
    }

    private func livePosition(_ id: String) -> Int? {
        guard let i = positions[id], !leads[i].deleted else { return nil }
        return i
    }

    private func unknownLead(_ id: String) -> Rejection {
        Rejection(.unknownLead, field: "lead_id", "lead '\(id)' does not exist")
    }
}
