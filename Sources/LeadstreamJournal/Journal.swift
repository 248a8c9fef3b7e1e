import Dispatch
import GRDB

/// The capture gateway's append-only journal of accepted events: the source of truth that the registry is
/// rebuilt from, so "a process that is killed loses no acknowledged event".
///
/// SQLite through GRDB, in WAL mode: one writer thread commits, readers (`read`, `forEach`) run on their
/// own connections and never wait for it. `append` coalesces concurrent callers' batches into one
/// transaction (group commit, see `GroupCommitQueue`), so many acknowledgements share one fsync.
///
/// Opening an existing file resumes at its last committed sequence; after a crash SQLite's WAL recovery
/// restores exactly the committed transactions, and a transaction is committed before any of its callers
/// is acknowledged.
public final class Journal: Sendable {
    /// The database file.
    public let path: String
    public let configuration: JournalConfiguration

    private let pool: DatabasePool
    private let queue = GroupCommitQueue()
    private let counters: JournalCounters
    private let writerFinished = DispatchSemaphore(value: 0)

    /// Opens (creating if needed) the journal at `path` and starts its writer.
    public init(path: String, configuration: JournalConfiguration = JournalConfiguration()) throws {
        self.path = path
        self.configuration = configuration
        var config = Configuration()
        let durability = configuration.durability.pragmaValue
        let checkpoint = configuration.autoCheckpointPages
        let pageSize = configuration.pageSize
        config.prepareDatabase { db in
            // Only effective before the file exists (it runs before GRDB switches the file to WAL).
            try db.execute(sql: "PRAGMA page_size = \(pageSize)")
            try db.execute(sql: "PRAGMA synchronous = \(durability)")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(checkpoint)")
        }
        config.label = "leadstream-journal"
        pool = try DatabasePool(path: path, configuration: config)
        // Again on the writer, after the pool's set-up: GRDB's WAL set-up runs after `prepareDatabase` and
        // sets `synchronous = NORMAL`, which would silently turn `.full` into `.normal` for every commit.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = \(durability)")
        }
        try JournalSchema.migrator().migrate(pool)
        let last = try pool.read { db in
            let format = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'format'")
            guard format == JournalSchema.format else {
                throw JournalError.invalidArgument("\(path) is not a leadstream journal")
            }
            let version = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'version'")
            guard version == JournalSchema.version else {
                throw JournalError.invalidArgument(
                    "\(path) is journal format version \(version ?? "unknown"); this leadstream reads version \(JournalSchema.version) only (start from a fresh data folder, or use the release that wrote it)")
            }
            return try Int64.fetchOne(db, sql: "SELECT max(seq) FROM events") ?? 0
        }
        counters = JournalCounters(lastSequence: UInt64(last))
        JournalWriter.start(pool: pool, queue: queue, counters: counters, finished: writerFinished)
    }

    deinit {
        queue.close()
        writerFinished.wait()
    }

    /// Appends a batch and returns once it is durably committed, with the contiguous sequence range its
    /// entries received; nil for an empty batch (nothing to commit, no number used).
    ///
    /// Batches of concurrent callers go into the same transaction. Once queued, a batch is committed even
    /// if the calling task is cancelled: an acknowledgement may be lost, an event may not.
    public func append(_ batch: [JournalEntry]) async throws -> ClosedRange<UInt64>? {
        if batch.isEmpty { return nil }
        return try await withCheckedThrowingContinuation { continuation in
            queue.enqueue(PendingBatch(entries: batch, continuation: continuation))
        }
    }

    /// The sequence of the last committed entry, 0 for an empty journal.
    public var lastSequence: UInt64 { counters.lastSequence }

    /// Commit counters since this journal was opened.
    public var statistics: JournalStatistics { counters.statistics }

    /// Stored entries with `from ≤ seq ≤ through`, in order, at most `limit` of them.
    public func read(from: UInt64, through: UInt64, limit: Int) throws -> [StoredEvent] {
        guard limit >= 0 else { throw JournalError.invalidArgument("limit \(limit) is negative") }
        guard from <= through, limit > 0, from <= UInt64(Int64.max) else { return [] }
        let upper = Int64(clamping: through)
        return try pool.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT seq, account, event_id, line, change FROM events WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?",
                arguments: [Int64(from), upper, limit])
            var events: [StoredEvent] = []
            while let row = try rows.next() {
                events.append(try Self.event(row))
            }
            return events
        }
    }

    /// Calls `body` with every entry from `from` on, in sequence order, without holding them all in memory:
    /// the start-up rebuild of the registry. Sees a consistent snapshot: entries committed meanwhile are not
    /// visited (resume from the last visited sequence + 1 to catch up).
    public func forEach(from: UInt64 = 1, _ body: (StoredEvent) throws -> Void) throws {
        guard from <= UInt64(Int64.max) else { return }
        try pool.read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT seq, account, event_id, line, change FROM events WHERE seq >= ? ORDER BY seq",
                arguments: [Int64(from)])
            while let row = try rows.next() {
                try body(try Self.event(row))
            }
        }
    }

    /// Stops accepting batches, waits until everything already queued is committed, and checkpoints the WAL
    /// into the database file. Later `append`s throw `JournalError.closed`; reads keep working.
    public func close() throws {
        queue.close()
        writerFinished.wait()
        writerFinished.signal()  // so deinit's wait returns too
        try pool.writeWithoutTransaction { db in
            _ = try db.checkpoint(.truncate)
        }
    }

    /// An integer pragma as the writer connection sees it (`synchronous`: 0 OFF, 1 NORMAL, 2 FULL), for tests.
    func writerPragma(_ name: String) throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA \(name)") ?? -1 }
    }

    private static func event(_ row: Row) throws -> StoredEvent {
        let seq: Int64 = row[0]
        let line: [UInt8] = try row.withUnsafeData(atIndex: 3) { data in data.map { [UInt8]($0) } ?? [] }
        let change: [UInt8] = try row.withUnsafeData(atIndex: 4) { data in data.map { [UInt8]($0) } ?? [] }
        return StoredEvent(seq: UInt64(seq), account: row[1], eventID: row[2], line: line, change: change)
    }
}
