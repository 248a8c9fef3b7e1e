import GRDB

/// The journal's tables, created and evolved by GRDB's `DatabaseMigrator`.
///
/// `seq` is the `INTEGER PRIMARY KEY`, so it is SQLite's rowid: rows are stored in journal order in the
/// table's own B-tree, appends touch only its right edge, and no second index costs write bandwidth. Event-id
/// uniqueness is deliberately not a constraint here: duplicates are decided by the registry (SPEC §2), and a
/// duplicate is never journaled.
enum JournalSchema {
    /// The value stored in `meta.format`, checked on open so a file of another kind is refused.
    static let format = "leadstream-journal"
    /// The record format's version in `meta.version`, checked on open: a journal of another version is
    /// refused with a clear error rather than misread (there is no migration between versions yet).
    static let version = "1"

    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE events (
                        seq INTEGER PRIMARY KEY,
                        account TEXT NOT NULL,
                        event_id TEXT NOT NULL,
                        line BLOB NOT NULL,
                        change BLOB NOT NULL
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
