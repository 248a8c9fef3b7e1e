//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// SPEC §10's table, once: what a principal may ask of a report.
///
/// Every read path (the query socket's `report`, HTTP reports) puts its
/// request through `decide` and runs what comes back: the request narrowed
/// to the viewer's scope (the implied office and user filled in, which the
/// report then echoes; the widget's unqualified right), or a refusal.
public enum ReportScope {
    /// - Parameter principal: `nil` in `--access open`: everything as asked.
    public static func decide(_ principal: Principal?, _ request: ReportRequest) -> Result<ReportRequest, Rejection> {
        guard let principal else { return .success(request) }
        switch principal {
        case .operator:
            return .success(request)
        case .ingest:
            return .failure(Rejection(.forbidden, field: nil, "an ingest token sends events; it reads no report"))
        case .viewer(let viewer):
            return decide(viewer, request)
        }
    }

    /// Whether the viewer opens this report at all, in their own scope (SPEC §10's table): every role
    /// opens the dashboard and the widget (which answers `no_rights` without the unqualified right);
    /// advisors open no executive report. The live stream's scoped views ask the same.
    public static func reads(_ kind: ReportRequest.Kind, _ viewer: Viewer) -> Bool {
        kind != .executive || viewer.role != .advisor
    }

    static func decide(_ viewer: Viewer, _ request: ReportRequest) -> Result<ReportRequest, Rejection> {
        guard request.account == viewer.account else {
            return .failure(Rejection(.forbidden, field: "account", "this token does not read account '\(request.account)'"))
        }
        var narrowed = request
        narrowed.unqualifiedRight = viewer.unqualified
        // The widget is account-wide: it has no office or user to narrow.
        guard request.kind != .widget, viewer.role != .enterprise else { return .success(narrowed) }
        if !reads(request.kind, viewer) {
            return .failure(Rejection(.forbidden, field: nil, "advisors do not open the executive report"))
        }
        let own = viewer.office ?? ""
        if let office = request.office, office != own {
            return .failure(Rejection(.forbidden, field: "office", "this token reads office '\(own)' only"))
        }
        narrowed.restrict(office: own)
        if viewer.role == .advisor {
            let me = viewer.user ?? ""
            if let user = request.dashboard.user, user != me {
                return .failure(Rejection(.forbidden, field: "user", "this token reads user '\(me)' only"))
            }
            narrowed.dashboard.user = me
        }
        return .success(narrowed)
    }
}

/// SPEC §10's live-topic column, for ZeroMQ (`snapshot`, PUB subscriptions):
/// which topic prefixes a principal may read. The PUB carries account-wide
/// bodies only, so coordinators and advisors get the widget's topics there.
public enum TopicScope {
    /// The prefixes a principal may read; `[""]` (everything) in open mode and for operators.
    public static func prefixes(for principal: Principal?) -> [String] {
        guard let principal else { return [""] }
        switch principal {
        case .operator: return [""]
        case .ingest: return []
        case .viewer(let v):
            var kinds: [ReportRequest.Kind] = v.role == .enterprise ? [.executive, .dashboard] : []
            if v.unqualified { kinds.append(.widget) }
            return kinds.map { "\(LiveTopic.prefix($0))/\(v.account)/" }
        }
    }

    /// `prefix` cut to what `principal` may read: the prefixes whose topics
    /// are both asked for and allowed (none when they do not overlap).
    public static func cut(_ prefix: String, for principal: Principal?) -> [String] {
        prefixes(for: principal).compactMap { allowed in
            if allowed.hasPrefix(prefix) { return allowed }
            if prefix.hasPrefix(allowed) { return prefix }
            return nil
        }
    }
}
