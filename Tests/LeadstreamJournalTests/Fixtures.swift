import GRDB

@testable import LeadstreamJournal

/// Blocks shaped like the gateway's: one per admitted batch, a body of about 150 bytes per event. The
/// journal never reads a body, so it is the event lines themselves, unique per (appender, index), which
/// makes a body misplaced or mixed up with another block's show at once.
enum Fixtures {
    static func body(appender: Int, index: Int, events: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for event in 0..<events {
            let id = "e-\(appender)-\(index)-\(event)"
            let line =
                #"{"type":"lead.created","event_id":"\#(id)","account":"acme","occurred_at":"2026-11-20T10:00:00Z","lead_id":"l-\#(id)","office":"o1","source":"ai_web_chat"}"#
            bytes += line.utf8
            bytes.append(0x0A)
        }
        return bytes
    }

    /// Block `index` of `appender`, taking `events` sequence numbers.
    static func block(appender: Int = 0, index: Int, events: Int) -> JournalBlock {
        JournalBlock(events: events, body: body(appender: appender, index: index, events: events))
    }

    /// `count` blocks of `events` events each, indexed from `start`.
    static func blocks(appender: Int = 0, start: Int = 0, count: Int, events: Int) -> [JournalBlock] {
        (start..<(start + count)).map { block(appender: appender, index: $0, events: events) }
    }

    /// The stored blocks that appending `blocks` as one batch at `range` must produce: contiguous, in order.
    static func stored(_ blocks: [JournalBlock], at range: ClosedRange<UInt64>) -> [StoredBlock] {
        var first = range.lowerBound
        return blocks.map { block in
            let last = first + UInt64(block.events) - 1
            defer { first = last + 1 }
            return StoredBlock(first: first, last: last, body: block.body)
        }
    }

    /// Sequence ranges of stored blocks, for compact expectations.
    static func ranges(_ blocks: [StoredBlock]) -> [ClosedRange<UInt64>] {
        blocks.map { $0.first...$0.last }
    }

    /// A journal as the release before blocks wrote it: one row per event in `events`, `meta.version` 1,
    /// GRDB's migration "v1" applied.
    static func writeVersion1Journal(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations(identifier) VALUES ('v1');
                    CREATE TABLE events (
                        seq INTEGER PRIMARY KEY,
                        account TEXT NOT NULL,
                        event_id TEXT NOT NULL,
                        line BLOB NOT NULL,
                        change BLOB NOT NULL
                    );
                    INSERT INTO events(seq, account, event_id, line, change) VALUES (1, 'acme', 'e-1', x'7b7d', x'');
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
                    INSERT INTO meta(key, value) VALUES ('format', 'leadstream-journal'), ('version', '1');
                    """)
        }
        try queue.close()
    }
}
