//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// An id in an account's name table (`AccountState.names`): an office, a
/// user or a campaign. 0 is `""`: no user, no campaign.
public typealias NameID = UInt32

/// One lead as the reports see it: what was fixed at creation, what is
/// current, and its status history (SPEC §2, §4).
///
/// Names are ids in the account's table, so a row holds no `String` but its
/// own id: copying, comparing and updating one touches no reference count,
/// and an account's rows take a fraction of the memory. Reports name what
/// they show through the table.
public struct Lead: Hashable, Sendable {
    // Stored widest first, so a row packs into 56 bytes.
    public var leadID: String
    /// Fixed at creation.
    public var createdAt: Timestamp
    /// The initial status followed by every accepted change to a different status.
    public var history: [StatusOccurrence]
    /// Fixed at creation.
    public var office: NameID
    /// Fixed at creation; 0 when none.
    public var campaign: NameID
    /// Current; 0 when unassigned.
    public var user: NameID
    /// The calendar day of `createdAt` in the account's *current* timezone;
    /// recomputed when the timezone changes.
    public var createdDay: Day
    /// Fixed at creation.
    public var leadType: LeadType
    /// Current.
    public var source: Source
    public var deleted: Bool

    /// A lead as stored elsewhere (a created event, a record, a checkpointed row): every field as given.
    public init(
        leadID: String, office: NameID, campaign: NameID, leadType: LeadType, createdAt: Timestamp, createdDay: Day,
        source: Source, user: NameID, deleted: Bool, history: [StatusOccurrence]
    ) {
        self.leadID = leadID
        self.office = office
        self.campaign = campaign
        self.leadType = leadType
        self.createdAt = createdAt
        self.createdDay = createdDay
        self.source = source
        self.user = user
        self.deleted = deleted
        self.history = history
    }

    /// The status the lead arrived with (the widget counts `unqualified` ones).
    public var initialStatus: LeadStatus { history[0].status }
    /// The current status: the last occurrence's.
    public var status: LeadStatus { history[history.count - 1].status }
    /// When the last occurrence happened (arrival order, not the latest clock time).
    public var statusAt: Timestamp { history[history.count - 1].at }
}

/// One entry of a lead's status history, attributed to the lead's assignee
/// right after the event that made it (SPEC §4).
public struct StatusOccurrence: Hashable, Sendable {
    public var status: LeadStatus
    /// 0 when unassigned.
    public var user: NameID
    public var at: Timestamp

    public init(status: LeadStatus, user: NameID, at: Timestamp) {
        self.status = status
        self.user = user
        self.at = at
    }
}
