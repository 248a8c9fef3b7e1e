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

    let pool: DatabasePool
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
        // The version is checked before migrating: a file of another version must be refused, not extended.
        try pool.read { db in try JournalSchema.check(db, path: path) }
        try JournalSchema.migrator().migrate(pool)
        let last = try pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT max(last_seq) FROM blocks") ?? 0
        }
        guard let lastSequence = UInt64(exactly: last) else {
            throw JournalError.sqlite(code: 11, message: "corrupt journal: last_seq \(last)")  // SQLITE_CORRUPT
        }
        counters = JournalCounters(lastSequence: lastSequence)
        JournalWriter.start(pool: pool, queue: queue, counters: counters, finished: writerFinished)
    }

    deinit {
        queue.close()
        writerFinished.wait()
    }

    /// Appends blocks and returns once they are durably committed, with the contiguous sequence range their
    /// events received; nil when there is none (nothing to commit, no number used).
    ///
    /// Batches of concurrent callers go into the same transaction. Once queued, a batch is committed even
    /// if the calling task is cancelled: an acknowledgement may be lost, an event may not.
    public func append(_ blocks: [JournalBlock]) async throws -> ClosedRange<UInt64>? {
        let blocks = blocks.filter { $0.events > 0 }
        if blocks.isEmpty { return nil }
        let checksums = blocks.map { BlockChecksum(events: $0.events, body: $0.body) }
        return try await withCheckedThrowingContinuation { continuation in
            queue.enqueue(PendingBatch(blocks: blocks, checksums: checksums, continuation: continuation))
        }
    }

    /// The sequence of the last committed entry, 0 for an empty journal.
    public var lastSequence: UInt64 { counters.lastSequence }

    /// Commit counters since this journal was opened.
    public var statistics: JournalStatistics { counters.statistics }

    /// The stored blocks holding events `from...through`, in order: the first may start before `from`, the
    /// last end after `through` (a block is read whole). Stops once the blocks read hold at least `limit`
    /// events.
    public func read(from: UInt64, through: UInt64, limit: Int) throws -> [StoredBlock] {
        guard limit >= 0 else { throw JournalError.invalidArgument("limit \(limit) is negative") }
        guard from <= through, limit > 0, from <= UInt64(Int64.max) else { return [] }
        var blocks: [StoredBlock] = []
        var events = 0
        // `through` bounds the query too: a block after the range is not read, so its checksum cannot fail a read
        // that does not ask for it.
        try pool.read { db in
            try Self.scan(db, from: from, through: through) { block in
                guard events < limit else { return false }
                blocks.append(block)
                events += block.events
                return true
            }
        }
        return blocks
    }

    /// Calls `body` with every block holding events from `from` on, in sequence order, without holding them
    /// all in memory (the start-up rebuild of the registry), until `body` returns `false`. Sees a consistent
    /// snapshot: blocks committed meanwhile are not visited (resume after the last visited block to catch up).
    public func forEach(from: UInt64 = 1, _ body: (StoredBlock) throws -> Bool) throws {
        guard from <= UInt64(Int64.max) else { return }
        try pool.read { db in try Self.scan(db, from: from, body) }
    }

    /// The blocks holding events from `from` on, in order, until `body` returns `false`.
    static func scan(
        _ db: Database, from: UInt64, through: UInt64 = UInt64(Int64.max), _ body: (StoredBlock) throws -> Bool
    ) throws {
        // The block holding `from` starts at the greatest first_seq ≤ from: one step down the rowid B-tree.
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT first_seq, last_seq, body, checksum FROM blocks
                WHERE first_seq >= coalesce((SELECT max(first_seq) FROM blocks WHERE first_seq <= ?1), 0)
                  AND last_seq >= ?1 AND first_seq <= ?2
                ORDER BY first_seq
                """,
            arguments: [Int64(from), Int64(clamping: through)])
        while let row = try rows.next() {
            guard try body(try block(row)) else { return }
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

    static func block(_ row: Row) throws -> StoredBlock {
        let first: Int64 = row[0]
        let last: Int64 = row[1]
        // No commit writes such a row (sequences start at 1, a block takes at least one): a damaged or
        // foreign file is refused as SQLite refuses one, instead of trapping in `UInt64(first)` or in
        // `StoredBlock.events` (found reading the journal's decoders for fuzzing).
        guard first >= 1, last >= first else {
            throw JournalError.sqlite(code: 11, message: "corrupt block row: first_seq \(first), last_seq \(last)")  // SQLITE_CORRUPT
        }
        let body: [UInt8] = try row.withUnsafeData(atIndex: 2) { data in data.map { [UInt8]($0) } ?? [] }
        let stored: [UInt8] = try row.withUnsafeData(atIndex: 3) { data in data.map { [UInt8]($0) } ?? [] }
        // A block is served only as it was written: a changed byte, or a row whose range no longer matches its
        // event count, stops the read rather than rebuild a registry or a consumer from it.
        guard last >= first, BlockChecksum(events: Int(last - first + 1), body: body).bytes == stored else {
            throw JournalError.corrupt(first: UInt64(first), last: UInt64(last))
        }
        return StoredBlock(first: UInt64(first), last: UInt64(last), body: body)
    }
}
