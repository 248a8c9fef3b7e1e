//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Crypto
import Foundation
import GRDB
import LeadstreamCore

/// The tokens a component checks, in `DATA/tokens.sqlite` (SQLite through
/// GRDB), with the audit log of every create, revoke and expiry beside them
/// in the same file.
///
/// A token is 256 random bits, shown once by `create` and kept only as its
/// SHA-256 (a random token needs no slow hash: it can't be guessed from a
/// dictionary). `leadstream token …` opens the store directly, whether or
/// not a component runs on it; a running component's `TokenDirectory` sees
/// the change within a second.
public final class TokenStore: Sendable {
    public static let fileName = "tokens.sqlite"
    /// The schema's version, checked on open.
    static let format = 1

    public let path: String
    let queue: DatabaseQueue

    /// Opens (creating) the store in the folder `data`.
    public init(data: String) throws {
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        path = (data as NSString).appendingPathComponent(Self.fileName)
        var config = Configuration()
        config.busyMode = .timeout(5)
        config.label = "leadstream-tokens"
        queue = try DatabaseQueue(path: path, configuration: config)
        try queue.write { db in
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            if version == 0 {
                try db.execute(sql: Self.schema)
                try db.execute(sql: "PRAGMA user_version = \(Self.format)")
            } else if version != Self.format {
                throw TokenStoreError("\(self.path) has token store format \(version); this leadstream reads \(Self.format)")
            }
        }
    }

    static let schema = """
        CREATE TABLE tokens (
            id TEXT PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            account TEXT, role TEXT, office TEXT, user TEXT,
            unqualified INTEGER NOT NULL DEFAULT 0,
            curve_key TEXT, label TEXT,
            created_at REAL NOT NULL, expires_at REAL, revoked_at REAL,
            expiry_logged INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE audit (
            n INTEGER PRIMARY KEY AUTOINCREMENT,
            at REAL NOT NULL, action TEXT NOT NULL, token_id TEXT NOT NULL, detail TEXT NOT NULL
        );
        """

    // MARK: - Changes

    /// Creates a token; returns its record and the token, which is not kept.
    public func create(
        _ principal: Principal, curveKey: String? = nil, label: String? = nil, expiresAt: Date? = nil,
        now: Date = Date()
    ) throws -> (record: TokenRecord, token: String) {
        let token = Self.newToken()
        let record = TokenRecord(
            id: "t_" + Self.hex(Self.randomBytes(8)), principal: principal,
            curveKey: curveKey, label: label, createdAt: now, expiresAt: expiresAt, revokedAt: nil)
        var v: Viewer?
        if case .viewer(let viewer) = principal { v = viewer }
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO tokens (id, hash, kind, account, role, office, user, unqualified, curve_key, label,
                                        created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.id, Self.hash(token), principal.kind, principal.account, v?.role.rawValue, v?.office,
                    v?.user, v?.unqualified ?? false, curveKey, label, now.timeIntervalSince1970,
                    expiresAt?.timeIntervalSince1970,
                ])
            try Self.audit(db, now, "create", record.id, record.json.compact)
        }
        return (record, token)
    }

    /// Revokes a token by id; `false` when there is no such token or it was already revoked.
    @discardableResult
    public func revoke(id: String, now: Date = Date()) throws -> Bool {
        try queue.write { db in
            try db.execute(
                sql: "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                arguments: [now.timeIntervalSince1970, id])
            guard db.changesCount == 1 else { return false }
            try Self.audit(db, now, "revoke", id, "{}")
            return true
        }
    }

    /// Writes an `expire` audit entry, once, for every token whose time has passed; returns their ids.
    @discardableResult
    public func noteExpiries(now: Date = Date()) throws -> [String] {
        try queue.write { db in
            let ids = try String.fetchAll(
                db,
                sql: """
                    SELECT id FROM tokens WHERE expires_at IS NOT NULL AND expires_at <= ?
                    AND expiry_logged = 0 AND revoked_at IS NULL
                    """, arguments: [now.timeIntervalSince1970])
            for id in ids {
                try db.execute(sql: "UPDATE tokens SET expiry_logged = 1 WHERE id = ?", arguments: [id])
                try Self.audit(db, now, "expire", id, "{}")
            }
            return ids
        }
    }

    // MARK: - Reading

    /// Every token, oldest first.
    public func list() throws -> [TokenRecord] {
        try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM tokens ORDER BY created_at, id").map(Self.record) }
    }

    /// Every token by its hash, for a `TokenDirectory`.
    func byHash() throws -> [String: TokenRecord] {
        try queue.read { db in
            var out: [String: TokenRecord] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM tokens") { out[row["hash"]] = Self.record(row) }
            return out
        }
    }

    /// The audit log, oldest first: `{"at", "action", "id", "detail"}`.
    public func auditLog() throws -> [JSONValue] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY n").map { row in
                JSONValue.object([
                    ("at", .string(TokenTime.format(Date(timeIntervalSince1970: row["at"])))),
                    ("action", .string(row["action"] as String)), ("id", .string(row["token_id"] as String)),
                    ("detail", .string(row["detail"] as String)),
                ])
            }
        }
    }

    /// SQLite's count of commits by other connections: it moves when `token …` changed the file.
    func dataVersion() throws -> Int { try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 } }

    // MARK: - Parts

    /// The stored form of a token: SHA-256, hex. On every request's path, so
    /// no `String(format:)` (measured: 32 of them cost ~100 µs a token).
    public static func hash(_ token: String) -> String { hex(SHA256.hash(data: Array(token.utf8))) }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func audit(_ db: Database, _ at: Date, _ action: String, _ id: String, _ detail: String) throws {
        try db.execute(
            sql: "INSERT INTO audit (at, action, token_id, detail) VALUES (?, ?, ?, ?)",
            arguments: [at.timeIntervalSince1970, action, id, detail])
    }

    private static func record(_ row: Row) -> TokenRecord {
        let principal: Principal
        switch row["kind"] as String {
        case "viewer":
            principal = .viewer(
                Viewer(
                    account: row["account"], role: Role(rawValue: row["role"]) ?? .advisor, office: row["office"],
                    user: row["user"], unqualified: row["unqualified"]))
        case "ingest": principal = .ingest(account: row["account"])
        default: principal = .operator
        }
        return TokenRecord(
            id: row["id"], principal: principal, curveKey: row["curve_key"], label: row["label"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            expiresAt: (row["expires_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            revokedAt: (row["revoked_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }

    /// A new token: `lst_` and 256 random bits in base64url (43 characters).
    static func newToken() -> String { tokenPrefix + base64url(randomBytes(32)) }

    static let tokenPrefix = "lst_"

    /// Whether `s` has the shape of a token this store makes, so a component without the store (the
    /// web face) can refuse anything else before asking, and put only such a string in a cookie.
    public static func isWellFormed(_ s: String) -> Bool {
        s.hasPrefix(tokenPrefix) && s.utf8.count == tokenPrefix.utf8.count + 43
            && s.utf8.dropFirst(tokenPrefix.utf8.count).allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
            }
    }

    static func randomBytes(_ n: Int) -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        return (0..<n).map { _ in UInt8.random(in: .min ... .max, using: &g) }
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

public struct TokenStoreError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
