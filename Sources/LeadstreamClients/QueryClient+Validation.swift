//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import LeadstreamWire

/// The live side of `leadstream validate`: the aggregator's figures, and repairs (docs/cluster.md).
extension QueryClient {
    /// The live figures of `account` at one `as_of`: each asked period's set, every month with leads.
    public struct LiveFigures: Sendable {
        public var account: String
        public var asOf: Int
        public var months: [String]
        /// By the period as asked.
        public var sets: [(asked: String, set: FigureSet)]
    }

    /// Every account the aggregator has merged.
    public mutating func accounts() throws -> [String] {
        let object = try ask(.figures, Array(#"{}"#.utf8), expecting: .figures)
        return object["accounts"] as? [String] ?? []
    }

    /// The figures of `account` for `periods` (`nil`: every month with leads), all from one state.
    public mutating func figures(account: String, periods: [String]?) throws -> LiveFigures {
        var request: [(String, JSONValue)] = [("account", .string(account))]
        if let periods { request.append(("periods", .array(periods.map { .string($0) }))) }
        let object = try ask(.figures, Array(JSONValue.object(request).compact.utf8), expecting: .figures)
        guard let asOf = (object["as_of"] as? [String: Any])?["seq"] as? Int, let months = object["months"] as? [String],
            let sets = object["figures"] as? [[String: Any]]
        else { throw Refused(Rejection(.malformedJSON, field: nil, "a figures reply without as_of, months or figures")) }
        var out: [(String, FigureSet)] = []
        for entry in sets {
            guard let asked = entry["asked"] as? String, let period = entry["period"] as? String,
                let reports = entry["reports"] as? [String: Any]
            else { throw Refused(Rejection(.malformedJSON, field: nil, "a figures entry without its period")) }
            // The report order is the journal side's (FigureSet's); the wire's object order is not kept.
            let named = FigureSet.names.compactMap { name -> (name: String, cells: FigureCells)? in
                guard let pairs = reports[name] as? [[String]] else { return nil }
                let cells = pairs.compactMap { pair -> (String, String)? in pair.count == 2 ? (pair[0], pair[1]) : nil }
                return (name, FigureCells(pairs: cells))
            }
            out.append((asked, FigureSet(period: period, reports: named)))
        }
        return LiveFigures(account: account, asOf: asOf, months: months, sets: out)
    }

    /// Replaces the live account with `registry`'s one account rebuilt from the journal; a `conflict`
    /// refusal when the live account has merged events since.
    public mutating func repair(_ registry: LeadRegistry, names: InternedNames) throws {
        _ = try ask(.repair, RegistryCodec.encode(registry, names: names), expecting: .repaired)
    }

    /// The test hook (`--unsafe-test-hooks`): corrupts one tally cell and one row of `account`; says which.
    public mutating func corrupt(account: String) throws -> [String: Any] {
        try ask(.corrupt, Array(account.utf8), expecting: .corrupted)
    }

    /// A refusal the aggregator answered.
    public struct Refused: Error, CustomStringConvertible {
        public var rejection: Rejection
        public init(_ rejection: Rejection) { self.rejection = rejection }
        public var description: String { rejection.summary }
    }

    private mutating func ask(_ verb: WireFrames.Verb, _ body: [UInt8], expecting: WireFrames.Verb) throws
        -> [String: Any]
    {
        guard let reply = try call(verb, body: body) else { throw Timeout(endpoint: endpoint) }
        guard reply.verb == expecting else { throw Refused(Self.rejection(reply.body)) }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(reply.body))) as? [String: Any] else {
            throw Refused(Rejection(.malformedJSON, field: nil, "a '\(reply.verb.rawValue)' reply that is not JSON"))
        }
        return object
    }
}
