//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// The cell a live lead counts in, within its created day: every dimension the
/// summary figures group or filter by (SPEC §6–§8).
///
/// This is the one place that says how a lead is counted. Offline reports sum
/// cells of their own rows, workers turn changes into signed cell counts, and
/// the aggregator sums those: the same rule everywhere.
public struct CountKey: Hashable, Sendable {
    public var office: String
    public var user: String
    public var campaign: String
    public var source: Source
    public var status: LeadStatus
    public var initialStatus: LeadStatus
    public var leadType: LeadType

    public init(
        office: String, user: String, campaign: String, source: Source, status: LeadStatus, initialStatus: LeadStatus,
        leadType: LeadType
    ) {
        self.office = office
        self.user = user
        self.campaign = campaign
        self.source = source
        self.status = status
        self.initialStatus = initialStatus
        self.leadType = leadType
    }

    /// The cell of a lead, named from its account's table; `nil` for a deleted one (it counts nowhere).
    public init?(_ lead: Lead, names: InternTable) {
        guard !lead.deleted else { return nil }
        self.init(
            office: names.name(lead.office), user: names.name(lead.user), campaign: names.name(lead.campaign),
            source: lead.source, status: lead.status, initialStatus: lead.initialStatus, leadType: lead.leadType)
    }
}

/// A cell without its names: what the executive report and the widget read.
public struct CellKind: Hashable, Sendable {
    public var source: Source
    public var status: LeadStatus
    public var initialStatus: LeadStatus
    public var leadType: LeadType
}

/// Anything that can say how many live leads of each cell were created on the
/// days of a period: an account's rows (offline) or its tally (online).
public protocol LeadCounting {
    /// Calls `body` with cells of leads created in `from...to` and their counts;
    /// a cell may come more than once (the counts add up), in no fixed order.
    func forEachCell(from: Day, to: Day, _ body: (CountKey, Int) -> Void)

    /// The same cells without their names, of `office`'s leads only when given: a
    /// tally need not name a cell (three strings) for a report that reads none.
    func forEachCellKind(from: Day, to: Day, office: String?, _ body: (CellKind, Int) -> Void)

    /// The period's counts by office, user and current status, each triple once: the dashboard's summary
    /// without filters. A tally sums its cells by ids first and names each (office, user) once.
    func forEachOfficeUserStatus(from: Day, to: Day, _ body: (String, String, LeadStatus, Int) -> Void)
}

extension LeadCounting {
    public func forEachOfficeUserStatus(from: Day, to: Day, _ body: (String, String, LeadStatus, Int) -> Void) {
        forEachCell(from: from, to: to) { key, n in body(key.office, key.user, key.status, n) }
    }

    public func forEachCellKind(from: Day, to: Day, office: String?, _ body: (CellKind, Int) -> Void) {
        forEachCell(from: from, to: to) { key, n in
            guard office == nil || key.office == office else { return }
            body(
                CellKind(source: key.source, status: key.status, initialStatus: key.initialStatus, leadType: key.leadType), n)
        }
    }
}

extension AccountState: LeadCounting {
    public func forEachCell(from: Day, to: Day, _ body: (CountKey, Int) -> Void) {
        for i in cohortIndices(from: from, to: to) {
            if let key = CountKey(leads[i], names: names) { body(key, 1) }
        }
    }
}
