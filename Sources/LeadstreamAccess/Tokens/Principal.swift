//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// A viewer's role in its account (SPEC §10, docs/security.md).
public enum Role: String, Sendable, Hashable, CaseIterable {
    /// The whole account: every office, every user.
    case enterprise
    /// One office, every user in it.
    case coordinator
    /// One office and only themselves; never the executive report.
    case advisor
}

/// Who reads reports: resolved from a viewer token.
public struct Viewer: Sendable, Hashable {
    public var account: String
    public var role: Role
    /// The viewer's own office (coordinators and advisors).
    public var office: String?
    /// The viewer's own user id (advisors).
    public var user: String?
    /// The right to see unqualified leads: the Sources of Leads widget.
    public var unqualified: Bool

    public init(account: String, role: Role, office: String? = nil, user: String? = nil, unqualified: Bool = false) {
        self.account = account
        self.role = role
        self.office = office
        self.user = user
        self.unqualified = unqualified
    }
}

/// What a token stands for.
public enum Principal: Sendable, Hashable {
    /// Reads reports within a viewer's scope.
    case viewer(Viewer)
    /// Sends events of one account.
    case ingest(account: String)
    /// Runs what needs the whole system (`validate`, `status`, repairs,
    /// journal `head`/`replay`); no account scope, and no reader of reports
    /// through the dashboard page.
    case `operator`

    /// The kind as stored and listed: `viewer`, `ingest` or `operator`.
    public var kind: String {
        switch self {
        case .viewer: "viewer"
        case .ingest: "ingest"
        case .operator: "operator"
        }
    }

    /// The account a viewer or ingest token is scoped to.
    public var account: String? {
        switch self {
        case .viewer(let v): v.account
        case .ingest(let a): a
        case .operator: nil
        }
    }
}
