//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// What a listed CURVE key may do (`--curve-allow` lines: `Z85 [role]`).
public enum KeyRole: String, Sendable, Hashable, CaseIterable {
    /// Producers and viewers: ingest, queries, live topics.
    case client
    /// Operators: also the journal's `head` and `replay`.
    case `operator`
    /// The cluster's own processes: also the forward and partials links.
    case component

    /// Whether this key may read the whole journal (`head`, `replay`).
    public var readsJournal: Bool { self != .client }

    /// The `User-Id` a ZAP handler gives the connection: `ROLE:KEY`.
    public func userID(key: String) -> String { "\(rawValue):\(key)" }

    /// Reads a `User-Id` made by `userID(key:)`.
    public static func parse(userID: String) -> (role: KeyRole, key: String)? {
        guard let colon = userID.firstIndex(of: ":"), let role = KeyRole(rawValue: String(userID[..<colon])) else {
            return nil
        }
        return (role, String(userID[userID.index(after: colon)...]))
    }
}

/// The ZAP domains leadstream's CURVE servers name, one per endpoint, so the
/// handler can keep the cluster's internal links to `component` keys.
public enum ZAPDomain {
    public static let ingest = "ingest"
    public static let forward = "forward"
    public static let partials = "partials"
    public static let query = "query"
    public static let publish = "publish"

    /// The roles a domain admits.
    public static func admits(_ role: KeyRole, domain: String) -> Bool {
        switch domain {
        case forward, partials: role == .component
        default: true
        }
    }
}
