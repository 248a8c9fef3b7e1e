//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamAccess
import LeadstreamAggregator
import LeadstreamCore
import LeadstreamClients
import LeadstreamWire
import ZeroMQ

/// The three questions the web face asks an aggregator, each on a viewer's
/// behalf with that viewer's token: a report, and who the token is.
struct AggregatorClient: Sendable {
    let pool: QueryPool
    let endpoint: String

    /// A report, or why there is none.
    enum ReportAnswer: Sendable {
        case report(RenderedReport)
        case rejected(Rejection)
    }

    func report(_ request: QueryRequest, token: String?) async -> ReportAnswer {
        switch await call(.report, body: request.body, token: token) {
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
        switch await call(.whoami, body: [], token: token) {
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

    private func call(_ verb: WireFrames.Verb, body: [UInt8], token: String?) async -> Result<QueryPool.Reply, Rejection> {
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
