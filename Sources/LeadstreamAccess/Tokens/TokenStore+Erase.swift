//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import GRDB

extension TokenStore {
    /// Tenant erasure (`leadstream erase`): deletes every token scoped to `account` (ingest and viewer tokens,
    /// revoked and expired ones included) with their audit entries, which name the account, and writes one
    /// `erase` audit entry that does not (`{"tokens": N}`). Then vacuums the file with `secure_delete` on, so no
    /// free page keeps a hash, a label or the name. A running component's `TokenDirectory` sees the change
    /// within a second, like a `revoke`, when this is another connection than its own (open a new store).
    /// Returns how many tokens were removed.
    public func eraseAccount(_ account: String, now: Date = Date()) throws -> Int {
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
        let removed = try queue.write { db -> Int in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM tokens WHERE account = ?", arguments: [account])
            for id in ids { try db.execute(sql: "DELETE FROM audit WHERE token_id = ?", arguments: [id]) }
            try db.execute(sql: "DELETE FROM tokens WHERE account = ?", arguments: [account])
            if !ids.isEmpty {
                try db.execute(
                    sql: "INSERT INTO audit (at, action, token_id, detail) VALUES (?, 'erase', '-', ?)",
                    arguments: [now.timeIntervalSince1970, "{\"tokens\":\(ids.count)}"])
            }
            return ids.count
        }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
        return removed
    }
}
