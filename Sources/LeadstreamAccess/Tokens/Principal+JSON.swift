//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore

/// The `whoami` reply body (docs/protocol.md): who a token stands for, so a
/// component that has no token store (the web face) can shape a page and a
/// live stream while the aggregator stays the one that resolves tokens.
///
/// `{"kind": "open"}` when access is not enforced; otherwise
/// `{"kind": "viewer", "account", "role", "office", "user", "unqualified"}`,
/// `{"kind": "ingest", "account"}` or `{"kind": "operator"}`.
public enum PrincipalJSON {
    public static func encode(_ principal: Principal?) -> JSONValue {
        switch principal {
        case nil: .object([("kind", .string("open"))])
        case .operator?: .object([("kind", .string("operator"))])
        case .ingest(let account)?: .object([("kind", .string("ingest")), ("account", .string(account))])
        case .viewer(let v)?: .object([("kind", .string("viewer"))] + viewerMembers(v))
        }
    }

    /// The viewer's own members, as `GET /v1/session` shows them.
    public static func viewerMembers(_ v: Viewer) -> [(String, JSONValue)] {
        [
            ("account", .string(v.account)), ("role", .string(v.role.rawValue)), ("office", .string(v.office)),
            ("user", .string(v.user)), ("unqualified", .bool(v.unqualified)),
        ]
    }

    /// Parses a `whoami` body: `.success(nil)` for open mode, `nil` when the body is not one.
    public static func decode(_ body: [UInt8]) -> Principal?? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let kind = object["kind"] as? String
        else { return nil }
        switch kind {
        case "open": return .some(nil)
        case "operator": return .some(.operator)
        case "ingest":
            guard let account = object["account"] as? String else { return nil }
            return .some(.ingest(account: account))
        case "viewer":
            guard let account = object["account"] as? String, let role = (object["role"] as? String).flatMap(Role.init)
            else { return nil }
            return .some(
                .viewer(
                    Viewer(
                        account: account, role: role, office: object["office"] as? String, user: object["user"] as? String,
                        unqualified: object["unqualified"] as? Bool ?? false)))
        default: return nil
        }
    }
}
