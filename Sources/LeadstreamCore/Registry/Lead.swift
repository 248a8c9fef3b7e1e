//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// One lead as the reports see it: what was fixed at creation, what is
/// current, and its status history (SPEC §2, §4).
public struct Lead: Hashable, Sendable {
    public var leadID: String
    // Fixed at creation.
    public var office: String
    /// `""` when none.
    public var campaign: String
    public var leadType: LeadType
    public var createdAt: Timestamp
    /// The calendar day of `createdAt` in the account's *current* timezone;
    /// recomputed when the timezone changes.
    public var createdDay: Day
    // Current.
    public var source: Source
    /// `""` when unassigned.
    public var user: String
    public var deleted: Bool
    /// The initial status followed by every accepted change to a different status.
    public var history: [StatusOccurrence]

    public init(created event: LeadCreated, at: Timestamp, day: Day) {
        leadID = event.leadID
        office = event.office
        campaign = event.campaign
        leadType = event.leadType
        createdAt = at
        createdDay = day
        source = event.source
        user = event.user
        deleted = false
        history = [StatusOccurrence(status: event.status, user: event.user, at: at)]
    }

    /// A lead as stored elsewhere (a created record, a checkpointed row): every field as given.
    init(
        leadID: String, office: String, campaign: String, leadType: LeadType, createdAt: Timestamp, createdDay: Day,
        source: Source, user: String, deleted: Bool, history: [StatusOccurrence]
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
    /// `""` when unassigned.
    public var user: String
    public var at: Timestamp

    public init(status: LeadStatus, user: String, at: Timestamp) {
        self.status = status
        self.user = user
        self.at = at
    }
}
