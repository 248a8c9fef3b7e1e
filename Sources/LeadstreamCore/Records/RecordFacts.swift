//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// A lead as the reports count it, at one moment, with its names as ids of
/// the account's table (`NameID`): what a record says a lead is after its event. Fixed-size,
/// so a worker reads it without building a `String`.
public struct RecordFacts: Hashable, Sendable {
    public var office: UInt32
    /// 0 when none.
    public var campaign: UInt32
    /// 0 when unassigned.
    public var user: UInt32
    /// The attributed user of the last occurrence (history mode counts under it).
    public var occurrenceUser: UInt32
    public var leadType: LeadType
    public var source: Source
    public var status: LeadStatus
    public var initialStatus: LeadStatus
    public var deleted: Bool
    /// The created day in the account's timezone when the event was applied.
    public var createdDay: Day
    /// Length of the status history: it grows by one when the event made an occurrence.
    public var occurrences: UInt32
    public var createdAt: Timestamp
    public var statusAt: Timestamp

    public init(
        office: UInt32, campaign: UInt32, user: UInt32, occurrenceUser: UInt32, leadType: LeadType, source: Source,
        status: LeadStatus, initialStatus: LeadStatus, deleted: Bool, createdDay: Day, occurrences: UInt32,
        createdAt: Timestamp, statusAt: Timestamp
    ) {
        self.office = office
        self.campaign = campaign
        self.user = user
        self.occurrenceUser = occurrenceUser
        self.leadType = leadType
        self.source = source
        self.status = status
        self.initialStatus = initialStatus
        self.deleted = deleted
        self.createdDay = createdDay
        self.occurrences = occurrences
        self.createdAt = createdAt
        self.statusAt = statusAt
    }

    /// The cell the lead counts in, `nil` when deleted (it counts nowhere).
    @inlinable public var cell: CellKey? {
        deleted
            ? nil
            : CellKey(
                office: office, user: user, campaign: campaign, source: source, status: status,
                initialStatus: initialStatus, leadType: leadType)
    }

    /// The facts an update left as they were, with what it may change from `before`.
    public func with(_ before: RecordBefore) -> RecordFacts {
        var f = self
        f.source = before.source
        f.user = before.user
        f.status = before.status
        f.deleted = before.deleted
        return f
    }
}

/// What an update may change of a lead's cell, as it was before the event:
/// everything else about a lead is fixed at creation (or moves only with a
/// timezone change, which is a settings record).
public struct RecordBefore: Hashable, Sendable {
    public var source: Source
    public var user: UInt32
    public var status: LeadStatus
    public var deleted: Bool

    public init(source: Source, user: UInt32, status: LeadStatus, deleted: Bool) {
        self.source = source
        self.user = user
        self.status = status
        self.deleted = deleted
    }
}

/// The cell a live lead counts in within its created day, by interned ids:
/// every dimension the summary figures group or filter by (SPEC §6–§8).
///
/// Two words, so hashing a cell costs two multiplies instead of hashing three
/// strings. Reports name a cell's ids through the account's table.
public struct CellKey: Hashable, Sendable {
    /// office << 32 | user.
    public var people: UInt64
    /// campaign << 32 | source << 24 | status << 16 | initial status << 8 | lead type.
    public var rest: UInt64

    @inlinable
    public init(
        office: UInt32, user: UInt32, campaign: UInt32, source: Source, status: LeadStatus,
        initialStatus: LeadStatus, leadType: LeadType
    ) {
        people = UInt64(office) << 32 | UInt64(user)
        rest =
            UInt64(campaign) << 32 | UInt64(source.rawValue) << 24 | UInt64(status.rawValue) << 16
            | UInt64(initialStatus.rawValue) << 8 | UInt64(leadType.rawValue)
    }

    public var office: UInt32 { UInt32(truncatingIfNeeded: people >> 32) }
    public var user: UInt32 { UInt32(truncatingIfNeeded: people) }
    public var campaign: UInt32 { UInt32(truncatingIfNeeded: rest >> 32) }
    public var source: Source { Source(rawValue: UInt8(truncatingIfNeeded: rest >> 24)) ?? .other }
    public var status: LeadStatus { LeadStatus(rawValue: UInt8(truncatingIfNeeded: rest >> 16)) ?? .new }
    public var initialStatus: LeadStatus { LeadStatus(rawValue: UInt8(truncatingIfNeeded: rest >> 8)) ?? .new }
    public var leadType: LeadType { LeadType(rawValue: UInt8(truncatingIfNeeded: rest)) ?? .contact }

    /// The cell a lead counts in now; `nil` for a deleted one (it counts nowhere).
    public init?(_ lead: Lead) {
        guard !lead.deleted else { return nil }
        self.init(
            office: lead.office, user: lead.user, campaign: lead.campaign, source: lead.source, status: lead.status,
            initialStatus: lead.initialStatus, leadType: lead.leadType)
    }
}
