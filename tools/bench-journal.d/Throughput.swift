import Foundation
import LeadstreamJournal

/// Durable events per second for a grid of block sizes, concurrent appenders and durability modes.
///
/// Each `append` is one block of `batch` events, as the gateway journals one block per admitted batch, with
/// a body of `eventBytes` per event. Every run writes a fresh journal file; the clock covers the appends
/// only (blocks are built before), ending when the last `append` has returned, i.e. when every event is
/// acknowledged as durable. Runs of the grid are interleaved (run 1 of every cell, then run 2, …) so a noisy
/// neighbour on the shared machine spreads over all cells instead of spoiling one; the median is printed.
struct Throughput {
    let directory: String
    let runs: Int
    let bigEvents: Int
    let smallEvents: Int
    let checkpointPages: Int
    let pageSize: Int
    let eventBytes: Int

    struct Cell: Hashable {
        let durability: JournalConfiguration.Durability
        let batch: Int
        let appenders: Int
    }

    func events(for batch: Int) -> Int { batch >= 100 ? bigEvents : smallEvents }

    func runAll(
        durabilities: [JournalConfiguration.Durability], batchSizes: [Int], appenderCounts: [Int]
    ) async throws {
        print(
            "bench-journal: \(runs) runs per cell, median; one block per append; bodies \(eventBytes) bytes per event; wal_autocheckpoint \(checkpointPages); page_size \(pageSize); dir \(directory)"
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
                let result = try await measure(cell, run: run)
                results[cell, default: []].append(result)
            }
        }
        print("durability  events/block  appenders     events   events/s (median)  appends/txn")
        for cell in cells {
            let rs = results[cell]!.sorted { $0.rate < $1.rate }
            let median = rs[rs.count / 2]
            let appends = Double(blockSizes(cell.batch).count)
            // Padded here: Foundation on Linux ignores the width of `%@`.
            let durability = cell.durability.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
            let line = String(
                format: "%@ %13d %10d %10d %18.0f %12.1f", durability as NSString, cell.batch,
                cell.appenders, events(for: cell.batch), median.rate, appends / Double(median.transactions))
            print(line)
        }
    }

    /// The event counts of the blocks of a cell: `batch` each, the last one holding the remainder.
    private func blockSizes(_ batch: Int) -> [Int] {
        let total = events(for: batch)
        return stride(from: 0, to: total, by: batch).map { min(batch, total - $0) }
    }

    private func measure(_ cell: Cell, run: Int) async throws -> (Double, UInt64) {
        let path = "\(directory)/bench-\(cell.durability.rawValue)-\(cell.batch)-\(cell.appenders)-\(run).sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        var first = 0
        let blocks = blockSizes(cell.batch).map { events in
            defer { first += events }
            return JournalBlock(
                events: events, body: BlockBody.make(firstEvent: first, events: events, bytesPerEvent: eventBytes))
        }
        let total = first
        let journal = try Journal(
            path: path,
            configuration: JournalConfiguration(
                durability: cell.durability, autoCheckpointPages: checkpointPages, pageSize: pageSize))
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for appender in 0..<cell.appenders {
                group.addTask {
                    for index in stride(from: appender, to: blocks.count, by: cell.appenders) {
                        _ = try await journal.append([blocks[index]])
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let transactions = journal.statistics.transactions
        guard journal.lastSequence == UInt64(total) else {
            throw BenchError("journal holds \(journal.lastSequence) events after appending \(total)")
        }
        try journal.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        return (Double(total) / seconds, transactions)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
