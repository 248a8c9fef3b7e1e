//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

@testable import LeadstreamCore

/// Builds events for tests without going through the decoder, so registry and
/// report tests pin the rules alone.
struct EventMaker {
    var account = "acme"
    private var next = 0

    init(account: String = "acme") { self.account = account }

    mutating func id() -> String {
        next += 1
        return "ev\(next)"
    }

    static func at(_ text: String) -> Timestamp { RFC3339.parse(text)! }

    mutating func created(
        _ lead: String, _ source: Source = .form, office: String = "o1", user: String = "", campaign: String = "",
        type: LeadType = .contact, status: LeadStatus = .new, at: String = "2026-11-20T10:00:00Z", id: String? = nil
    ) -> Event {
        Event(
            eventID: id ?? self.id(), account: account, occurredAt: Self.at(at),
            body: .created(
                LeadCreated(
                    leadID: lead, office: office, source: source, user: user, campaign: campaign, leadType: type,
                    status: status)))
    }

    mutating func status(_ lead: String, _ status: LeadStatus, user: String? = nil, at: String = "2026-11-21T10:00:00Z")
        -> Event
    {
        Event(
            eventID: id(), account: account, occurredAt: Self.at(at),
            body: .statusChanged(leadID: lead, status: status, user: user))
    }

    mutating func source(_ lead: String, _ source: Source, at: String = "2026-11-21T10:00:00Z") -> Event {
        Event(eventID: id(), account: account, occurredAt: Self.at(at), body: .sourceChanged(leadID: lead, source: source))
    }

    mutating func deleted(_ lead: String) -> Event {
        Event(eventID: id(), account: account, occurredAt: Self.at("2026-11-22T10:00:00Z"), body: .deleted(leadID: lead))
    }

    mutating func settings(_ change: SettingsChange) -> Event {
        Event(eventID: id(), account: account, occurredAt: Self.at("2026-11-01T00:00:00Z"), body: .settings(change))
    }
}

extension LeadRegistry {
    /// Applies events, failing loudly on anything but acceptance.
    mutating func accept(_ events: [Event]) {
        for e in events {
            let outcome = apply(e)
            precondition(outcome == .accepted, "\(e) was \(outcome)")
        }
    }

    func report(_ kind: ReportRequest.Kind, _ parameters: [String: String]) throws -> ReportResult {
        try run(ReportRequest(kind: kind, parameters: parameters.merging(["account": "acme"]) { a, _ in a }))
    }
}

// Case extractors, so a test unwraps the case it needs with `try #require(…)` and fails when the
// result is another one (a guard that returned early would end the test with nothing checked).

extension ReportResult {
    var executive: ExecutiveReport? { if case .executive(let r) = self { r } else { nil } }
    var dashboard: DashboardReport? { if case .dashboard(let r) = self { r } else { nil } }
    var widget: WidgetReport? { if case .widget(let r) = self { r } else { nil } }
}

extension JSONValue {
    var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    var members: [(String, JSONValue)]? { if case .object(let m) = self { m } else { nil } }
}

extension LeadRegistry.Outcome {
    var rejection: Rejection? { if case .rejected(let r) = self { r } else { nil } }
}

extension Event.Body {
    var created: LeadCreated? { if case .created(let c) = self { c } else { nil } }
}
