//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

extension ReportRequest {
    /// The parameters that are booleans (`true`/`false`, or `1`/`0` as text).
    public static let booleanParameters: Set<String> = ["history"]

    /// A report's parameters as a JSON object carries them, read into the text a command line
    /// would give, so `ReportRequest(kind:parameters:)` checks them as it checks options.
    ///
    /// A JSON program writes `"history": true` and `"limit": 50` more often than strings, so
    /// besides a string a parameter takes a number (as its JSON text: `50`, `2026`) and a
    /// boolean parameter a boolean; `null` is absent, as in an event (SPEC §2). Any other type
    /// (an object, an array, a boolean where no boolean fits) is `bad_request` naming the
    /// parameter: the value's own errors (`invalid_value`, `invalid_period`) stay the
    /// parameter's, checked afterwards.
    public static func parameters(json members: [(String, JSONValue)]) throws(Rejection) -> [String: String] {
        var parameters: [String: String] = [:]
        for (name, value) in members.sorted(by: { $0.0 < $1.0 }) {
            switch value {
            case .null: continue
            case .string(let s): parameters[name] = s
            case .int, .double: parameters[name] = value.compact
            case .bool(let b) where booleanParameters.contains(name): parameters[name] = b ? "true" : "false"
            case .bool, .array, .object:
                let takes = booleanParameters.contains(name) ? "true, false or a string" : "a string or a number"
                throw Rejection(.badRequest, field: name, "parameter '\(name)' takes \(takes), not \(value.typeName)")
            }
        }
        return parameters
    }
}
