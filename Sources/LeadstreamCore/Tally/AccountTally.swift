//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// Live-lead counts of one account by created day and cell: what the workers'
/// partial counts add up to. A period's figures cost its days × cells, not its leads.
public struct AccountTally: LeadCounting, Sendable, Equatable {
    /// Only non-zero counts are kept, so two tallies of the same leads are equal.
    public private(set) var days: [Day: [CountKey: Int]] = [:]

    public init() {}

    /// The tally of an account's rows: what every delta since its creation sums to.
    public init(_ state: AccountState) {
        for lead in state.leads {
            if let key = CountKey(lead) { add(lead.createdDay, key, 1) }
        }
    }

    public mutating func add(_ day: Day, _ key: CountKey, _ n: Int) {
        guard n != 0 else { return }
        var cells = days.removeValue(forKey: day) ?? [:]
        let total = cells[key, default: 0] + n
        cells[key] = total == 0 ? nil : total
        if !cells.isEmpty { days[day] = cells }
    }

    public func forEachCell(from: Day, to: Day, _ body: (CountKey, Int) -> Void) {
        days.forEachDay(from: from, to: to) { _, cells in for (k, n) in cells { body(k, n) } }
    }
}

/// A signed count for one cell of one account's day: what a worker emits.
public struct TallyDelta: Hashable, Sendable {
    public var account: String
    public var day: Day
    public var key: CountKey
    public var count: Int

    public init(account: String, day: Day, key: CountKey, count: Int) {
        self.account = account
        self.day = day
        self.key = key
        self.count = count
    }

    /// The deltas of a run of changes, summed per cell (zero sums left out):
    /// each lead change takes its lead out of the cell it was in and puts it in
    /// the cell it is in now. Settings changes count nothing here; the consumer
    /// re-buckets the account's rows on a timezone change.
    private struct Cell: Hashable {
        var account: String
        var day: Day
        var key: CountKey
    }

    public static func of(_ changes: some Sequence<LeadChange>) -> [TallyDelta] {
        var sums: [Cell: Int] = [:]
        for change in changes {
            guard case .lead(let before, let after) = change.kind else { continue }
            if let before, let key = CountKey(before) {
                sums[Cell(account: change.account, day: before.createdDay, key: key), default: 0] -= 1
            }
            if let key = CountKey(after) {
                sums[Cell(account: change.account, day: after.createdDay, key: key), default: 0] += 1
            }
        }
        return sums.compactMap { cell, n in
            n == 0 ? nil : TallyDelta(account: cell.account, day: cell.day, key: cell.key, count: n)
        }
    }
}
