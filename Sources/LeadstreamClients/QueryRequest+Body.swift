//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore

extension QueryRequest {
    /// Reads a `report` request's body, `{"kind", "parameters", "format"}` (docs/cluster.md).
    ///
    /// A body that is not such an object is `bad_request` naming the member at fault, so a client
    /// written by hand learns what to fix; the parameters' values are read by
    /// `ReportRequest.parameters(json:)` (strings, numbers, booleans).
    public init(body: [UInt8]) throws(Rejection) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body)), case .object = value else {
            throw Rejection(
                .badRequest, field: nil,
                #"a report request is a JSON object {"kind": …, "parameters": {…}, "format": …}"#)
        }
        guard case .string(let kind)? = value["kind"] else {
            throw Rejection(.badRequest, field: "kind", "'kind' takes a string (executive, dashboard, widget), not \(value["kind"]?.typeName ?? "nothing")")
        }
        let parameters: [String: String]
        switch value["parameters"] {
        case nil, .null?: parameters = [:]
        case .object(let members)?: parameters = try ReportRequest.parameters(json: members)
        case let other?: throw Rejection(.badRequest, field: "parameters", "'parameters' takes an object, not \(other.typeName)")
        }
        let format: String
        switch value["format"] {
        case nil, .null?: format = "json"
        case .string(let f)?: format = f
        case let other?: throw Rejection(.badRequest, field: "format", "'format' takes a string (json, text, csv, svg), not \(other.typeName)")
        }
        self.init(kind: kind, parameters: parameters, format: format)
    }
}
