//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import ArgumentParser
import LeadstreamCore
import LeadstreamJournal

/// `leadstream journal`: a gateway journal's events as NDJSON, read from the
/// file (also while the gateway runs: readers never wait for its writer).
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Print a gateway journal's events as NDJSON: their records, or event lines for offline mode.",
        discussion: """
            The journal keeps each accepted event as a compact record (docs/cluster.md), not the line that was \
            sent. By default one line per record: seq, record (created, updated, settings), event_id, account and \
            the lead's facts after the event, with names. With --events, event lines with the same effect: \
            `leadstream journal --data D --events | leadstream report --events - …` gives the reports of the \
            journal (docs/journal.md).
            """
    )

    @Option(help: "The gateway's data folder (its journal.sqlite).") var data = "./leadstream-data"
    @Option(help: "The first sequence to print.") var from: UInt64 = 1
    @Flag(help: "Event lines for offline mode instead of records.") var events = false

    func run() throws {
        let journal: JournalFile
        let path = data + "/journal.sqlite"
        do { journal = try JournalFile(path: path) } catch { throw UsageError(.invalidValue, "cannot read the journal \(path): \(error)") }
        var export = RecordExport(form: events ? .events : .records)
        var failure: String?
        // Names are defined once, where they first appear: read from the start, print from `from`.
        try journal.forEach(from: 1) { stored in
            guard let block = RecordBlock(stored.body), block.events == stored.events else {
                failure = "the block at seq \(stored.first) is not a record block of \(stored.events) events"
                return false
            }
            for line in export.lines(block, first: stored.first, from: from) { print(line) }
            return true
        }
        if let failure { throw UsageError(.invalidValue, failure) }
    }
}
