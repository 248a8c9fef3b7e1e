//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import LeadstreamClients
import ArgumentParser
import Dispatch
import Glibc
import LeadstreamCore
import LeadstreamLive
import Logging
import ZeroMQ

/// `leadstream subscribe PREFIX` (SPEC §9, §11): print an aggregator's live results as NDJSON.
struct SubscribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscribe",
        abstract: "Print live results whose topic starts with PREFIX, one JSON line each (Clone pattern).",
        discussion: """
            Subscribes to --publish, prints the current message of every matching topic from a --query
            snapshot, then follows the stream. Per topic, printed versions strictly increase. A missed message
            (previous_version is not the version printed last: a slow reader past its high-water mark) is
            logged as `resync` on stderr and repaired from a fresh snapshot, as is a second of silence.
            SIGINT or SIGTERM exits 0.
            Topics: exec/ACCOUNT/PERIOD, dash/ACCOUNT/PERIOD, widget/ACCOUNT/PERIOD.
            """
    )

    @Argument(help: "Topic prefix, e.g. exec/ or exec/acme/2026-W47 (\"\" for every topic).") var prefix: String
    @Option(help: "The aggregator's PUB endpoint.") var publish = DefaultEndpoints.publish
    @Option(help: "The aggregator's query endpoint (snapshots).") var query = DefaultEndpoints.query
    @Option(help: "Receive high-water mark of the SUB socket (messages).") var rcvhwm: Int32?
    @Option(name: .customLong("slow-ms"), help: "Sleep this many ms after each message (test a slow reader).")
    var slowMs: Int?
    @Option(name: .customLong("idle-exit"), help: "Exit 0 after this many seconds without a message.")
    var idleExit: Double?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"
    @OptionGroup(title: "Access (a viewer's token or bound CURVE key; docs/security.md)") var access: ClientAccessOptions

    func validate() throws {
        if let rcvhwm, rcvhwm < 0 { throw UsageError(.invalidValue, "--rcvhwm must be 0 or more") }
        if let slowMs, slowMs < 0 { throw UsageError(.invalidValue, "--slow-ms must be 0 or more") }
        if let idleExit, !(idleExit > 0) { throw UsageError(.invalidValue, "--idle-exit must be positive") }
    }

    func run() throws {
        let logger = bootstrapLogging(level: logLevel, label: "leadstream.subscribe")
        let context = try ZMQContext()
        // A signal shuts the context down; the subscriber's blocking calls then end and it returns.
        let signals = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { context.shutdown() }
            source.resume()
            return source
        }
        let subscriber = Subscriber(
            configuration: .init(
                publish: publish, query: query, prefix: prefix, receiveHighWaterMark: rcvhwm,
                slowdown: slowMs.map { .milliseconds($0) },
                exitAfterIdle: idleExit.map { .milliseconds(Int(($0 * 1000).rounded())) },
                token: access.resolvedToken, security: try access.security()),
            context: context, logger: logger)
        let summary: Subscriber.Summary
        do { summary = try subscriber.run { message in Stdout.write(message.json + "\n") } } catch SnapshotError.denied(
            let code, let message)
        {
            // Refused (revoked, expired, out of scope): SPEC §10's exit 3.
            signals.forEach { $0.cancel() }
            try? context.terminate()
            Stderr.write("leadstream: error: \(code): \(message)\n")
            throw ExitCode(3)
        }
        logger.info(
            "subscriber done",
            metadata: [
                "emitted": "\(summary.emitted)", "resyncs": "\(summary.resyncs)", "snapshots": "\(summary.snapshots)",
            ])
        signals.forEach { $0.cancel() }
        try? context.terminate()
    }
}
