//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import ArgumentParser
import Foundation
import LeadstreamClients
import LeadstreamPartitions
import LeadstreamCore
import LeadstreamWire
import ZeroMQ

/// `leadstream erase --account A`: tenant erasure on a running deployment (docs/operations.md, "Tenant
/// erasure"). The gateway erases first (journal, registry, checkpoint, token store) and says how far its
/// journal was (`through`); then the aggregator erases once it has merged that far (rows, tally, topics,
/// checkpoint, token store).
struct EraseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase every trace of an account from a running gateway and aggregator.",
        discussion: """
            Asks the gateway (--ingest), then the aggregator (--query), to forget the account: its events stay \
            in the journal as placeholders that keep their sequence numbers but hold no name, id or line; its \
            rows, topics and tokens are deleted and the checkpoints written again. Prints one JSON object and \
            exits 0; exit 1 when a component did not answer or failed (run it again: erasing is idempotent), \
            3 when refused. With --access tokens it needs an operator's token. Backups taken before keep the \
            account: erase again after a restore.
            """
    )

    @Option(help: "The account to erase.") var account: String
    @Option(help: "The gateway's ingest endpoint.") var ingest = DefaultEndpoints.ingest
    @Option(help: "The aggregator's query endpoint.") var query = DefaultEndpoints.query
    @Option(help: "How long to wait for each component, in milliseconds.") var timeout = 60_000
    @Option(help: "In a partitioned deployment, erase the copy in this partition (the one an account was moved away from) instead of the account's own partition (docs/partitions.md).")
    var partition: Int?
    @Option(help: "An operator token of the aggregator's store, when it is not --token's (each component has its own store).")
    var queryToken: String?
    @OptionGroup(title: "Access (an operator's token; docs/security.md)") var access: ClientAccessOptions

    func validate() throws {
        guard Identifier.isValid(account, allowEmpty: false) else {
            throw UsageError(.invalidValue, "--account '\(account)' is not an identifier")
        }
    }

    /// Where the account's data lives: the given endpoints, or in a partitioned deployment its partition's
    /// (or `--partition`'s), learned from the given aggregator (docs/partitions.md).
    func endpoints(context: ZMQContext, security: SocketSecurity) throws -> (gateway: String, aggregator: String) {
        let routes = try PartitionRoutes.fetch(
            context: context, endpoint: query, kind: .query, also: [.ingest: ingest],
            token: queryToken ?? access.resolvedToken, security: security, accounts: [account])
        guard routes.isPartitioned else {
            if let partition, partition != 0 {
                throw UsageError(.invalidValue, "--partition \(partition): the deployment is not partitioned")
            }
            return (ingest, query)
        }
        let target = partition ?? routes.partition(of: account)
        guard (0..<routes.reply.count).contains(target) else {
            throw UsageError(.invalidValue, "--partition \(target): the deployment has partitions 0..<\(routes.reply.count)")
        }
        return (routes.endpoint(target, .ingest), routes.endpoint(target, .query))
    }

    func run() async throws {
        let start = ContinuousClock.now
        let context = try ZMQContext()
        let security = try access.security()
        let (gatewayEndpoint, aggregatorEndpoint) = try endpoints(context: context, security: security)
        let wait = Duration.milliseconds(timeout)

        var gateway = try WireRequester(
            context: context, endpoint: gatewayEndpoint, timeout: wait, token: access.resolvedToken, security: security)
        let first = try Self.expect(gateway.call(.erase, body: Array(account.utf8)), .erased, from: "gateway")
        gateway.close()
        let through = first["through"] as? Int ?? 0

        var aggregator = try WireRequester(
            context: context, endpoint: aggregatorEndpoint, timeout: wait, token: queryToken ?? access.resolvedToken,
            security: security)
        let body = JSONValue.object([("account", .string(account)), ("through", .int(through))]).compact
        let second = try Self.expect(aggregator.call(.erase, body: Array(body.utf8)), .erased, from: "aggregator")
        aggregator.close()

        let summary = JSONValue.object([
            ("account", .string(account)),
            ("events_erased", .int(first["events"] as? Int ?? 0)),
            ("blocks_rewritten", .int(first["blocks"] as? Int ?? 0)),
            ("tokens_removed", .int((first["tokens"] as? Int ?? 0) + (second["tokens"] as? Int ?? 0))),
            ("topics_withdrawn", .int(second["topics"] as? Int ?? 0)),
            ("through", .int(through)),
            ("gateway", .object([("known", .bool(first["known"] as? Bool ?? false)), ("ms", .int(first["ms"] as? Int ?? 0))])),
            ("aggregator", .object([("known", .bool(second["known"] as? Bool ?? false)), ("ms", .int(second["ms"] as? Int ?? 0))])),
            ("ms", .int(Int((ContinuousClock.now - start) / .milliseconds(1)))),
        ])
        print(summary.compact)
    }

    /// The reply's JSON when it is `verb`; otherwise the error, and exit 1 (3 when refused).
    static func expect(
        _ reply: (verb: WireFrames.Verb, body: [UInt8])?, _ verb: WireFrames.Verb, from component: String
    ) throws -> [String: Any] {
        guard let reply else {
            Stderr.write("leadstream: error: unavailable: the \(component) did not answer; run erase again\n")
            throw ExitCode(1)
        }
        guard reply.verb == verb else {
            let rejection = QueryClient.rejection(reply.body)
            if rejection.code == .unauthorized || rejection.code == .forbidden {
                UsageError.exit(rejection.code, "\(component): \(rejection.message)")
            }
            Stderr.write("leadstream: error: \(rejection.code.rawValue): \(component): \(rejection.message)\n")
            throw ExitCode(1)
        }
        return (try? JSONSerialization.jsonObject(with: Data(reply.body))) as? [String: Any] ?? [:]
    }
}
