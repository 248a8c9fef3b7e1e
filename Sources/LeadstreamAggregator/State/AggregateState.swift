//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// What the aggregator knows: every account's lead rows (for the dashboard's
/// list, tree and history) and names, the accounts' ids the records carry, and each
/// account's count tally by interned cell (for the executive report, the
/// widget and the summary), as of the merged prefix of the journal.
struct AggregateState: Sendable {
    private(set) var registry = LeadRegistry()
    private(set) var names = InternedNames()
    /// By account id (index 0, the id of no account, stays empty).
    private(set) var tallies: [AccountTally] = [AccountTally()]

    init() {}

    /// Resumes from checkpointed rows and names; the tallies are counted from the rows.
    init(registry: LeadRegistry, names: InternedNames) {
        self.registry = registry
        self.names = names
        tallies = names.accounts.names.indices.map { id in AccountTally(registry.account(names.account(UInt32(id)))) }
    }

    var merged: UInt64 { UInt64(registry.acceptedCount) }

    /// The state without lead rows: enough for every report summed from the tally (`ReportRequest.readsRows`
    /// false), and a hand-over whose later changes copy no row.
    func withoutRows() -> AggregateState {
        var bare = self
        bare.registry = registry.withoutRows()
        return bare
    }

    /// The tally of an account by name; `nil` for an account never seen.
    func tally(of account: String) -> AccountTally? {
        names.accounts.id(account).flatMap { Int($0) < tallies.count ? tallies[Int($0)] : nil }
    }

    /// Merges one in-order batch: rows and names from its records, counts from
    /// the worker's deltas (or counted here for a replayed or trimmed batch),
    /// and says which days it touched. Returns what did not fit, if anything.
    @discardableResult
    mutating func merge(_ batch: ChangeBatch, touched: inout TouchedDays) -> [String] {
        var refusals: [String] = []
        var days: [UInt32: Set<Day>] = [:]
        var moved: Set<UInt32> = []
        var seq = batch.first
        var last: (account: UInt32, day: Day)?  // most records of a block touch the day of the one before
        batch.block.forEach { entry in
            if entry.isEvent {
                defer { seq += 1 }
                guard seq >= batch.from else { return }
            }
            switch registry.merge(entry, of: batch.block, names: &names, admitting: false) {
            case .definition, .erased: break
            case .accountErased(let id, let name):
                if Int(id) < tallies.count { tallies[Int(id)] = AccountTally() }
                days[id] = nil
                moved.remove(id)
                touched.erase(name)
            case .lead(let account, let day):
                if last?.account != account || last?.day != day {
                    days[account, default: []].insert(day)
                    last = (account, day)
                }
            case .settings(let account, let didMove):
                touched.addAll(names.account(account))
                if didMove { moved.insert(account) }
            case .refused(let why): refusals.append(why)
            }
        }
        while tallies.count < names.accounts.count { tallies.append(AccountTally()) }
        for d in batch.deltas ?? CellDelta.of(batch.block, first: batch.first, from: batch.from)
        where !moved.contains(d.account) && Int(d.account) < tallies.count {
            tallies[Int(d.account)].add(d.day, d.cell, Int(d.count))
        }
        // A timezone change moved the account's leads to other days: count them again.
        for account in moved {
            tallies[Int(account)] = AccountTally(registry.account(names.account(account)))
        }
        for (account, set) in days { touched.add(names.account(account), set) }
        return refusals
    }

    /// Forgets an account (tenant erasure): its rows, names, settings, count and tally; its id's slot stays
    /// taken without the name, and the merged sequence stays (its events keep their numbers). Returns whether
    /// the account was merged here.
    @discardableResult
    mutating func erase(_ account: String) -> Bool {
        let id = names.accounts.id(account)
        if let id, Int(id) < tallies.count { tallies[Int(id)] = AccountTally() }
        return registry.erase(account, id: id, names: &names) || id != nil
    }

    /// Replaces an account's rows, names and settings (a repair from the journal) and counts its tally
    /// again from the new rows.
    mutating func replace(_ account: String, id: UInt32, with state: AccountState) {
        registry.replace(account, with: state)
        tallies[Int(id)] = AccountTally(state)
    }

    /// The test hook's damage: one more lead in a tally cell, and a row's current status changed.
    mutating func damage(id: UInt32, day: Day, cell: CellKey, account: String, row: Int, status: LeadStatus) {
        tallies[Int(id)].add(day, cell, 1)
        registry.modifyLead(of: account, at: row) { $0.history[$0.history.count - 1].status = status }
    }

    func run(_ request: ReportRequest) throws(Rejection) -> ReportResult {
        try registry.run(request, tally: namedTally(request.account))
    }

    private func namedTally(_ account: String) -> NamedTally {
        let id = names.accounts.id(account) ?? 0
        return (Int(id) < tallies.count ? tallies[Int(id)] : AccountTally()).named(registry.account(account).names)
    }
}

/// Created days touched by merged records, per account: what to publish again.
struct TouchedDays {
    private(set) var days: [String: Set<Day>] = [:]
    /// Accounts whose every topic changed (settings).
    private(set) var whole: Set<String> = []
    /// Accounts erased: their topics are withdrawn.
    private(set) var erased: Set<String> = []

    mutating func add(_ account: String, _ set: Set<Day>) { days[account, default: []].formUnion(set) }
    mutating func addAll(_ account: String) { whole.insert(account) }
    mutating func erase(_ account: String) {
        erased.insert(account)
        days[account] = nil
        whole.remove(account)
    }
    var isEmpty: Bool { days.isEmpty && whole.isEmpty && erased.isEmpty }
}
