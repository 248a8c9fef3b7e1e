//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// A report request as it crosses the wire (docs/cluster.md, `report`).
public struct QueryRequest: Sendable, Hashable {
    public var kind: String
    /// Parameter name (`ReportRequest`'s: `lead_type`, …) → value as given.
    public var parameters: [String: String]
    public var format: String

    public init(kind: String, parameters: [String: String], format: String) {
        self.kind = kind
        self.parameters = parameters
        self.format = format
    }

    public var body: [UInt8] {
        let object = JSONValue.object([
            ("kind", .string(kind)),
            ("parameters", .object(parameters.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("format", .string(format)),
        ])
        return Array(object.compact.utf8)
    }

    /// Validates and resolves the request: the one check of a report request,
    /// made by `leadstream report` before asking and by the aggregator on receipt.
    public func validated() throws(Rejection) -> (request: ReportRequest, format: ReportFormat) {
        guard let kind = ReportRequest.Kind(rawValue: kind) else {
            throw Rejection(.invalidValue, field: "kind", "unknown report '\(kind)' (executive, dashboard, widget)")
        }
        guard let format = ReportFormat(rawValue: format) else {
            throw Rejection(.invalidValue, field: "format", "unknown format '\(format)' (json, text, csv, svg)")
        }
        try format.check(for: kind)
        return (try ReportRequest(kind: kind, parameters: parameters), format)
    }
}
