//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// A cell without its people or campaign: what the executive report and the widget read.
public struct CellKind: Hashable, Sendable {
    public var source: Source
    public var status: LeadStatus
    public var initialStatus: LeadStatus
    public var leadType: LeadType
}

/// Anything that can say how many live leads of each cell were created on the
/// days of a period: an account's rows (offline) or its tally (online).
///
/// Both give cells by ids (`CellKey`) with the account's names, and every
/// report reads them through the one implementation below: filters compare
/// ids, and a name is looked up once per (office, user) a report shows, never
/// per lead.
public protocol LeadCounting {
    /// The account's names, which the cells' ids stand for.
    var names: InternTable { get }

    /// Calls `body` with cells of leads created in `from...to` and their counts;
    /// a cell may come more than once (the counts add up), in no fixed order.
    func forEachCellKey(from: Day, to: Day, _ body: (CellKey, Int) -> Void)
}

extension LeadCounting {
    /// The cells without their people or campaign, of `office`'s leads only when given.
    public func forEachCellKind(from: Day, to: Day, office: String?, _ body: (CellKind, Int) -> Void) {
        var officeID: NameID?
        if let office {
            guard let id = names.id(office) else { return }  // an office with no lead has no cell
            officeID = id
        }
        forEachCellKey(from: from, to: to) { cell, n in
            guard officeID == nil || cell.office == officeID else { return }
            body(
                CellKind(source: cell.source, status: cell.status, initialStatus: cell.initialStatus, leadType: cell.leadType),
                n)
        }
    }

    /// The period's counts of the cells `admits` passes, by office, user and current status, each triple once
    /// (the dashboard's summary): summed by ids first, then each (office, user) named once.
    public func forEachOfficeUserStatus(
        from: Day, to: Day, where admits: (CellKey) -> Bool = { _ in true },
        _ body: (String, String, LeadStatus, Int) -> Void
    ) {
        var sums: [PeopleStatus: Int] = [:]
        forEachCellKey(from: from, to: to) { cell, n in
            if admits(cell) { sums[PeopleStatus(people: cell.people, status: cell.status), default: 0] += n }
        }
        for (key, n) in sums where n != 0 {
            body(
                names.name(NameID(truncatingIfNeeded: key.people >> 32)),
                names.name(NameID(truncatingIfNeeded: key.people)), key.status, n)
        }
    }
}

private struct PeopleStatus: Hashable {
    var people: UInt64
    var status: LeadStatus
}

extension AccountState: LeadCounting {
    /// Counts the period's rows: each live lead once, in the cell it is in now.
    public func forEachCellKey(from: Day, to: Day, _ body: (CellKey, Int) -> Void) {
        for i in cohortIndices(from: from, to: to) {
            if let cell = CellKey(leads[i]) { body(cell, 1) }
        }
    }
}
