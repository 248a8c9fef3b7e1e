//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// Live-lead counts of one account by created day and cell (interned ids):
/// what the workers' partial counts add up to. A period's figures cost its
/// days × cells, not its leads.
public struct AccountTally: Sendable, Equatable {
    /// Only non-zero counts are kept, so two tallies of the same leads are equal.
    public private(set) var days: [Day: [CellKey: Int]] = [:]

    public init() {}

    /// The tally of an account's rows: what every delta since its creation sums to.
    public init(_ state: AccountState) {
        for lead in state.leads {
            if let cell = CellKey(lead) { add(lead.createdDay, cell, 1) }
        }
    }

    public mutating func add(_ day: Day, _ cell: CellKey, _ n: Int) {
        guard n != 0 else { return }
        if Self.add(&days[day, default: [:]], cell, n) { days[day] = nil }
    }

    /// Adds in place (one hash of the cell); `true` when the day has no cell left.
    private static func add(_ cells: inout [CellKey: Int], _ cell: CellKey, _ n: Int) -> Bool {
        guard bump(&cells[cell, default: 0], by: n) else { return false }
        cells[cell] = nil
        return cells.isEmpty
    }

    /// `true` when the count became zero.
    private static func bump(_ count: inout Int, by n: Int) -> Bool {
        count += n
        return count == 0
    }

    /// The tally as the report code reads it: cells with names.
    public func named(_ names: InternTable) -> NamedTally { NamedTally(tally: self, names: names) }
}

/// An account's tally with its names: `LeadCounting` for the reports.
public struct NamedTally: LeadCounting, Sendable {
    public var tally: AccountTally
    public var names: InternTable

    public func forEachCellKey(from: Day, to: Day, _ body: (CellKey, Int) -> Void) {
        tally.days.forEachDay(from: from, to: to) { _, cells in
            for (cell, n) in cells { body(cell, n) }
        }
    }
}

/// A signed count for one cell of one account's day: what a worker emits.
public struct CellDelta: Hashable, Sendable {
    public var account: UInt32
    public var day: Day
    public var cell: CellKey
    public var count: Int32

    public init(account: UInt32, day: Day, cell: CellKey, count: Int32) {
        self.account = account
        self.day = day
        self.cell = cell
        self.count = count
    }

    private struct Place: Hashable {
        var account: UInt32
        var day: Day
        var cell: CellKey
    }

    /// The deltas of a block's events from sequence `from` on (the block starts
    /// at `first`), summed per cell (zero sums left out): each lead event takes
    /// its lead out of the cell it was in and puts it in the cell it is in now.
    /// Settings count nothing here: the aggregator re-buckets the account's
    /// rows on a timezone change.
    public static func of(_ block: RecordBlock, first: UInt64, from: UInt64 = 0) -> [CellDelta] {
        var sums: [Place: Int32] = [:]
        sums.reserveCapacity(block.events)
        var seq = first
        block.forEach { entry in
            switch entry {
            case .account, .name, .erasedAccount: return
            case .settings, .erased: break
            case .created(let account, _, _, _, let after):
                if seq >= from, let cell = after.cell {
                    sums[Place(account: account, day: after.createdDay, cell: cell), default: 0] += 1
                }
            case .updated(let account, _, _, let before, let after):
                if seq >= from {
                    if let cell = after.with(before).cell {
                        sums[Place(account: account, day: after.createdDay, cell: cell), default: 0] -= 1
                    }
                    if let cell = after.cell {
                        sums[Place(account: account, day: after.createdDay, cell: cell), default: 0] += 1
                    }
                }
            }
            seq += 1
        }
        return sums.compactMap { place, n in
            n == 0 ? nil : CellDelta(account: place.account, day: place.day, cell: place.cell, count: n)
        }
    }
}
