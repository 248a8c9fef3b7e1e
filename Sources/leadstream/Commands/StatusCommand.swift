//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import ArgumentParser
import Foundation
import LeadstreamClients
import LeadstreamCore
import LeadstreamPartitions
import LeadstreamWire
import ZeroMQ

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `leadstream status`: one table of the deployment's health, for an operator at a terminal.
///
/// The gateway is asked its head and the aggregator its merged sequence, each with a request of its own, so
/// the table shows what each answers now; any other component (workers, web faces) is probed on its
/// `/healthz`. The exit status says whether everything answered, so a script can wait on it.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each component's health, the gateway's head, the merged sequence and the lag.",
        discussion: """
            In a partitioned deployment (docs/partitions.md) every partition gets its rows, learned from --query. \
            Asks the gateway (--ingest) for its head and the aggregator (--query) for how far it has merged; \
            probes each --health HOST:PORT (a worker's or aggregator's --metrics, a web face's or gateway's \
            --http) on /healthz. Prints a table (or --json); exit 0 when every component answered, 1 when one \
            did not. With --access tokens it needs an operator's token (docs/operations.md).
            """
    )

    @Option(help: "The gateway's ingest endpoint.") var ingest = DefaultEndpoints.ingest
    @Option(help: "The aggregator's query endpoint.") var query = DefaultEndpoints.query
    @Option(help: "NAME=HOST:PORT (or HOST:PORT) of a component's /healthz; repeat for each.") var health: [String] = []
    @Option(help: "How long to wait for each answer, in milliseconds.") var timeout = 2000
    @Flag(help: "One JSON object instead of the table.") var json = false
    @OptionGroup(title: "Access (an operator's token; docs/security.md)") var access: ClientAccessOptions

    /// One row of the table.
    struct Row {
        /// `nil` for a `--health` target (its partition is not known here).
        var partition: Int?
        var component: String
        var endpoint: String
        var state: String
        var seq: UInt64?
        var note: String = ""
        var up: Bool { state == "up" }
    }

    func run() async throws {
        let context = try ZMQContext()
        let security = try access.security()
        let wait = Duration.milliseconds(timeout)
        var rows: [Row] = []

        // Every partition of a partitioned deployment (docs/partitions.md), learned from the given aggregator.
        let routes =
            (try? PartitionRoutes.fetch(
                context: context, endpoint: query, kind: .query, also: [.ingest: ingest], token: access.resolvedToken,
                security: security, accounts: [], timeout: wait, giveUpAfter: wait))
            ?? .single([.query: query, .ingest: ingest])
        var heads: [Int: UInt64] = [:]
        for partition in 0..<max(routes.reply.count, 1) {
            let ingest = routes.endpoint(partition, .ingest)
            let query = routes.endpoint(partition, .query)
            var journal = try JournalClient(
                context: context, endpoint: ingest, token: access.resolvedToken, security: security, timeout: wait)
            let head = try journal.head()
            journal.close()
            heads[partition] = head
            rows.append(
                Row(
                    partition: partition, component: "gateway", endpoint: ingest, state: head == nil ? "no answer" : "up",
                    seq: head))

            var queries = try QueryClient(
                context: context, endpoint: query, timeout: wait, token: access.resolvedToken, security: security)
            var aggregator = Row(partition: partition, component: "aggregator", endpoint: query, state: "no answer")
            do {
                if let status = try queries.status() {
                    aggregator.state = "up"
                    aggregator.seq = status.merged
                    if let head { aggregator.note = "lag \(head > status.merged ? head - status.merged : 0)" }
                }
            } catch let refused as QueryClient.Refused {
                aggregator.state = "refused"
                aggregator.note = refused.rejection.summary
            }
            queries.close()
            rows.append(aggregator)
        }

        for target in health {
            let (name, address) = Self.split(target)
            rows.append(
                Row(partition: nil, component: name, endpoint: address, state: await Self.probe(address, timeout: wait)))
        }
        print(json ? Self.json(rows, heads: heads) : Self.table(rows))
        if rows.contains(where: { !$0.up }) { throw ExitCode(1) }
    }

    static func split(_ target: String) -> (name: String, address: String) {
        guard let eq = target.firstIndex(of: "=") else { return ("http", target) }
        return (String(target[..<eq]), String(target[target.index(after: eq)...]))
    }

    /// `up` when `/healthz` answers 200; otherwise what happened.
    static func probe(_ address: String, timeout: Duration) async -> String {
        let url = address.contains("://") ? address : "http://\(address)"
        guard let healthz = URL(string: url.hasSuffix("/healthz") ? url : url + "/healthz") else { return "bad address" }
        var request = URLRequest(url: healthz)
        request.timeoutInterval = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        do {
            let (_, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            return status == 200 ? "up" : "HTTP \(status)"
        } catch {
            return "no answer"
        }
    }

    static func table(_ rows: [Row]) -> String {
        let header = ["partition", "component", "endpoint", "state", "seq", ""]
        let cells = rows.map { [$0.partition.map(String.init) ?? "-", $0.component, $0.endpoint, $0.state, $0.seq.map(String.init) ?? "-", $0.note] }
        let widths = header.indices.map { i in ([header] + cells).map { $0[i].count }.max() ?? 0 }
        return ([header] + cells).map { row in
            row.indices.map { $0 == row.count - 1 ? row[$0] : row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    static func json(_ rows: [Row], heads: [Int: UInt64]) -> String {
        let components = rows.map { row -> JSONValue in
            .object([
                ("partition", row.partition.map { .int($0) } ?? .null), ("component", .string(row.component)),
                ("endpoint", .string(row.endpoint)), ("state", .string(row.state)),
                ("seq", row.seq.map { .int(Int($0)) } ?? .null),
            ])
        }
        let partitions = Set(rows.compactMap(\.partition)).sorted().map { partition -> JSONValue in
            let head = heads[partition]
            let merged = rows.first { $0.partition == partition && $0.component == "aggregator" }?.seq
            let lag: JSONValue = if let head, let merged { .int(Int(head > merged ? head - merged : 0)) } else { .null }
            return .object([
                ("partition", .int(partition)), ("head", head.map { .int(Int($0)) } ?? .null),
                ("merged", merged.map { .int(Int($0)) } ?? .null), ("lag", lag),
            ])
        }
        return JSONValue.object([
            ("partitions", .array(partitions)),
            ("components", .array(components)),
            ("healthy", .bool(rows.allSatisfy(\.up))),
        ]).compact
    }
}
