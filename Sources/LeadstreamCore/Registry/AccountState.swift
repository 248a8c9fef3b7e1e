//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// Everything known about one account: settings, leads and the event ids
/// already accepted (ids are scoped to their account, SPEC §1).
public struct AccountState: Sendable {
    public internal(set) var settings = AccountSettings.defaults
    /// The account's own accepted events: its reports' `as_of.seq` and its
    /// live topics' versions. It counts this account only, so a tenant learns
    /// nothing of others' traffic, and it travels with the account.
    public internal(set) var accepted: Int = 0
    /// Every lead ever created, deleted ones included, in creation order.
    public internal(set) var leads = LeadRows()
    /// The names the leads' `NameID`s stand for (offices, users and campaigns
    /// share one table: one rule, SPEC §1), in first-use order, which the
    /// gateway's records carry, so every copy of the account numbers them alike.
    public internal(set) var names = InternTable()
    /// lead_id → index in `leads`. Deleted leads stay: their ids can't be reused. Kept where events are
    /// admitted (offline, the gateway); the aggregator, which merges decided records, keeps none.
    var positions: [String: Int] = [:]
    /// Lead indices by created day (in the current timezone), so a report
    /// reads only the days of its period instead of every lead.
    var byDay: [Day: [Int]] = [:]
    var eventIDs: Set<String> = []

    public init() {}

    /// The lead with this id, deleted or not (where positions are kept: offline, the gateway).
    public func lead(_ id: String) -> Lead? { positions[id].map { leads[$0] } }

    /// Live (not deleted) leads whose created day lies in `from...to`, in creation order.
    public func cohort(from: Day, to: Day) -> [Lead] {
        cohortIndices(from: from, to: to).map { leads[$0] }
    }

    /// The indices in `leads` of the same leads: a report that reads a few of them copies none.
    public func cohortIndices(from: Day, to: Day) -> [Int] {
        var indices: [Int] = []
        byDay.forEachDay(from: from, to: to) { _, list in indices.append(contentsOf: list) }
        indices.sort()
        return indices.filter { !leads[$0].deleted }
    }

    /// Recomputes every lead's created day after a timezone change (SPEC §2:
    /// reports always use the current settings).
    mutating func rebucket() {
        byDay.removeAll(keepingCapacity: true)
        let zone = settings.zone
        for i in leads.indices {
            let day = zone.day(of: leads[i].createdAt)
            leads[i].createdDay = day
            byDay[day, default: []].append(i)
        }
    }

    /// Adds a new lead; `false` (changing nothing) when its id was ever used.
    mutating func insert(_ lead: Lead) -> Bool {
        guard claimPosition(lead.leadID) else { return false }
        append(lead)
        return true
    }

    /// Claims the next row for `leadID`; `false` (changing nothing) when the id was ever used.
    /// One hash of the id: the slot is claimed and checked in a single lookup.
    mutating func claimPosition(_ leadID: String) -> Bool {
        Self.claim(&positions[leadID, default: -1], for: leads.count)
    }

    /// Appends a lead whose position was claimed.
    mutating func append(_ lead: Lead) {
        byDay[lead.createdDay, default: []].append(leads.count)
        leads.append(lead)
    }

    private static func claim(_ slot: inout Int, for index: Int) -> Bool {
        guard slot == -1 else { return false }
        slot = index
        return true
    }
}
