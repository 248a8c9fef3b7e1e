import GRDB

/// The journal's tables, created and evolved by GRDB's `DatabaseMigrator`.
///
/// A row is a block: the records of one admitted batch, with the sequences of its first and last event and
/// the SHA-256 of its event count and body (`BlockChecksum`), checked on every read (version 3); version 4
/// blocks may hold erased entries (record block version 3, `leadstream erase`).
/// `first_seq` is the `INTEGER PRIMARY KEY`, so it is SQLite's rowid: rows are stored in journal order in
/// the table's own B-tree, appends touch only its right edge, and no second index costs write bandwidth.
/// One row per batch, not per event: a thousand events cost one insert. Event-id uniqueness is
/// deliberately not a constraint here: duplicates are decided by the registry (SPEC §2), and a duplicate
/// is never journaled.
enum JournalSchema {
    /// The value stored in `meta.format`, checked on open so a file of another kind is refused.
    static let format = "leadstream-journal"
    /// The record format's version in `meta.version`, checked on open: a journal of another version is
    /// refused with a clear error rather than misread (there is no migration between versions yet).
    static let version = "4"

    /// Refuses a file that is not a journal of this version (a fresh file, without `meta`, passes).
    static func check(_ db: Database, path: String) throws {
        guard try db.tableExists("meta") else { return }
        let format = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'format'")
        guard format == JournalSchema.format else {
            throw JournalError.invalidArgument("\(path) is not a leadstream journal")
        }
        let version = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'version'")
        guard version == JournalSchema.version else {
            throw JournalError.invalidArgument(
                "\(path) is journal format version \(version ?? "unknown"); this leadstream reads version \(JournalSchema.version) only (start from a fresh data folder, or use the release that wrote it)")
        }
    }

    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("blocks") { db in
            try db.execute(
                sql: """
                    CREATE TABLE blocks (
                        first_seq INTEGER PRIMARY KEY,
                        last_seq INTEGER NOT NULL,
                        body BLOB NOT NULL,
                        checksum BLOB NOT NULL
                    );
                    CREATE TABLE meta (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    ) WITHOUT ROWID;
                    """)
            try db.execute(
                sql: "INSERT INTO meta(key, value) VALUES ('format', ?), ('version', ?)",
                arguments: [format, version])
        }
        return migrator
    }
}
