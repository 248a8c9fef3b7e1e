//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

extension LeadRegistry {
    /// Applies one change recorded by `applyRecording`, in sequence order: how
    /// the aggregator keeps the same lead rows as the gateway's registry without
    /// the events or their rules (the gateway already decided every outcome).
    ///
    /// Every accepted event makes exactly one change, so after merging changes
    /// 1...n, `acceptedCount` is n, as it is offline after n accepted events,
    /// and each account's `accepted` is the number of those that are its own.
    /// Returns `true` when the change moved the account's leads to other days
    /// (a timezone change): counts kept by created day must be rebuilt.
    @discardableResult
    public mutating func merge(_ change: LeadChange) -> Bool {
        acceptedCount = max(acceptedCount, Int(change.sequence))
        return accounts[change.account, default: AccountState()].merge(change.kind)
    }
}

extension Lead {
    /// A new lead as the facts of its creation describe it.
    init(created facts: LeadFacts) {
        leadID = facts.leadID
        office = facts.office
        campaign = facts.campaign
        leadType = facts.leadType
        createdAt = facts.createdAt
        createdDay = facts.createdDay
        source = facts.source
        user = facts.user
        deleted = facts.deleted
        history = [StatusOccurrence(status: facts.initialStatus, user: facts.occurrenceUser, at: facts.statusAt)]
    }
}

extension AccountState {
    mutating func merge(_ kind: LeadChange.Kind) -> Bool {
        accepted += 1
        switch kind {
        case .settings(let new):
            let moved = new.zone != settings.zone
            settings = new
            if moved { rebucket() }
            return moved
        case .lead(nil, let after):
            _ = insert(Lead(created: after))
            return false
        case .lead(_, let after):
            guard let i = positions[after.leadID] else { return false }
            leads[i].source = after.source
            leads[i].user = after.user
            leads[i].deleted = after.deleted
            if after.occurrences > leads[i].history.count {
                leads[i].history.append(StatusOccurrence(status: after.status, user: after.occurrenceUser, at: after.statusAt))
            }
            return false
        }
    }
}
