import Foundation
import LeadstreamJournal

/// tools/bench-journal: durable append throughput of the journal, or a real kill -9 recovery check.
/// Options are parsed by hand: the benchmark must build with nothing but GRDB and the journal.
/// `--batches` are events per block (one block per append, as the gateway journals an admitted batch);
/// `--event-bytes` (default 100) is the body size per event, for both modes.
var options: [String: String] = [:]
var flags: Set<String> = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if ["--kill-test"].contains(argument) {
        flags.insert(argument)
    } else if let value = arguments.popFirst() {
        options[argument] = value
    } else {
        FileHandle.standardError.write(Data("bench-journal: \(argument) needs a value\n".utf8))
        exit(2)
    }
}

let directory = options["--dir"] ?? ".build-bench-journal/data"
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
// Body bytes per event of the blocks appended (the gateway's records: about 100).
let eventBytes = Int(options["--event-bytes"] ?? "") ?? BlockBody.defaultBytesPerEvent

if let path = options["--writer"] {
    // The child of --kill-test: append blocks until killed, printing each acknowledged upper bound.
    let durability = JournalConfiguration.Durability(rawValue: options["--durability"] ?? "normal") ?? .normal
    try await KillTest.writeForever(path: path, durability: durability, eventBytes: eventBytes)
} else if flags.contains("--kill-test") {
    let durability = options["--durability"] ?? "normal"
    let ok = try KillTest.run(
        directory: directory, durability: durability, rounds: Int(options["--rounds"] ?? "3") ?? 3,
        eventBytes: eventBytes)
    exit(ok ? 0 : 1)
} else {
    let bench = Throughput(
        directory: directory,
        runs: Int(options["--runs"] ?? "3") ?? 3,
        bigEvents: Int(options["--events"] ?? "1000000") ?? 1_000_000,
        smallEvents: Int(options["--small-events"] ?? "20000") ?? 20_000,
        checkpointPages: Int(options["--checkpoint-pages"] ?? "1000") ?? 1000,
        pageSize: Int(options["--page-size"] ?? "65536") ?? 65536,
        eventBytes: eventBytes)
    let durabilities = (options["--durability"].map { [$0] } ?? ["full", "normal"])
        .compactMap(JournalConfiguration.Durability.init(rawValue:))
    let batchSizes = (options["--batches"] ?? "1,100,1000").split(separator: ",").compactMap { Int($0) }
    let appenders = (options["--appenders"] ?? "1,4,16").split(separator: ",").compactMap { Int($0) }
    try await bench.runAll(durabilities: durabilities, batchSizes: batchSizes, appenderCounts: appenders)
}
