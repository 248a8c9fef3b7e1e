//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore

/// One token as the store keeps it: its scope and life, never the token itself.
public struct TokenRecord: Sendable, Hashable {
    /// The public name an operator lists and revokes by (`t_` + 16 hex digits).
    public var id: String
    public var principal: Principal
    /// A viewer's CURVE public key (Z85): over ZeroMQ the token is honoured
    /// only on connections authenticated with this key, and the key alone
    /// identifies the viewer to the live publisher.
    public var curveKey: String?
    public var label: String?
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?

    /// Usable at `now`: neither revoked nor expired.
    public func isValid(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { now < $0 } ?? true)
    }

    /// What `token list` prints for it: every field but the token, which is not kept.
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [("id", .string(id)), ("kind", .string(principal.kind))]
        switch principal {
        case .viewer(let v):
            pairs += [
                ("account", .string(v.account)), ("role", .string(v.role.rawValue)), ("office", .string(v.office)),
                ("user", .string(v.user)), ("unqualified", .bool(v.unqualified)),
            ]
        case .ingest(let account):
            pairs.append(("account", .string(account)))
        case .operator:
            break
        }
        pairs += [
            ("curve_key", .string(curveKey)), ("label", .string(label)),
            ("created_at", .string(TokenTime.format(createdAt))),
            ("expires_at", .string(expiresAt.map(TokenTime.format))),
            ("revoked_at", .string(revokedAt.map(TokenTime.format))),
        ]
        return .object(pairs)
    }
}

/// Times in the store and in listings: UTC, RFC 3339 to the second.
enum TokenTime {
    static func format(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
