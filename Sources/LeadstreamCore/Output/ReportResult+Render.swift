//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// An output format of `leadstream report` (SPEC §11).
public enum ReportFormat: String, Sendable, CaseIterable {
    case json, text, csv, svg

    /// Throws `invalid_value` when the format does not apply to the report
    /// (CSV is the dashboard list's, SVG the widget's).
    public func check(for kind: ReportRequest.Kind) throws(Rejection) {
        switch (self, kind) {
        case (.json, _), (.text, _), (.svg, .widget), (.csv, .dashboard): return
        default:
            throw Rejection(.invalidValue, field: "format", "--format \(rawValue) does not apply to the \(kind.rawValue) report")
        }
    }
}

/// What `leadstream report` prints on stdout and its exit status.
public struct RenderedReport: Hashable, Sendable {
    public var output: String
    /// 0, or 1 for an unavailable widget (SPEC §11).
    public var exitStatus: Int32

    public init(output: String, exitStatus: Int32) {
        self.output = output
        self.exitStatus = exitStatus
    }
}

extension ReportResult {
    /// The bytes a report prints, the same offline and from the aggregator.
    public func render(_ format: ReportFormat) throws(Rejection) -> RenderedReport {
        switch (format, self) {
        case (_, .unavailable):
            return RenderedReport(output: json.pretty + "\n", exitStatus: 1)
        case (.csv, .dashboard(let r)):
            guard r.query.view == .list else { throw Rejection(.invalidValue, field: "format", "--format csv needs --view list") }
            return RenderedReport(output: r.csv, exitStatus: 0)
        case (.text, .executive(let r)): return RenderedReport(output: r.text, exitStatus: 0)
        case (.text, .dashboard(let r)): return RenderedReport(output: r.text, exitStatus: 0)
        case (.text, .widget(let r)): return RenderedReport(output: r.text, exitStatus: 0)
        case (.svg, .widget(let r)): return RenderedReport(output: r.svg, exitStatus: 0)
        default: return RenderedReport(output: json.pretty + "\n", exitStatus: 0)
        }
    }
}
