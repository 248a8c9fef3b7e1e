//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import ArgumentParser
import LeadstreamCore

/// `leadstream report executive|dashboard|widget …` (SPEC §11).
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print a report, computed offline from an NDJSON file (--events) or asked of a running aggregator.",
        discussion: """
            Examples:
              leadstream report executive --events events.ndjson --account acme --period 2026-W47
              leadstream report dashboard --events events.ndjson --account acme --period 2026-11 --view list --format csv
              leadstream report widget --events events.ndjson --account acme --period today --format svg > rings.svg
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, text, csv, svg }

    @Argument(help: "executive, dashboard or widget.")
    var kind: String

    @Option(help: "Compute offline from this NDJSON file (- for stdin) instead of querying.")
    var events: String?

    @Option(help: "The account.") var account: String?
    @Option(help: "A day, week, month, quarter, year, range or relative period (SPEC §5).") var period: String?
    @Option(help: "Office filter (executive, dashboard).") var office: String?
    @Option(help: "User filter; \"\" = unassigned (dashboard).") var user: String?
    @Option(help: "Campaign filter; \"\" = none (dashboard).") var campaign: String?
    @Option(name: .customLong("lead-type"), help: "all, advisor, business or contact (dashboard).") var leadType: String?
    @Option(help: "Current-source filter (dashboard).") var source: String?
    @Flag(help: "Count every status occurrence (dashboard).") var history = false
    @Option(help: "summary, list or tree (dashboard).") var view: String?
    @Option(help: "List page size, 1-100000 (dashboard).") var limit: String?
    @Option(help: "Next-page cursor from a list (dashboard).") var cursor: String?
    @Option(help: "Override now for relative periods (RFC 3339).") var now: String?
    @Option(help: "json, text, csv (dashboard list) or svg (widget).") var format: Format = .json

    func run() async throws {
        let request = try makeRequest()
        guard let events else {
            throw UsageError(.invalidValue, "querying a running aggregator is not available yet: pass --events FILE")
        }
        let file: EventFile
        do { file = try EventFile(path: events) } catch { throw UsageError(.invalidValue, "cannot read \(error)") }
        var registry = LeadRegistry()
        let rejected = file.withBytes { registry.apply(ndjson: $0) }
        if !rejected.isEmpty { Stderr.write(rejected.map { $0.text + "\n" }.joined()) }
        let result: ReportResult
        do { result = try registry.run(request) } catch { throw UsageError(error) }
        try print(result)
    }

    /// Every given option, by parameter name, validated for this report.
    func makeRequest() throws -> ReportRequest {
        guard let kind = ReportRequest.Kind(rawValue: kind) else {
            throw UsageError(.invalidValue, "unknown report '\(kind)' (executive, dashboard, widget)")
        }
        var p: [String: String] = [:]
        p["account"] = account
        p["period"] = period
        p["office"] = office
        p["user"] = user
        p["campaign"] = campaign
        p["lead_type"] = leadType
        p["source"] = source
        p["view"] = view
        p["limit"] = limit
        p["cursor"] = cursor
        p["now"] = now
        if history { p["history"] = "true" }
        switch (format, kind) {
        case (.json, _), (.text, _), (.svg, .widget), (.csv, .dashboard): break
        default: throw UsageError(.invalidValue, "--format \(format.rawValue) does not apply to the \(kind.rawValue) report")
        }
        do { return try ReportRequest(kind: kind, parameters: p) } catch { throw UsageError(error) }
    }

    func print(_ result: ReportResult) throws {
        switch (format, result) {
        case (_, .unavailable):
            Stdout.write(result.json.pretty + "\n")
            throw ExitCode(1)
        case (.csv, .dashboard(let r)):
            guard r.query.view == .list else { throw UsageError(.invalidValue, "--format csv needs --view list") }
            Stdout.write(r.csv)
        case (.text, .executive(let r)): Stdout.write(r.text)
        case (.text, .dashboard(let r)): Stdout.write(r.text)
        case (.text, .widget(let r)): Stdout.write(r.text)
        case (.svg, .widget(let r)): Stdout.write(r.svg)
        default:
            Stdout.write(result.json.pretty + "\n")
        }
    }
}
