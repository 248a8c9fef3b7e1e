//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamAccess
import LeadstreamAggregator
import LeadstreamCore
import LeadstreamClients
import LeadstreamPartitions
import LeadstreamWire
import Foundation
import Synchronization
import ZeroMQ

/// The three questions the web face asks an aggregator, each on a viewer's
/// behalf with that viewer's token: a report, and who the token is.
///
/// In a partitioned deployment (docs/partitions.md) it holds one pool per partition: a report goes to its
/// account's partition (asked of the first partition with the web face's own token, and remembered for a few
/// seconds, so an account that moves is followed), and a token is resolved by the partitions in turn (each
/// keeps the tokens of its own accounts).
struct AggregatorClient: Sendable {
    let pools: [QueryPool]
    let endpoints: [String]
    /// The web face's own token (operator, with `--access tokens`), for `partitions`.
    let token: String?
    let placements = PlacementCache()

    var endpoint: String { endpoints[0] }

    init(pools: [QueryPool], endpoints: [String], token: String?) {
        self.pools = pools
        self.endpoints = endpoints
        self.token = token
    }

    /// A report, or why there is none.
    enum ReportAnswer: Sendable {
        case report(RenderedReport)
        case rejected(Rejection)
    }

    func report(_ request: QueryRequest, token: String?) async -> ReportAnswer {
        let partition = await self.partition(of: request.parameters["account"])
        switch await call(.report, body: request.body, token: token, partition: partition) {
        case .failure(let r): return .rejected(r)
        case .success(let reply):
            switch QueryClient.answer(verb: reply.verb, body: reply.body) {
            case .report(let rendered)?: return .report(rendered)
            case .rejected(let r)?: return .rejected(r)
            case nil: return .rejected(Rejection(.unavailable, field: nil, "malformed reply from \(endpoint)"))
            }
        }
    }

    /// Who `token` stands for: `nil` in open mode; `unauthorized` for a bad token.
    func whoami(token: String?) async -> Result<Principal?, Rejection> {
        var answer = await whoami(token: token, partition: 0)
        for partition in pools.indices.dropFirst() {
            guard case .failure(let r) = answer, r.code == .unauthorized else { break }
            answer = await whoami(token: token, partition: partition)
        }
        return answer
    }

    private func whoami(token: String?, partition: Int) async -> Result<Principal?, Rejection> {
        switch await call(.whoami, body: [], token: token, partition: partition) {
        case .failure(let r): return .failure(r)
        case .success(let reply) where reply.verb == .whoami:
            guard let principal = PrincipalJSON.decode(reply.body) else {
                return .failure(Rejection(.unavailable, field: nil, "malformed whoami reply from \(endpoint)"))
            }
            return .success(principal)
        case .success(let reply):
            return .failure(QueryClient.rejection(reply.body))
        }
    }

    /// The partition of `account` (0 when not partitioned, or when nobody answers: that partition's refusal
    /// is then what the viewer sees).
    private func partition(of account: String?) async -> Int {
        guard pools.count > 1, let account else { return 0 }
        if let known = placements[account] { return known }
        guard case .success(let reply) = await call(.partitions, body: PartitionsVerb.encodeRequest([account]), token: token),
            reply.verb == .partitions,
            let routes = try? JSONDecoder().decode(PartitionsVerb.Reply.self, from: Data(reply.body)),
            let placed = routes.accounts[account], pools.indices.contains(placed)
        else { return 0 }
        placements[account] = placed
        return placed
    }

    private func call(
        _ verb: WireFrames.Verb, body: [UInt8], token: String?, partition: Int = 0
    ) async -> Result<QueryPool.Reply, Rejection> {
        let pool = pools[partition]
        let endpoint = endpoints[partition]
        do {
            guard let reply = try await pool.call(verb, body: body, token: token) else {
                return .failure(Rejection(.unavailable, field: nil, "no answer from the aggregator at \(endpoint)"))
            }
            return .success(reply)
        } catch {
            return .failure(Rejection(.unavailable, field: nil, "the aggregator at \(endpoint): \(error)"))
        }
    }
}

/// Where accounts were last placed, each for a few seconds.
final class PlacementCache: Sendable {
    private let entries = Mutex([String: (partition: Int, until: ContinuousClock.Instant)]())
    static let lifetime: Duration = .seconds(5)

    subscript(account: String) -> Int? {
        get {
            entries.withLock { e in e[account].flatMap { $0.until > .now ? $0.partition : nil } }
        }
        set {
            entries.withLock { e in
                if e.count > 100_000 { e.removeAll() }
                e[account] = newValue.map { ($0, .now + Self.lifetime) }
            }
        }
    }
}
