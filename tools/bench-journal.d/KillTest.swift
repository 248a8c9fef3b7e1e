import Foundation
import LeadstreamJournal

/// A real crash test: a child process appends batches and prints each acknowledged sequence; the parent
/// kills it with SIGKILL mid-stream, reopens the journal, and checks that every acknowledged event is there,
/// numbered contiguously from 1, byte for byte.
enum KillTest {
    static func writeForever(path: String, durability: JournalConfiguration.Durability) async throws {
        let journal = try Journal(path: path, configuration: JournalConfiguration(durability: durability))
        var index = 0
        while true {
            let batch = (index..<(index + 100)).map(entry)
            index += 100
            if let range = try await journal.append(batch) {
                FileHandle.standardOutput.write(Data("\(range.upperBound)\n".utf8))
            }
        }
    }

    static func entry(_ i: Int) -> JournalEntry {
        let line =
            #"{"type":"lead.created","event_id":"k\#(i)","account":"acme","occurred_at":"2026-11-20T10:00:00Z","lead_id":"l\#(i)","office":"o1","source":"ai_web_chat"}"#
        return JournalEntry(account: "acme", eventID: "k\(i)", line: Array(line.utf8))
    }

    static func run(directory: String, durability: String, rounds: Int) throws -> Bool {
        var allOK = true
        for round in 1...rounds {
            let path = "\(directory)/kill-test-\(round).sqlite"
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            let child = Process()
            child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            child.arguments = ["--writer", path, "--durability", durability, "--dir", directory]
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
            var intact = true
            try journal.forEach { event in
                if event.seq != expected || event.line != entry(Int(event.seq) - 1).line { intact = false }
                expected += 1
            }
            let last = journal.lastSequence
            try journal.close()
            let ok = intact && last >= acknowledged && acknowledged > 0
            allOK = allOK && ok
            print(
                "kill-test round \(round) (\(durability)): acknowledged \(acknowledged), recovered \(last), contiguous and intact \(intact): \(ok ? "OK" : "FAIL")"
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
