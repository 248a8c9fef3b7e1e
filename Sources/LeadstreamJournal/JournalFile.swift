import GRDB

/// A journal opened read-only, for inspection (`leadstream journal`), also while its gateway runs: WAL
/// readers never wait for the writer and never take its lock, so looking cannot slow a commit down.
public struct JournalFile: Sendable {
    public let path: String
    private let queue: DatabaseQueue

    /// Opens an existing journal; refuses a missing file, another kind of file or another version.
    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.readonly = true
        config.label = "leadstream-journal-reader"
        queue = try DatabaseQueue(path: path, configuration: config)
        try queue.read { db in
            guard try db.tableExists("meta") else { throw JournalError.invalidArgument("\(path) is not a leadstream journal") }
            try JournalSchema.check(db, path: path)
        }
    }

    /// The blocks holding events from `from` on, in order, until `body` returns `false` (one snapshot).
    public func forEach(from: UInt64 = 1, _ body: (StoredBlock) throws -> Bool) throws {
        try queue.read { db in try Journal.scan(db, from: from, body) }
    }
}
