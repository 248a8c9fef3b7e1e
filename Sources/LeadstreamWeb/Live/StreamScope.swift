//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamAccess
import LeadstreamCore

/// What one `GET /v1/live` stream carries (docs/web.md): the account-wide
/// topics it forwards as published, and the `exec/`/`dash/` topics it sends
/// as the viewer's own view (coordinators, advisors: SPEC §10).
struct StreamScope: Hashable, Sendable {
    var account: String
    /// Prefixes of topics sent as published.
    var direct: [String]
    /// Prefixes of topics sent as `view`'s own report of the topic's period.
    var scoped: [String]
    /// Whose view the scoped topics show; `nil` when `scoped` is empty.
    var view: Viewer?

    /// The stream's scope for `principal` (`nil`: open mode) asking for `prefix` of `account`'s topics.
    ///
    /// The account-wide rules are `TopicScope`'s, the same as for a ZeroMQ
    /// subscriber; what it withholds from a coordinator (`exec/`, `dash/`) or
    /// an advisor (`dash/`) comes instead as their own view, which the
    /// aggregator scopes when the web face asks with their token.
    static func decide(account: String, prefix: String, principal: Principal?) -> Result<StreamScope, Rejection> {
        if case .viewer(let v)? = principal, v.account != account {
            return .failure(Rejection(.forbidden, field: "account", "this token does not read account '\(account)'"))
        }
        if case .ingest? = principal {
            return .failure(Rejection(.forbidden, field: nil, "an ingest token sends events; it reads no topic"))
        }
        let kinds: [ReportRequest.Kind] = [.executive, .dashboard, .widget]
        let bases = kinds.map { (kind: $0, prefix: "\(LiveTopic.prefix($0))/\(account)/") }
            .compactMap { base -> (kind: ReportRequest.Kind, prefix: String)? in
                if base.prefix.hasPrefix(prefix) { return base }
                if prefix.hasPrefix(base.prefix) { return (base.kind, prefix) }
                return nil
            }
        guard !bases.isEmpty else { return .failure(misfit(prefix, account: account)) }
        var scope = StreamScope(account: account, direct: [], scoped: [], view: nil)
        for base in bases {
            let allowed = TopicScope.cut(base.prefix, for: principal)
            scope.direct += allowed
            // The widget is account-wide: withheld here, it is withheld altogether (the unqualified right).
            guard allowed.isEmpty, case .viewer(let v)? = principal, base.kind != .widget, ReportScope.reads(base.kind, v)
            else { continue }
            scope.scoped.append(base.prefix)
            scope.view = v
        }
        return .success(scope)
    }

    func sendsDirectly(_ topic: String) -> Bool { direct.contains { topic.hasPrefix($0) } }
    func sendsAsView(_ topic: String) -> Bool { scoped.contains { topic.hasPrefix($0) } }

    /// A prefix of none of the account's topics: another account's (`forbidden`) or no topic's.
    private static func misfit(_ prefix: String, account: String) -> Rejection {
        let parts = prefix.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count >= 2, ReportRequest.Kind.allCases.contains(where: { LiveTopic.prefix($0) == parts[0] }),
            parts[1] != account, !parts[1].isEmpty
        {
            return Rejection(.forbidden, field: "prefix", "prefix '\(prefix)' names another account than '\(account)'")
        }
        return Rejection(.invalidValue, field: "prefix", "'\(prefix)' is not a topic prefix of account '\(account)'")
    }
}
