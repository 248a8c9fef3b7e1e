//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// What merging one entry of a block did.
public enum RecordEffect: Sendable, Equatable {
    /// A name definition (it takes no sequence number).
    case definition
    /// A lead event of `account` whose lead was created on `day`.
    case lead(account: UInt32, day: Day)
    /// Settings; `moved` when the timezone changed, moving the account's leads to other days.
    case settings(account: UInt32, moved: Bool)
    /// An erased event's placeholder: it took its sequence number and touched no account.
    case erased
    /// The account `name` of id `id` was erased (an `erasedAccount` entry of a slot this state knew, or its
    /// name defined again under a new id, which the gateway does only after erasing it): its state is gone.
    case accountErased(id: UInt32, name: String)
    /// The entry contradicts the state (a corrupt block, or blocks merged out of order): nothing changed.
    case refused(String)
}

extension LeadRegistry {
    /// Merges one entry of a block, in sequence order: how the gateway's
    /// restart and the aggregator keep the same rows `apply` built, without
    /// the events or their rules (the gateway decided every outcome already).
    ///
    /// Every event record counts as one accepted event, so after merging
    /// events 1...n `acceptedCount` is n and each account's `accepted` its own
    /// share, as offline after n accepted events.
    ///
    /// - Parameter admitting: the state goes on admitting events (a restarting gateway), so it keeps what
    ///   SPEC §2's rules look up: event ids (duplicates) and lead positions (`duplicate_lead`,
    ///   `unknown_lead`). The aggregator merges records whose outcomes are decided and keeps neither.
    public mutating func merge(
        _ entry: RecordEntry, of block: RecordBlock, names: inout InternedNames, admitting: Bool
    ) -> RecordEffect {
        switch entry {
        case .account(let id, let name):
            let text = block.string(name)
            if names.defineAccount(id, text) { return .definition }
            // The gateway gives a name a new id only after erasing the account of its old one.
            guard let old = names.accounts.id(text), old != id, Int(id) == names.accounts.count else {
                return .refused("account \(id) defined twice")
            }
            erase(text, id: old, names: &names)
            return names.defineAccount(id, text) ? .accountErased(id: old, name: text) : .refused("account \(id) defined twice")
        case .erasedAccount(let id):
            let known = Int(id) < names.accounts.count && !names.accounts.isErased(id) ? names.account(id) : nil
            guard names.defineErasedAccount(id) else { return .refused("erased account \(id) out of order") }
            guard let known else { return .definition }
            accounts.removeValue(forKey: known)
            return .accountErased(id: id, name: known)
        case .erased:
            acceptedCount += 1
            return .erased
        case .name(let account, let id, let name):
            guard account != 0, Int(account) < names.accounts.count,
                accounts[names.account(account), default: AccountState()].names.define(id, block.string(name))
            else { return .refused("name \(id) of account \(account) defined twice or before its account") }
            return .definition
        case .created(let account, let lead, let eventID, let leadID, let after):
            let row = Lead(
                leadID: block.string(leadID), office: after.office, campaign: after.campaign,
                leadType: after.leadType, createdAt: after.createdAt, createdDay: after.createdDay,
                source: after.source, user: after.user, deleted: after.deleted,
                history: [StatusOccurrence(status: after.initialStatus, user: after.occurrenceUser, at: after.statusAt)])
            let refusal = accounts[names.account(account), default: AccountState()].mergeCreated(
                row, at: Int(lead), eventID: admitting ? block.string(eventID) : nil, admitting: admitting)
            if let refusal { return .refused(refusal) }
            acceptedCount += 1
            return .lead(account: account, day: after.createdDay)
        case .updated(let account, let lead, let eventID, _, let after):
            // One hash of the account's name: its index, then the state in place.
            guard let slot = accounts.index(forKey: names.account(account)) else {
                return .refused("update of lead \(lead) of unknown account \(account)")
            }
            let refusal = accounts.values[slot].mergeUpdate(
                at: Int(lead), after, eventID: admitting ? block.string(eventID) : nil)
            if let refusal { return .refused(refusal) }
            acceptedCount += 1
            return .lead(account: account, day: after.createdDay)
        case .settings(let account, let eventID, let zoneName, let unqualified, let active):
            guard let zone = Zone.named(block.string(zoneName)) else { return .refused("unknown timezone") }
            let moved = accounts[names.account(account), default: AccountState()].mergeSettings(
                AccountSettings(zone: zone, unqualifiedEnabled: unqualified, activeSources: active),
                eventID: admitting ? block.string(eventID) : nil)
            acceptedCount += 1
            return .settings(account: account, moved: moved)
        }
    }
}

extension LeadRegistry {
    /// Forgets an account (tenant erasure): its rows, event ids, positions, settings, names and count. The
    /// global count stays (its events keep their sequence numbers, as placeholders); its id's slot stays
    /// taken in `names` without the name. Returns whether the account was known.
    @discardableResult
    public mutating func erase(_ account: String, id: UInt32?, names: inout InternedNames) -> Bool {
        if let id { names.eraseAccount(id) }
        return accounts.removeValue(forKey: account) != nil
    }
}

extension AccountState {
    fileprivate mutating func mergeCreated(_ lead: Lead, at index: Int, eventID: String?, admitting: Bool) -> String? {
        guard index == leads.count else { return "lead \(lead.leadID) created at \(index), expected \(leads.count)" }
        if admitting {
            guard insert(lead) else { return "lead \(lead.leadID) created twice" }
        } else {
            append(lead)
        }
        if let eventID { eventIDs.insert(eventID) }
        accepted += 1
        return nil
    }

    fileprivate mutating func mergeUpdate(at i: Int, _ after: RecordFacts, eventID: String?) -> String? {
        guard i < leads.count else { return "update of lead \(i), the account has \(leads.count)" }
        leads[i].source = after.source
        leads[i].user = after.user
        leads[i].deleted = after.deleted
        if Int(after.occurrences) > leads[i].history.count {
            leads[i].history.append(StatusOccurrence(status: after.status, user: after.occurrenceUser, at: after.statusAt))
        }
        if let eventID { eventIDs.insert(eventID) }
        accepted += 1
        return nil
    }

    fileprivate mutating func mergeSettings(_ new: AccountSettings, eventID: String?) -> Bool {
        let moved = new.zone != settings.zone
        settings = new
        if moved { rebucket() }
        if let eventID { eventIDs.insert(eventID) }
        accepted += 1
        return moved
    }
}
