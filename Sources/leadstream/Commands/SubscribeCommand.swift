//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamPartitions
import LeadstreamWire
import Synchronization
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
        // A partitioned deployment: the account's partition, or every partition when the prefix does not name
        // one whole account (each topic lives in one partition, so per-topic order holds when they interleave).
        let account = Self.account(of: prefix)
        let routes = try PartitionRoutes.fetch(
            context: context, endpoint: query, kind: .query, also: [.publish: publish], token: access.resolvedToken,
            security: try access.security(), accounts: account.map { [$0] } ?? [])
        let partitions = account.map { [routes.partition(of: $0)] } ?? Array(0..<max(routes.reply.count, 1))
        let sources = partitions.map { (publish: routes.endpoint($0, .publish), query: routes.endpoint($0, .query)) }
        let security = try access.security()
        let outcomes = Mutex([Result<Subscriber.Summary, any Error>?](repeating: nil, count: sources.count))
        let printing = Mutex(())
        DispatchQueue.concurrentPerform(iterations: sources.count) { i in
            let subscriber = Subscriber(
                configuration: .init(
                    publish: sources[i].publish, query: sources[i].query, prefix: prefix, receiveHighWaterMark: rcvhwm,
                    slowdown: slowMs.map { .milliseconds($0) },
                    exitAfterIdle: idleExit.map { .milliseconds(Int(($0 * 1000).rounded())) },
                    token: access.resolvedToken, security: security),
                context: context, logger: logger)
            let outcome = Result {
                try subscriber.run { message in printing.withLock { _ in Stdout.write(message.json + "\n") } }
            }
            outcomes.withLock { $0[i] = outcome }
        }
        var summary = Subscriber.Summary()
        do {
            for outcome in outcomes.withLock({ $0 }) {
                let part = try outcome!.get()
                summary.emitted += part.emitted
                summary.resyncs += part.resyncs
                summary.snapshots += part.snapshots
            }
        } catch SnapshotError.denied(let code, let message) {
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

    /// The account a prefix names whole (`exec/acme/…`), or `nil` (`exec/`, `exec/ac`, `""`).
    static func account(of prefix: String) -> String? {
        let parts = prefix.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count >= 3 && !parts[1].isEmpty ? String(parts[1]) : nil
    }

}
