//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamClients
import Foundation
import HTTPTypes
import Hummingbird
import LeadstreamAggregator
import LeadstreamCore
import NIOCore

/// `GET /v1/reports/executive|dashboard|widget` (docs/web.md): the query
/// items become the same `QueryRequest` that `leadstream report` sends, with
/// the caller's token, and the aggregator's rendering is the body as it is.
struct ReportsRoute: Sendable {
    let aggregator: AggregatorClient

    /// The query items a report takes: `leadstream report`'s options without `--`.
    static let parameters: Set<String> = [
        "account", "period", "office", "user", "campaign", "lead_type", "source", "view", "limit", "cursor", "now",
    ]
    /// Rows per fetch of an `all=true` download.
    static let defaultPageSize = 10_000

    func respond(to request: Request, kind: String) async -> Response {
        let query: QueryRequest
        let all: Bool
        switch Self.query(kind: kind, items: request.uri.queryParameters) {
        case .failure(let r): return ErrorResponse.make(r)
        case .success(let q): (query, all) = q
        }
        let token = Credentials.token(of: request)
        if all { return await download(query, token: token) }
        switch await aggregator.report(query, token: token) {
        case .rejected(let r): return ErrorResponse.make(r)
        case .report(let rendered):
            // Exit status 1 is the unavailable widget (SPEC §11).
            let status: HTTPResponse.Status = rendered.exitStatus == 0 ? .ok : .conflict
            let format = rendered.exitStatus == 0 ? query.format : "json"
            var headers: HTTPFields = [.contentType: Self.contentType(format), .cacheControl: "no-store"]
            if format == "csv" { headers[.contentDisposition] = Self.attachment(query, ext: "csv") }
            return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: rendered.output)))
        }
    }

    /// The request the query items make, and whether every page is asked for (`all=true`).
    static func query(kind: String, items: some Collection<(key: Substring, value: Substring)>) -> Result<
        (QueryRequest, Bool), Rejection
    > {
        var parameters: [String: String] = [:]
        var format = "json"
        var all = false
        for (key, value) in items {
            let name = String(key)
            let value = String(value)
            switch name {
            case "format": format = value
            case "history":
                guard let on = Bool(value) else {
                    return .failure(Rejection(.invalidValue, field: "history", "history must be true or false"))
                }
                if on { parameters["history"] = "true" }
            case "all":
                guard let on = Bool(value) else {
                    return .failure(Rejection(.invalidValue, field: "all", "all must be true or false"))
                }
                all = on
            case _ where parameters.keys.contains(name):
                return .failure(Rejection(.invalidValue, field: name, "'\(name)' is given twice"))
            case _ where Self.parameters.contains(name): parameters[name] = value
            default:
                return .failure(
                    Rejection(.invalidValue, field: name, "unknown parameter '\(name)' (\(Self.parameters.sorted().joined(separator: ", ")), history, format, all)"))
            }
        }
        let query = QueryRequest(kind: kind, parameters: parameters, format: format)
        do { _ = try query.validated() } catch { return .failure(error) }
        if all {
            guard kind == "dashboard", parameters["view"] == "list" else {
                return .failure(Rejection(.invalidValue, field: "all", "all=true downloads the dashboard's list view (view=list)"))
            }
            guard format == "csv" || format == "json" else {
                return .failure(Rejection(.invalidValue, field: "format", "all=true downloads csv or json (NDJSON)"))
            }
            guard parameters["cursor"] == nil else {
                return .failure(Rejection(.invalidValue, field: "cursor", "all=true starts at the first page; leave out cursor"))
            }
        }
        return .success((query, all))
    }

    // MARK: - Every page as one download

    /// Fetches the list page by page (as JSON, for the cursor) and streams the rows as one CSV or NDJSON.
    /// A refusal of the first page is answered as such; a failure after the first page ends the body early
    /// (the status is already sent), which a client sees as a cut download.
    private func download(_ query: QueryRequest, token: String?) async -> Response {
        var first = query
        first.format = "json"
        if first.parameters["limit"] == nil { first.parameters["limit"] = String(Self.defaultPageSize) }
        let page = first
        let start: ListPage
        switch await fetch(page, token: token) {
        case .failure(let r): return ErrorResponse.make(r)
        case .success(let p): start = p
        }
        let csv = query.format == "csv"
        let headers: HTTPFields = [
            .contentType: csv ? Self.contentType("csv") : "application/x-ndjson",
            .contentDisposition: Self.attachment(query, ext: csv ? "csv" : "ndjson"), .cacheControl: "no-store",
        ]
        let aggregator = self
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                var current = start
                if csv { try await writer.write(ByteBuffer(string: ListCSV.header)) }
                while true {
                    try await writer.write(ByteBuffer(string: current.rows.map { csv ? $0.csvLine : $0.ndjsonLine }.joined()))
                    guard let next = current.nextCursor else { break }
                    var request = page
                    request.parameters["cursor"] = next
                    guard case .success(let p) = await aggregator.fetch(request, token: token) else { break }
                    current = p
                }
                try await writer.finish(nil)
            })
    }

    private func fetch(_ request: QueryRequest, token: String?) async -> Result<ListPage, Rejection> {
        switch await aggregator.report(request, token: token) {
        case .rejected(let r): return .failure(r)
        case .report(let rendered):
            guard let page = ListPage(json: rendered.output) else {
                return .failure(Rejection(.unavailable, field: nil, "the aggregator's list page could not be read"))
            }
            return .success(page)
        }
    }

    // MARK: - Headers

    static func contentType(_ format: String) -> String {
        switch format {
        case "text": "text/plain; charset=utf-8"
        case "csv": "text/csv; charset=utf-8"
        case "svg": "image/svg+xml"
        default: "application/json; charset=utf-8"
        }
    }

    /// `attachment; filename="leadstream-ACCOUNT-PERIOD-list.EXT"`, with only safe characters in the name.
    static func attachment(_ query: QueryRequest, ext: String) -> String {
        let parts = ["leadstream", query.parameters["account"] ?? "", query.parameters["period"] ?? "", "list"]
        let name = parts.filter { !$0.isEmpty }.joined(separator: "-").map { c -> Character in
            c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "-" || c == "_") ? c : "_"
        }
        return "attachment; filename=\"\(String(name)).\(ext)\""
    }
}

/// One list page read from the report's JSON: its rows (every value a string or null) and the next cursor.
struct ListPage: Sendable {
    struct Row: Sendable {
        var fields: [String?]
        var csvLine: String { ListCSV.line(fields) }
        var ndjsonLine: String {
            JSONValue.object(zip(DashboardReport.listColumns, fields).map { ($0, .string($1)) }).compact + "\n"
        }
    }

    var rows: [Row]
    var nextCursor: String?

    init?(json: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let rows = object["rows"] as? [[String: Any]]
        else { return nil }
        self.rows = rows.map { row in Row(fields: DashboardReport.listColumns.map { row[$0] as? String }) }
        nextCursor = object["next_cursor"] as? String
    }
}
