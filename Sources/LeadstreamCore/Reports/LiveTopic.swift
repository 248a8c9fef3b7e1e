//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// A live-results topic name (SPEC §9): `exec/<account>/<period-id>`,
/// `dash/…` or `widget/…`. The aggregator builds these names and clients
/// (`load`, tests) read them back; both go through this one type.
public struct LiveTopic: Hashable, Sendable {
    public var kind: ReportRequest.Kind
    public var account: String
    /// The period's id as in SPEC §5: `2026-W47`, `2026-11`, `2026-11-23`.
    public var period: String

    public init(kind: ReportRequest.Kind, account: String, period: String) {
        self.kind = kind
        self.account = account
        self.period = period
    }

    /// The name's first part for each report.
    public static func prefix(_ kind: ReportRequest.Kind) -> String {
        switch kind {
        case .executive: "exec"
        case .dashboard: "dash"
        case .widget: "widget"
        }
    }

    public var name: String { "\(Self.prefix(kind))/\(account)/\(period)" }

    /// Reads a name built by `name`; `nil` for anything else.
    public init?(name: String) {
        let parts = name.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let kind = ReportRequest.Kind.allCases.first(where: { Self.prefix($0) == parts[0] })
        else { return nil }
        self.init(kind: kind, account: String(parts[1]), period: String(parts[2]))
    }
}
