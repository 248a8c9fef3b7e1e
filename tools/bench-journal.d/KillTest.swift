import Foundation
import LeadstreamJournal

/// A real crash test: a child process appends blocks of 100 events and prints each acknowledged sequence;
/// the parent kills it with SIGKILL mid-stream, reopens the journal, and checks that every acknowledged event
/// is there, in blocks numbered contiguously from 1, each with the exact bytes appended.
enum KillTest {
    static let eventsPerBlock = 100

    static func writeForever(path: String, durability: JournalConfiguration.Durability, eventBytes: Int) async throws {
        let journal = try Journal(path: path, configuration: JournalConfiguration(durability: durability))
        var index = 0
        while true {
            let block = JournalBlock(
                events: eventsPerBlock,
                body: BlockBody.make(firstEvent: index, events: eventsPerBlock, bytesPerEvent: eventBytes))
            index += eventsPerBlock
            if let range = try await journal.append([block]) {
                FileHandle.standardOutput.write(Data("\(range.upperBound)\n".utf8))
            }
        }
    }

    static func run(directory: String, durability: String, rounds: Int, eventBytes: Int) throws -> Bool {
        var allOK = true
        for round in 1...rounds {
            let path = "\(directory)/kill-test-\(round).sqlite"
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            let child = Process()
            child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            child.arguments = [
                "--writer", path, "--durability", durability, "--dir", directory, "--event-bytes", "\(eventBytes)",
            ]
            let pipe = Pipe()
            child.standardOutput = pipe
            try child.run()
            let output = OutputCollector(pipe.fileHandleForReading)
            Thread.sleep(forTimeInterval: 0.5 + 0.4 * Double(round))
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            let acknowledged = output.finish().split(separator: "\n").compactMap { UInt64($0) }.max() ?? 0

            let journal = try Journal(path: path)
            var expected: UInt64 = 1
            var blocks = 0
            var intact = true
            try journal.forEach { block in
                // The child's blocks are all `eventsPerBlock` long and numbered from event 0 = sequence 1.
                let body = BlockBody.make(
                    firstEvent: Int(block.first) - 1, events: eventsPerBlock, bytesPerEvent: eventBytes)
                if block.first != expected || block.events != eventsPerBlock || block.body != body { intact = false }
                expected = block.last + 1
                blocks += 1
                return true
            }
            let last = journal.lastSequence
            try journal.close()
            // Every block read, up to the last sequence, with no gap, and at least every acknowledged event.
            let contiguous = intact && expected - 1 == last
            let ok = contiguous && last >= acknowledged && acknowledged > 0
            allOK = allOK && ok
            print(
                "kill-test round \(round) (\(durability)): acknowledged \(acknowledged) events, recovered \(last) in \(blocks) blocks, contiguous and intact \(contiguous): \(ok ? "OK" : "FAIL")"
            )
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        return allOK
    }
}

/// Reads a child's stdout on its own thread until EOF, so the child never blocks on a full pipe.
final class OutputCollector: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let box = Box()

    final class Box: @unchecked Sendable { var data = Data() }  // written by the reader thread before `done`

    init(_ handle: FileHandle) {
        let box = self.box
        let done = self.done
        Thread.detachNewThread {
            box.data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func finish() -> String {
        done.wait()
        return String(decoding: box.data, as: UTF8.self)
    }
}
