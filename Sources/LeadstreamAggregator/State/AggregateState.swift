//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// What the aggregator knows: every account's lead rows (for the dashboard's
/// list, tree and history) and count tally (for the executive report and the
/// widget), as of the merged prefix of the journal.
struct AggregateState: Sendable {
    private(set) var registry = LeadRegistry()
    private(set) var tallies: [String: AccountTally] = [:]

    init() {}

    /// Resumes from checkpointed rows; the tallies are rebuilt from them.
    init(registry: LeadRegistry) {
        self.registry = registry
        for (name, state) in registry.accounts { tallies[name] = AccountTally(state) }
    }

    var merged: UInt64 { UInt64(registry.acceptedCount) }

    /// Merges one in-order batch: rows from its changes, counts from the
    /// worker's deltas (or recomputed), and says which days it touched.
    mutating func merge(_ batch: ChangeBatch, touched: inout TouchedDays) {
        var moved: Set<String> = []
        for change in batch.changes {
            if registry.merge(change) { moved.insert(change.account) }
            switch change.kind {
            case .lead(let before, let after):
                if let before { touched.add(change.account, before.createdDay) }
                touched.add(change.account, after.createdDay)
            case .settings:
                touched.addAll(change.account)
            }
        }
        for d in batch.deltas ?? TallyDelta.of(batch.changes) where !moved.contains(d.account) {
            tallies[d.account, default: AccountTally()].add(d.day, d.key, d.count)
        }
        // A timezone change moved the account's leads to other days: count them again.
        for account in moved { tallies[account] = AccountTally(registry.account(account)) }
    }

    func run(_ request: ReportRequest) throws(Rejection) -> ReportResult {
        try registry.run(request, tally: tallies[request.account] ?? AccountTally())
    }
}

/// Created days touched by merged changes, per account: what to publish again.
struct TouchedDays {
    private(set) var days: [String: Set<Day>] = [:]
    /// Accounts whose every topic changed (settings).
    private(set) var whole: Set<String> = []

    mutating func add(_ account: String, _ day: Day) { days[account, default: []].insert(day) }
    mutating func addAll(_ account: String) { whole.insert(account) }
    var isEmpty: Bool { days.isEmpty && whole.isEmpty }
}
