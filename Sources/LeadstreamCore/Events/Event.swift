//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// A validated lead event (SPEC §2): what the decoder hands to the registry.
///
/// Only the fields the rules use are kept; unknown fields are dropped at
/// decoding. Optional "assignee" and "campaign" use `""` for none, as on the wire.
public struct Event: Hashable, Sendable {
    public var eventID: String
    public var account: String
    public var occurredAt: Timestamp
    public var body: Body

    public init(eventID: String, account: String, occurredAt: Timestamp, body: Body) {
        self.eventID = eventID
        self.account = account
        self.occurredAt = occurredAt
        self.body = body
    }

    public enum Body: Hashable, Sendable {
        case settings(SettingsChange)
        case created(LeadCreated)
        case sourceChanged(leadID: String, source: Source)
        /// `user` is `nil` when absent (no reassignment); `""` unassigns.
        case statusChanged(leadID: String, status: LeadStatus, user: String?)
        case deleted(leadID: String)
    }

    /// The `type` field's value.
    public var type: String {
        switch body {
        case .settings: "account.settings"
        case .created: "lead.created"
        case .sourceChanged: "lead.source_changed"
        case .statusChanged: "lead.status_changed"
        case .deleted: "lead.deleted"
        }
    }

    /// The lead an event is about; `nil` for settings.
    public var leadID: String? {
        switch body {
        case .settings: nil
        case .created(let c): c.leadID
        case .sourceChanged(let id, _), .statusChanged(let id, _, _), .deleted(let id): id
        }
    }
}

/// `account.settings`: only the fields present change (SPEC §2).
public struct SettingsChange: Hashable, Sendable {
    /// A validated tz database name.
    public var timezone: String?
    public var unqualifiedEnabled: Bool?
    public var activeSources: WidgetSourceSet?

    public init(timezone: String? = nil, unqualifiedEnabled: Bool? = nil, activeSources: WidgetSourceSet? = nil) {
        self.timezone = timezone
        self.unqualifiedEnabled = unqualifiedEnabled
        self.activeSources = activeSources
    }
}

/// `lead.created` with its defaults applied.
public struct LeadCreated: Hashable, Sendable {
    public var leadID: String
    public var office: String
    public var source: Source
    /// `""` when unassigned.
    public var user: String
    /// `""` when none.
    public var campaign: String
    public var leadType: LeadType
    public var status: LeadStatus

    public init(
        leadID: String, office: String, source: Source, user: String = "", campaign: String = "",
        leadType: LeadType = .contact, status: LeadStatus = .new
    ) {
        self.leadID = leadID
        self.office = office
        self.source = source
        self.user = user
        self.campaign = campaign
        self.leadType = leadType
        self.status = status
    }
}
