//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// The parameters of a Leads Dashboard request (SPEC §7), validated.
public struct DashboardQuery: Hashable, Sendable {
    public enum View: String, Sendable, CaseIterable { case summary, list, tree }

    /// `nil` = all lead types.
    public var leadType: LeadType?
    /// `""` selects leads without a campaign.
    public var campaign: String?
    public var office: String?
    /// Current assignee, or with history the attributed user; `""` = unassigned.
    public var user: String?
    /// Matched against the current source.
    public var source: Source?
    public var history: Bool
    public var view: View
    /// List page size, 1…100,000.
    public var limit: Int
    /// Where the previous list page ended.
    public var cursor: ListCursor?

    public static let defaultLimit = 1_000
    public static let limitRange = 1...100_000

    public init(
        leadType: LeadType? = nil, campaign: String? = nil, office: String? = nil, user: String? = nil,
        source: Source? = nil, history: Bool = false, view: View = .summary, limit: Int = defaultLimit,
        cursor: ListCursor? = nil
    ) {
        self.leadType = leadType
        self.campaign = campaign
        self.office = office
        self.user = user
        self.source = source
        self.history = history
        self.view = view
        self.limit = limit
        self.cursor = cursor
    }

    /// The filters as ids of an account's names, to read its rows without naming them.
    func rowFilter(_ names: InternTable) -> RowFilter {
        var f = RowFilter(leadType: leadType, source: source, history: history)
        func id(_ name: String?) -> NameID? {
            guard let name else { return nil }
            guard let id = names.id(name) else {
                f.matchesNothing = true  // a name no lead of the account ever had
                return nil
            }
            return id
        }
        f.campaign = id(campaign)
        f.office = id(office)
        f.user = id(user)
        return f
    }

    /// Whether the report reads the account's lead rows (the list, the tree, anything with history); the
    /// summary without history is summed from counts alone.
    public var readsRows: Bool { view != .summary || history }

    /// `filters` as echoed in the report: every filter, `null` where not given.
    var filtersJSON: JSONValue {
        .object([
            ("lead_type", .string(leadType?.name ?? "all")), ("campaign", .string(campaign)),
            ("office", .string(office)), ("user", .string(user)), ("source", .string(source?.name)),
        ])
    }
}

/// A dashboard query's filters as name ids of one account: a row or a cell
/// passes or not without a string compared. The one copy of the filter rule.
struct RowFilter {
    var leadType: LeadType?
    var source: Source?
    var history: Bool
    var campaign: NameID?
    var office: NameID?
    /// The current assignee, or with history the attributed user of each occurrence.
    var user: NameID?
    /// A filter names something the account never used: nothing passes.
    var matchesNothing = false

    init(leadType: LeadType?, source: Source?, history: Bool) {
        self.leadType = leadType
        self.source = source
        self.history = history
    }

    /// Whether a lead passes the filters fixed per lead (all but `user` with history).
    func admits(_ lead: Lead) -> Bool {
        admits(leadType: lead.leadType, campaign: lead.campaign, office: lead.office, source: lead.source, user: lead.user)
    }

    /// Whether a cell's leads pass them: the same rule over the same fields.
    func admits(_ cell: CellKey) -> Bool {
        admits(leadType: cell.leadType, campaign: cell.campaign, office: cell.office, source: cell.source, user: cell.user)
    }

    /// With history: whether an occurrence's attributed user passes.
    func admits(occurrence: StatusOccurrence) -> Bool { user == nil || occurrence.user == user }

    private func admits(leadType t: LeadType, campaign c: NameID, office o: NameID, source s: Source, user u: NameID)
        -> Bool
    {
        if matchesNothing { return false }
        if let leadType, t != leadType { return false }
        if let campaign, c != campaign { return false }
        if let office, o != office { return false }
        if let source, s != source { return false }
        if !history, let user, u != user { return false }
        return true
    }
}

/// The opaque position of a list row: (office, user, lead_id, occurrence).
///
/// Encoded as base64url of a JSON array, so that a cursor keeps its meaning
/// while new leads arrive between pages (a row offset would not).
public struct ListCursor: Hashable, Sendable {
    public var office: String
    public var user: String
    public var leadID: String
    public var occurrence: Int

    public init(office: String, user: String, leadID: String, occurrence: Int) {
        self.office = office
        self.user = user
        self.leadID = leadID
        self.occurrence = occurrence
    }

    public var token: String {
        let json = JSONValue.array([.string(office), .string(user), .string(leadID), .int(occurrence)]).compact
        return Base64URL.encode(Array(json.utf8))
    }

    /// Decodes a token made by `token`; `nil` when it is not one.
    public init?(token: String) {
        guard let bytes = Base64URL.decode(token), let text = String(validating: bytes, as: UTF8.self) else {
            return nil
        }
        // The token is our own compact array of three identifiers and an integer.
        guard text.hasPrefix("[\""), text.hasSuffix("]") else { return nil }
        let parts = text.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 4, let n = Int(parts[3]), n >= 0 else { return nil }
        func unquote(_ s: Substring) -> String? {
            guard s.count >= 2, s.first == "\"", s.last == "\"" else { return nil }
            let inner = s.dropFirst().dropLast()
            return inner.contains(where: { $0 == "\"" || $0 == "\\" }) ? nil : String(inner)
        }
        guard let o = unquote(parts[0]), let u = unquote(parts[1]), let l = unquote(parts[2]) else { return nil }
        self.init(office: o, user: u, leadID: l, occurrence: n)
    }
}

/// RFC 4648 §5 base64url without padding.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let n = min(3, bytes.count - i)
            var v = UInt32(bytes[i]) << 16
            if n > 1 { v |= UInt32(bytes[i + 1]) << 8 }
            if n > 2 { v |= UInt32(bytes[i + 2]) }
            for k in 0...n { out.append(alphabet[Int((v >> (18 - 6 * UInt32(k))) & 63)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = Int8(i) }
        var out: [UInt8] = []
        var acc: UInt32 = 0
        var bits = 0
        for c in text.utf8 {
            let v = table[Int(c)]
            guard v >= 0 else { return nil }
            acc = acc << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((acc >> UInt32(bits)) & 0xFF))
            }
        }
        return out
    }
}
