import Foundation
import LeadstreamJournal

/// Durable events per second for a grid of batch sizes, concurrent appenders and durability modes.
///
/// Every run writes a fresh journal file; the clock covers the appends only (entries are built before),
/// ending when the last `append` has returned, i.e. when every event is acknowledged as durable. Runs of
/// the grid are interleaved (run 1 of every cell, then run 2, …) so a noisy neighbour on the shared machine
/// spreads over all cells instead of spoiling one; the median is printed.
struct Throughput {
    let directory: String
    let runs: Int
    let bigEvents: Int
    let smallEvents: Int
    let checkpointPages: Int
    let pageSize: Int

    struct Cell: Hashable {
        let durability: JournalConfiguration.Durability
        let batch: Int
        let appenders: Int
    }

    func events(for batch: Int) -> Int { batch >= 100 ? bigEvents : smallEvents }

    func runAll(
        durabilities: [JournalConfiguration.Durability], batchSizes: [Int], appenderCounts: [Int]
    ) async throws {
        let entries = Self.makeEntries(count: max(bigEvents, smallEvents))
        let averageLine = entries.prefix(1000).map(\.line.count).reduce(0, +) / min(1000, entries.count)
        print(
            "bench-journal: \(runs) runs per cell, median; lines ≈\(averageLine) bytes; wal_autocheckpoint \(checkpointPages); page_size \(pageSize); dir \(directory)"
        )
        var cells: [Cell] = []
        for d in durabilities {
            for b in batchSizes {
                for a in appenderCounts { cells.append(Cell(durability: d, batch: b, appenders: a)) }
            }
        }
        var results: [Cell: [(rate: Double, transactions: UInt64)]] = [:]
        for run in 0..<runs {
            for cell in cells {
                let result = try await measure(cell, entries: entries.prefix(events(for: cell.batch)), run: run)
                results[cell, default: []].append(result)
            }
        }
        print("durability  batch  appenders     events   events/s (median)  batches/txn")
        for cell in cells {
            let rs = results[cell]!.sorted { $0.rate < $1.rate }
            let median = rs[rs.count / 2]
            let batches = Double(events(for: cell.batch) / cell.batch)
            let line = String(
                format: "%-10@ %6d %10d %10d %18.0f %12.1f", cell.durability.rawValue as NSString, cell.batch,
                cell.appenders, events(for: cell.batch), median.rate, batches / Double(median.transactions))
            print(line)
        }
    }

    private func measure(_ cell: Cell, entries: ArraySlice<JournalEntry>, run: Int) async throws -> (Double, UInt64) {
        let path = "\(directory)/bench-\(cell.durability.rawValue)-\(cell.batch)-\(cell.appenders)-\(run).sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let journal = try Journal(
            path: path,
            configuration: JournalConfiguration(
                durability: cell.durability, autoCheckpointPages: checkpointPages, pageSize: pageSize))
        let batches = stride(from: entries.startIndex, to: entries.endIndex, by: cell.batch).map {
            Array(entries[$0..<min($0 + cell.batch, entries.endIndex)])
        }
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for appender in 0..<cell.appenders {
                group.addTask {
                    for index in stride(from: appender, to: batches.count, by: cell.appenders) {
                        _ = try await journal.append(batches[index])
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let transactions = journal.statistics.transactions
        try journal.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        return (Double(entries.count) / seconds, transactions)
    }

    /// Realistic `lead.created` lines of about 200 bytes, distinct per event.
    static func makeEntries(count: Int) -> [JournalEntry] {
        (0..<count).map { i in
            let account = "acct-\(i % 50)"
            let id = "evt-\(String(i, radix: 16))-\(i &* 2_654_435_761 % 1_000_003)"
            let line =
                #"{"type":"lead.created","event_id":"\#(id)","account":"\#(account)","occurred_at":"2026-11-20T10:\#(i % 60 / 10)\#(i % 10):00Z","lead_id":"lead-\#(i)","office":"office-\#(i % 7)","source":"ai_web_chat","user":"user-\#(i % 31)"}"#
            return JournalEntry(account: account, eventID: id, line: Array(line.utf8))
        }
    }
}
