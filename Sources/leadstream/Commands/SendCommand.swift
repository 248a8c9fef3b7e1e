//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import ArgumentParser
import Glibc
import LeadstreamCore
import LeadstreamClients
import ZeroMQ

/// `leadstream send FILE|-` (SPEC §11): send NDJSON to a gateway and wait
/// for every acknowledgement.
struct SendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send an NDJSON file (or - for stdin) to a gateway, waiting for every acknowledgement.",
        discussion: """
            Against a partitioned deployment (docs/partitions.md) the gateway given is asked where each account
            lives, and each account's lines go to its own partition. Prints rejected lines on stderr as offline mode does (line N: CODE FIELD: message) and a summary
            {"accepted", "duplicates", "rejected"} on stdout; exits 1 when any line was rejected.
            """
    )

    @Argument(help: "The NDJSON file, or - for standard input.") var file: String
    @Option(help: "The gateway's ingest endpoint.") var ingest = DefaultEndpoints.ingest
    @Option(help: "Lines per batch.") var batch = 1_000
    @Option(help: "Batches in flight.") var window = 8
    @Option(help: "Seconds before an unanswered batch is sent again.") var timeout = 10.0
    @Flag(help: "No progress line, even on a terminal.") var quiet = false
    @OptionGroup(title: "Access (an ingest token; docs/security.md)") var access: ClientAccessOptions

    func validate() throws {
        guard batch >= 1, window >= 1, timeout > 0 else {
            throw UsageError(.invalidValue, "--batch, --window and --timeout must be positive")
        }
    }

    func run() throws {
        let events: EventFile
        do { events = try EventFile(path: file) } catch { throw UsageError(.invalidValue, "cannot read \(error)") }
        let client = IngestClient(
            configuration: .init(
                endpoint: ingest, batchLines: batch, window: window, timeout: .milliseconds(Int(timeout * 1000)),
                token: access.resolvedToken, security: try access.security()))
        let context = try ZMQContext()
        let showProgress = !quiet && isatty(2) != 0
        let outcome = Result {
            try events.withBytes { bytes in
                try client.sendRouted(bytes, context: context) { done, total in
                    if showProgress { Stderr.write("\rsent \(done)/\(total) lines") }
                }
            }
        }
        if showProgress { Stderr.write("\r\u{1B}[K") }
        try? context.terminate()
        let summary: IngestClient.Summary
        switch outcome {
        case .success(let s): summary = s
        case .failure(let error as IngestClient.Failure):
            // A refused request (SPEC §10) or a gateway that stopped answering: nothing more to do.
            Stderr.write("leadstream: error: \(error.code.map { "\($0): " } ?? "")\(error.description)\n")
            throw ExitCode(3)
        case .failure(let error):
            Stderr.write("leadstream: error: \(error)\n")
            throw ExitCode(3)
        }
        if !summary.rejected.isEmpty { Stderr.write(summary.rejected.map { $0.text + "\n" }.joined()) }
        Stdout.write(summary.json.compact + "\n")
        if !summary.rejected.isEmpty { throw ExitCode(1) }
    }
}
