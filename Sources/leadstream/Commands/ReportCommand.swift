//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamPartitions
import LeadstreamWire
import LeadstreamClients
import ArgumentParser
import LeadstreamAggregator
import LeadstreamCore
import ZeroMQ

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

    @Argument(help: "executive, dashboard or widget.")
    var kind: String

    @Option(help: "Compute offline from this NDJSON file (- for stdin) instead of querying.")
    var events: String?

    @Option(help: "The account.") var account: String?
    @Option(help: "A day, week, month, quarter, year, range or relative period (docs/periods.md).") var period: String?
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
    @Option(help: "json, text, csv (dashboard list) or svg (widget).") var format: ReportFormat = .json
    @Option(help: "The aggregator's query endpoint, when --events is not given.") var query = DefaultEndpoints.query
    @OptionGroup(title: "Access (a viewer's token; docs/security.md)") var access: ClientAccessOptions

    func run() async throws {
        let request = try makeRequest()
        guard let events else { return try ask(query) }
        let file: EventFile
        do { file = try EventFile(path: events) } catch { throw UsageError(.invalidValue, "cannot read \(error)") }
        var registry = LeadRegistry()
        let rejected = file.withBytes { registry.apply(ndjson: $0) }
        if !rejected.isEmpty { Stderr.write(rejected.map { $0.text + "\n" }.joined()) }
        let result: ReportResult
        do { result = try registry.run(request) } catch { throw UsageError(error) }
        try print(result)
    }

    /// Asks a running aggregator; it renders exactly what offline mode prints.
    func ask(_ endpoint: String) throws {
        let context = try ZMQContext()
        // A partitioned deployment: ask the given aggregator where the account lives, then ask that one.
        let routes = try PartitionRoutes.fetch(
            context: context, endpoint: endpoint, kind: .query, token: access.resolvedToken, security: try access.security(),
            accounts: account.map { [$0] } ?? [])
        var client = try QueryClient(
            context: context, endpoint: routes.endpoint(for: account, .query), token: access.resolvedToken,
            security: try access.security())
        let answer = Result { try client.report(wireRequest) }
        client.close()
        try context.terminate()
        switch try answer.get() {
        case .rejected(let rejection): throw UsageError(rejection)
        case .report(let rendered):
            Stdout.write(rendered.output)
            if rendered.exitStatus != 0 { throw ExitCode(rendered.exitStatus) }
        }
    }

    /// Every given option, by parameter name, validated for this report.
    func makeRequest() throws -> ReportRequest {
        do { return try wireRequest.validated().request } catch { throw UsageError(error) }
    }

    /// The request as the aggregator gets it; validated by the same code on both sides.
    var wireRequest: QueryRequest { QueryRequest(kind: kind, parameters: parameters, format: format.rawValue) }

    /// The options given, by parameter name.
    var parameters: [String: String] {
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
        return p
    }

    func print(_ result: ReportResult) throws {
        let rendered: RenderedReport
        do { rendered = try result.render(format) } catch { throw UsageError(error) }
        Stdout.write(rendered.output)
        if rendered.exitStatus != 0 { throw ExitCode(rendered.exitStatus) }
    }
}

extension ReportFormat: ExpressibleByArgument {}
