//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import ArgumentParser
import Foundation
import LeadstreamCore
import LeadstreamLoad
import ZeroMQ

/// `leadstream load` (SPEC §11): generate realistic load, measure acknowledgement
/// and capture-to-publish latency, and check the final figures.
struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Send realistic load through a running cluster, measure latencies and check the final figures.",
        discussion: """
            Subscribes to every topic on --publish, sends --events FILE or a generated stream (--generate N \
            --seed S) to --ingest, and reports durable events/s, acknowledgement latency per batch, \
            capture→publish latency (a batch's send to the first live result whose as_of.seq covers it), \
            and the latency of --queries report requests on --query, timed one at a time after the load. \
            Then, for the busiest accounts, every exec/ topic's last live result must equal the report \
            answer (apart from topic, version, previous_version and as_of). Exits 1 if a check fails, 3 if \
            the cluster stops answering. A generated stream uses event ids e000000001…: send it to a fresh \
            cluster. --write-events FILE writes the generated stream and exits (to feed other systems the \
            same events). See docs/load.md.
            """
    )

    @Option(help: "The gateway's ingest endpoint.") var ingest = DefaultEndpoints.ingest
    @Option(help: "The aggregator's live results.") var publish = DefaultEndpoints.publish
    @Option(name: .customLong("query"), help: "The aggregator's query endpoint.") var queryEndpoint = DefaultEndpoints.query
    @Option(help: "An NDJSON file to send instead of a generated stream.") var events: String?
    @Option(help: "Generate this many events (default 100000 without --events).") var generate: Int?
    @Option(help: "The generator's seed.") var seed: UInt64 = 1
    @Option(help: "The generator's accounts (the first is the busiest).") var accounts = 5
    @Option(help: "Events per second; 0: as fast as acknowledgements allow.") var rate = 0.0
    @Option(help: "Lines per batch.") var batch = 1_000
    @Option(help: "Batches in flight.") var window = 16
    @Option(help: "Report requests to time after the load.") var queries = 200
    @Option(help: "How many of the busiest accounts the final check covers.") var checkAccounts = 3
    @Option(help: "Seconds to wait after the last ack for a live result that covers it.") var settleTimeout = 60.0
    @Option(help: "Write the generated stream to this file and exit without sending.") var writeEvents: String?
    @Flag(help: "Print the summary as JSON.") var json = false
    @Option(help: "With --access tokens: the ingest token to send with (one account: use --accounts 1).")
    var ingestToken: String?
    @Option(help: "With --access tokens: a viewer or operator token to read live results and reports with.")
    var viewerToken: String?
    @OptionGroup(title: "CURVE (docs/security.md)") var curve: CurveClientOptions

    func validate() throws {
        guard batch >= 1, window >= 1, rate >= 0, queries >= 0, accounts >= 1, checkAccounts >= 0, settleTimeout > 0 else {
            throw UsageError(.invalidValue, "--batch, --window and --accounts must be positive; --rate and --queries ≥ 0")
        }
        if events != nil, generate != nil || writeEvents != nil {
            throw UsageError(.invalidValue, "--events and --generate/--write-events exclude each other")
        }
        if let n = generate, n < 1 { throw UsageError(.invalidValue, "--generate must be positive") }
    }

    func run() throws {
        var load = LoadRun.Configuration()
        (load.ingest, load.publish, load.query) = (ingest, publish, queryEndpoint)
        (load.batch, load.window, load.rate, load.queries) = (batch, window, rate, queries)
        load.checkAccounts = checkAccounts
        (load.ingestToken, load.viewerToken) = (ingestToken, viewerToken)
        load.security = try curve.security()
        load.settleTimeout = .milliseconds(Int(settleTimeout * 1000))
        let outcome: LoadOutcome
        if let events {
            let file: EventFile
            do { file = try EventFile(path: events) } catch { throw UsageError(.invalidValue, "cannot read \(error)") }
            outcome = try measure(load) { run in try file.withBytes { try run($0, nil) } }
        } else {
            var stream = EventStream(seed: seed, accounts: accounts)
            let bytes = stream.nextBatch(count: generate ?? 100_000)
            if let writeEvents {
                guard FileManager.default.createFile(atPath: writeEvents, contents: Data(bytes)) else {
                    throw UsageError(.invalidValue, "cannot write \(writeEvents)")
                }
                return
            }
            load.busiestAccount = stream.accountNames.first
            let expectation = LoadRun.Expectation(lines: stream.lines, duplicates: stream.retries)
            outcome = try measure(load) { run in try bytes.withUnsafeBytes { try run($0, expectation) } }
        }
        Stdout.write(json ? outcome.json.compact + "\n" : outcome.text)
        if !outcome.checkPassed { throw ExitCode(1) }
    }

    /// Runs the load over the bytes `withEvents` lends, in a ZeroMQ context of its own.
    private func measure(
        _ configuration: LoadRun.Configuration,
        _ withEvents: ((UnsafeRawBufferPointer, LoadRun.Expectation?) throws -> LoadOutcome) throws -> LoadOutcome
    ) throws -> LoadOutcome {
        let context = try ZMQContext()
        let outcome = Result { try withEvents { try LoadRun(configuration: configuration).run($0, expecting: $1, context: context) } }
        try? context.terminate()
        switch outcome {
        case .success(let o): return o
        case .failure(let error):
            Stderr.write("leadstream: error: \(error)\n")
            throw ExitCode(3)
        }
    }
}
