//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// A new lead's facts with names: a created record (`RecordFacts`) once its
/// ids are looked up, or a checkpointed row.
public struct LeadFacts: Hashable, Sendable {
    public var leadID: String
    public var office: String
    public var campaign: String
    public var leadType: LeadType
    public var createdAt: Timestamp
    public var createdDay: Day
    public var source: Source
    public var user: String
    public var status: LeadStatus
    public var initialStatus: LeadStatus
    public var statusAt: Timestamp
    public var occurrences: Int
    public var occurrenceUser: String
    public var deleted: Bool

    public init(
        leadID: String, office: String, campaign: String, leadType: LeadType, createdAt: Timestamp, createdDay: Day,
        source: Source, user: String, status: LeadStatus, initialStatus: LeadStatus, statusAt: Timestamp,
        occurrences: Int, occurrenceUser: String, deleted: Bool
    ) {
        self.leadID = leadID
        self.office = office
        self.campaign = campaign
        self.leadType = leadType
        self.createdAt = createdAt
        self.createdDay = createdDay
        self.source = source
        self.user = user
        self.status = status
        self.initialStatus = initialStatus
        self.statusAt = statusAt
        self.occurrences = occurrences
        self.occurrenceUser = occurrenceUser
        self.deleted = deleted
    }
}

extension Lead {
    /// A new lead as the facts of its creation describe it.
    init(created facts: LeadFacts) {
        leadID = facts.leadID
        office = facts.office
        campaign = facts.campaign
        leadType = facts.leadType
        createdAt = facts.createdAt
        createdDay = facts.createdDay
        source = facts.source
        user = facts.user
        deleted = facts.deleted
        history = [StatusOccurrence(status: facts.initialStatus, user: facts.occurrenceUser, at: facts.statusAt)]
    }
}
