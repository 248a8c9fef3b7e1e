@testable import LeadstreamJournal

/// Event lines shaped like the gateway's input (≈200 bytes), unique per (appender, index).
enum Fixtures {
    static func entry(account: String = "acme", appender: Int = 0, index: Int) -> JournalEntry {
        let id = "e-\(appender)-\(index)"
        let line =
            #"{"type":"lead.created","event_id":"\#(id)","account":"\#(account)","occurred_at":"2026-11-20T10:00:00Z","lead_id":"l-\#(appender)-\#(index)","office":"o1","source":"ai_web_chat"}"#
        return JournalEntry(account: account, eventID: id, line: Array(line.utf8))
    }

    static func batch(appender: Int, start: Int, count: Int) -> [JournalEntry] {
        (start..<(start + count)).map { entry(appender: appender, index: $0) }
    }
}
