import Foundation
import GRDB
import GRDBSQLite

/// The journal's single writer: a dedicated thread that turns queued batches into transactions.
///
/// A dedicated thread, not a task, because a commit blocks in fsync for milliseconds and the cooperative
/// pool has one thread per core (two here): blocking it would stall every other task of the process,
/// including the callers that should be queueing the next group.
///
/// Sequence numbers are assigned here, in commit order, from the last committed one; a batch gets a
/// contiguous range because it is inserted in one piece inside one transaction.
enum JournalWriter {
    /// Starts the writer thread; `finished` is signalled when it has drained the queue and exited.
    static func start(
        pool: DatabasePool, queue: GroupCommitQueue, counters: JournalCounters, finished: DispatchSemaphore
    ) {
        let thread = Thread {
            run(pool: pool, queue: queue, counters: counters)
            finished.signal()
        }
        thread.name = "leadstream-journal-writer"
        thread.start()
    }

    private static func run(pool: DatabasePool, queue: GroupCommitQueue, counters: JournalCounters) {
        var next = counters.lastSequence + 1
        while let group = queue.takeAll() {
            let start = next
            do {
                let end = try pool.write { db in
                    try insert(group, from: start, in: db)
                }
                next = end + 1
                // Publish before acknowledging, so a caller that got its range sees `lastSequence` cover it.
                counters.committed(
                    through: end, batches: group.count, entries: Int(end - start + 1))
                var position = start
                for batch in group {
                    let range = position...(position + UInt64(batch.events) - 1)
                    position = range.upperBound + 1
                    batch.continuation.resume(returning: range)
                }
            } catch {
                if isDiskFull(error) {
                    // Rolled back whole: `next` is unchanged, and the next group tries again.
                    let full = JournalError.full(String(describing: error))
                    for batch in group { batch.continuation.resume(throwing: full) }
                    continue
                }
                let failure = JournalError.failed(String(describing: error))
                for batch in group {
                    batch.continuation.resume(throwing: failure)
                }
                queue.fail(with: failure)
                return
            }
        }
    }

    /// SQLite's "database or disk is full", from a step (our raw binding) or from GRDB (the commit).
    private static func isDiskFull(_ error: any Error) -> Bool {
        if case .sqlite(let code, _) = error as? JournalError { return code & 0xFF == SQLITE_FULL }
        if let error = error as? DatabaseError { return error.resultCode == .SQLITE_FULL }
        return false
    }

    /// Inserts every block of the group with sequences from `start`; returns the last sequence used.
    ///
    /// Binds through the raw statement handle: GRDB's `StatementArguments` boxes every value. The bytes are
    /// bound `SQLITE_STATIC` and the statement is stepped before the closure that lends them returns.
    private static func insert(_ group: [PendingBatch], from start: UInt64, in db: Database) throws -> UInt64 {
        let statement = try db.cachedStatement(sql: "INSERT INTO blocks(first_seq, last_seq, body, checksum) VALUES (?, ?, ?, ?)")
        let handle = statement.sqliteStatement
        var seq = start
        for batch in group {
            for (block, checksum) in zip(batch.blocks, batch.checksums) {
                let last = seq + UInt64(block.events) - 1
                let rc: Int32 = block.body.withUnsafeBytes { body in
                    checksum.bytes.withUnsafeBytes { sum in
                    sqlite3_bind_int64(handle, 1, Int64(seq))
                    sqlite3_bind_int64(handle, 2, Int64(last))
                    // A zero-length blob needs a non-null pointer, or SQLite stores NULL.
                    sqlite3_bind_blob(handle, 3, body.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(body.count), nil)
                    sqlite3_bind_blob(handle, 4, sum.baseAddress!, Int32(sum.count), nil)
                    let step = sqlite3_step(handle)
                    sqlite3_reset(handle)
                    sqlite3_clear_bindings(handle)
                    return step
                    }
                }
                guard rc == SQLITE_DONE else {
                    throw JournalError.sqlite(code: rc, message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                seq = last + 1
            }
        }
        return seq - 1
    }
}
