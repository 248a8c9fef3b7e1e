//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import GRDB

/// Tenant erasure (docs/operations.md, "Tenant erasure"): the one change the journal allows to what it has
/// committed. A block's body is replaced by one with the same event count (so no sequence number moves), its
/// checksum recomputed, in one transaction; then SQLite is made to forget the old bytes.
extension Journal {
    /// What `rewrite` changed.
    public struct Rewrite: Sendable, Equatable {
        /// Blocks whose body was replaced.
        public var blocks = 0
        /// The journal's last sequence when the rewrite ran (it saw every block through it).
        public var through: UInt64 = 0
    }

    /// Offers every block to `transform`, in order, and stores the body it returns in place of the old one
    /// (`nil`: unchanged), all in one transaction on the writer's connection (appends wait for it; a process
    /// killed meanwhile leaves the journal as it was before, never half rewritten). A new body must hold as
    /// many events as the old one. Then checkpoints the WAL (truncating it) and vacuums the file, with
    /// `secure_delete` on, so neither a free page nor a WAL frame keeps the old bodies.
    ///
    /// The caller stops appends first (the gateway holds admission): a block committed during the rewrite is
    /// not offered to `transform`.
    public func rewrite(_ transform: (StoredBlock) throws -> [UInt8]?) throws -> Rewrite {
        var result = Rewrite()
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.inTransaction(.immediate) {
                // In pages of rows, so the whole journal is never in memory, and no cursor is open on the rows
                // being updated.
                var after: Int64 = 0
                while true {
                    let rows = try Row.fetchAll(
                        db, sql: "SELECT first_seq, last_seq, body, checksum FROM blocks WHERE first_seq > ? ORDER BY first_seq LIMIT 1000",
                        arguments: [after])
                    guard !rows.isEmpty else { break }
                    for row in rows {
                        let block = try Self.block(row)
                        after = Int64(block.first)
                        result.through = block.last
                        guard let body = try transform(block) else { continue }
                        let checksum = BlockChecksum(events: block.events, body: body)
                        try db.execute(
                            sql: "UPDATE blocks SET body = ?, checksum = ? WHERE first_seq = ?",
                            arguments: [Data(body), Data(checksum.bytes), after])
                        result.blocks += 1
                    }
                }
                return .commit
            }
            try forgetFreedPages(db)
        }
        return result
    }

    /// Copies the WAL into the file and truncates it, rebuilds the file without free pages, and truncates the
    /// WAL again (VACUUM writes through it).
    private func forgetFreedPages(_ db: Database) throws {
        try Self.truncateWAL(db)
        try db.execute(sql: "VACUUM")
        try Self.truncateWAL(db)
    }

    /// `wal_checkpoint(TRUNCATE)`, retried while a reader's snapshot holds it back (up to about 5 s).
    static func truncateWAL(_ db: Database) throws {
        var attempt = 0
        while true {
            do {
                _ = try db.checkpoint(.truncate)
                return
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < 250 {
                attempt += 1
                usleep(20_000)
            }
        }
    }
}
