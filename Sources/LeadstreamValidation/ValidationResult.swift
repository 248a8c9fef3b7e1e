//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore

/// One account and period validated: what `leadstream validate` prints, a JSON object a line.
public struct ValidationResult: Sendable {
    public var account: String
    public var period: String
    /// The account's `as_of.seq` both sides were taken at.
    public var asOf: Int
    /// Cells compared, by report.
    public var compared: [(report: String, cells: Int)]
    /// What differed when compared.
    public var differences: [FigureDifference]
    /// Whether a repair replaced the live account and a check afterwards found the figures equal.
    public var repaired = false
    /// What a check after the repair still found (empty when repaired).
    public var remaining: [FigureDifference] = []
    /// Journal records that did not fit the rebuilt state (a damaged journal; 0 normally).
    public var journalRefusals: Int
    /// Milliseconds since the validation started.
    public var ms: Int

    public init(
        account: String, period: String, asOf: Int, compared: [(report: String, cells: Int)],
        differences: [FigureDifference], journalRefusals: Int = 0, ms: Int
    ) {
        self.account = account
        self.period = period
        self.asOf = asOf
        self.compared = compared
        self.differences = differences
        self.journalRefusals = journalRefusals
        self.ms = ms
    }

    /// Whether a difference remains (exit status 1).
    public var isClean: Bool { differences.isEmpty || repaired }

    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("account", .string(account)), ("period", .string(period)), ("as_of", .object([("seq", .int(asOf))])),
            ("compared", .object(compared.map { ($0.report, .int($0.cells)) })),
            ("differences", .array(differences.map(Self.json))), ("repaired", .bool(repaired)),
        ]
        if !remaining.isEmpty { members.append(("remaining", .array(remaining.map(Self.json)))) }
        if journalRefusals > 0 { members.append(("journal_refusals", .int(journalRefusals))) }
        members.append(("ms", .int(ms)))
        return .object(members)
    }

    private static func json(_ d: FigureDifference) -> JSONValue {
        .object([
            ("report", .string(d.report)), ("key", .string(d.key)), ("live", leaf(d.live)), ("journal", leaf(d.journal)),
        ])
    }

    /// A cell's compact JSON back as a value (`null` for a cell that side lacks).
    static func leaf(_ text: String?) -> JSONValue {
        guard let text else { return .null }
        switch text {
        case "null": return .null
        case "true": return .bool(true)
        case "false": return .bool(false)
        default:
            if let i = Int(text) { return .int(i) }
            if let d = Double(text) { return .double(d) }
            let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
            return .string(parsed as? String ?? text)
        }
    }
}
