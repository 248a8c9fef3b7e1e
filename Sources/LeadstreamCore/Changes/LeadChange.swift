//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// What one accepted event did, with every fact a stateless report worker
/// needs to turn it into signed partial counts without a lookup: the lead's
/// report-relevant facts before and after (a worker subtracts the one and adds
/// the other), or an account's settings after a settings event.
public struct LeadChange: Hashable, Sendable {
    public var sequence: UInt64
    public var account: String
    public var kind: Kind

    public enum Kind: Hashable, Sendable {
        /// `before` is `nil` for a creation; `after.deleted` is true for a deletion.
        case lead(before: LeadFacts?, after: LeadFacts)
        /// The account's settings after the event. A timezone change moves
        /// every lead of the account to another created day: the consumer re-buckets.
        case settings(AccountSettings)
    }

    public init(sequence: UInt64, account: String, kind: Kind) {
        self.sequence = sequence
        self.account = account
        self.kind = kind
    }
}

/// A lead as the reports count it, at one moment.
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
    /// Length of the status history: it grows by one when the event made an occurrence.
    public var occurrences: Int
    /// The attributed user of the last occurrence (history mode counts under it).
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

    public init(_ lead: Lead) {
        leadID = lead.leadID
        office = lead.office
        campaign = lead.campaign
        leadType = lead.leadType
        createdAt = lead.createdAt
        createdDay = lead.createdDay
        source = lead.source
        user = lead.user
        status = lead.status
        initialStatus = lead.initialStatus
        statusAt = lead.statusAt
        occurrences = lead.history.count
        occurrenceUser = lead.history[lead.history.count - 1].user
        deleted = lead.deleted
    }
}

extension LeadRegistry {
    /// Applies one event like `apply(_:)` and, when it is accepted, says what it
    /// changed. Same rules, same state: only two extra look-ups of the lead.
    public mutating func applyRecording(_ event: Event) -> (outcome: Outcome, change: LeadChange.Kind?) {
        let id = event.leadID
        let before = id.flatMap { accounts[event.account]?.lead($0) }.map(LeadFacts.init)
        let outcome = apply(event)
        guard outcome == .accepted else { return (outcome, nil) }
        let state = account(event.account)
        if let id, let lead = state.lead(id) {
            // A created lead had no facts before, even though its id was free.
            let isCreation = if case .created = event.body { true } else { false }
            return (outcome, .lead(before: isCreation ? nil : before, after: LeadFacts(lead)))
        }
        return (outcome, .settings(state.settings))
    }
}
