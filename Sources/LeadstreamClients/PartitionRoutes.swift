//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamPartitions
import LeadstreamWire
import ZeroMQ

/// Where accounts live, learned from whichever partition a client was given (docs/partitions.md), as a Kafka
/// client learns its cluster from a bootstrap server: the client asks `partitions` for the accounts it is
/// about to send or read, then talks to each account's own partition.
///
/// A server that does not know the verb, or refuses the token, makes the routes "one partition": the client
/// then sends everything where it was told, and that server's own answer (`unauthorized`, …) is what the
/// user sees, exactly as without partitions.
public struct PartitionRoutes: Sendable {
    public let reply: PartitionsVerb.Reply
    /// The endpoints the client was given, by kind; they stand for the answering partition's own (the map's
    /// addresses for it may be ones this client cannot use, behind a NAT or in another namespace).
    public let given: [PartitionMap.Endpoints.Kind: String]

    public var isPartitioned: Bool { reply.count > 1 }

    /// The partition of `account`: where the map places it, or the answering partition when the reply does
    /// not place it (an account outside the token's scope, or no account at all: a line that does not decode).
    public func partition(of account: String?) -> Int {
        account.flatMap { reply.accounts[$0] } ?? reply.partition
    }

    /// The endpoint of `partition` (`.ingest`, `.query`, `.publish`); the given one for the answering partition.
    public func endpoint(_ partition: Int, _ kind: PartitionMap.Endpoints.Kind) -> String {
        if partition == reply.partition || !reply.partitions.indices.contains(partition), let mine = given[kind] {
            return mine
        }
        return reply.partitions.indices.contains(partition) ? reply.partitions[partition][kind] : given[kind] ?? ""
    }

    /// The endpoint of `kind` for the account (the given one when the deployment is not partitioned).
    public func endpoint(for account: String?, _ kind: PartitionMap.Endpoints.Kind) -> String {
        endpoint(partition(of: account), kind)
    }

    /// Routes for a deployment known not to be partitioned.
    public static func single(_ given: [PartitionMap.Endpoints.Kind: String]) -> PartitionRoutes {
        PartitionRoutes(reply: .init(epoch: 0, partition: 0, count: 1, partitions: [], accounts: [:]), given: given)
    }

    /// Asks `endpoint` (a gateway's ingest or an aggregator's query endpoint: `kind`) where `accounts` live.
    /// Asks again while no answer comes, for up to `giveUpAfter` (the server may still be starting).
    /// - Parameter also: the client's other endpoints of the same partition (`subscribe`'s `--publish`).
    public static func fetch(
        context: ZMQContext, endpoint: String, kind: PartitionMap.Endpoints.Kind,
        also: [PartitionMap.Endpoints.Kind: String] = [:], token: String?, security: SocketSecurity,
        accounts: [String], timeout: Duration = .seconds(5), giveUpAfter: Duration = .seconds(60)
    ) throws -> PartitionRoutes {
        let given = also.merging([kind: endpoint]) { _, mine in mine }
        let body = PartitionsVerb.encodeRequest(accounts)
        let deadline = ContinuousClock.now + giveUpAfter
        while true {
            var requester = try WireRequester(
                context: context, endpoint: endpoint, timeout: timeout, token: token, security: security)
            let answer = Result { try requester.call(.partitions, body: body) }
            requester.close()
            if let reply = try answer.get() {
                guard reply.verb == .partitions,
                    let decoded = try? JSONDecoder().decode(PartitionsVerb.Reply.self, from: Data(reply.body))
                else { return single(given) }
                return PartitionRoutes(reply: decoded, given: given)
            }
            guard ContinuousClock.now < deadline else {
                throw IngestClient.Failure(description: "no answer from \(endpoint) for \(giveUpAfter)")
            }
        }
    }
}
