//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// Leads (or status occurrences) by status, with the Leads Success Ratio (SPEC §7).
public struct StatusCounts: Hashable, Sendable {
    /// Indexed by `LeadStatus.rawValue`.
    public var counts = [Int](repeating: 0, count: LeadStatus.allCases.count)

    public init() {}

    public subscript(status: LeadStatus) -> Int {
        get { counts[Int(status.rawValue)] }
        set { counts[Int(status.rawValue)] = newValue }
    }

    public var total: Int { counts.reduce(0, +) }

    public static func += (lhs: inout StatusCounts, rhs: StatusCounts) {
        for i in lhs.counts.indices { lhs.counts[i] += rhs.counts[i] }
    }

    /// Without history `100·(accepted+converted)/(accepted+converted+rejected+revoked)`;
    /// with history `100·accepted/(accepted+rejected+revoked)`; `nil` on a zero denominator.
    public func successRatioPct(history: Bool) -> Double? {
        let won = self[.accepted] + (history ? 0 : self[.converted])
        return percent(won, of: won + self[.rejected] + self[.revoked])
    }

    /// The eight counts in canonical order, `total` and `success_ratio_pct`.
    public func jsonMembers(history: Bool) -> [(String, JSONValue)] {
        LeadStatus.allCases.map { ($0.name, .int(self[$0])) }
            + [("total", .int(total)), ("success_ratio_pct", .number(successRatioPct(history: history)))]
    }
}
