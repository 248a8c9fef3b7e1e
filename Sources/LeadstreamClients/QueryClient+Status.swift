//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import LeadstreamWire

extension QueryClient {
    /// What the aggregator's `status` verb answers (docs/cluster.md): how far it has merged, and the gateway
    /// head it last heard of, `headAgeMilliseconds` ago (`nil` before it asked one).
    public struct AggregatorStatus: Sendable, Hashable {
        public var merged: UInt64
        public var gatewayHead: UInt64?
        public var headAgeMilliseconds: Int?
    }

    /// Asks `status`; `nil` when no answer came in time, a `Refused` error for an `error` reply.
    public mutating func status() throws -> AggregatorStatus? {
        guard let reply = try call(.status, body: []) else { return nil }
        guard reply.verb == .status else { throw Refused(Self.rejection(reply.body)) }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(reply.body))) as? [String: Any],
            let merged = object["merged"] as? Int
        else { throw Refused(Rejection(.malformedJSON, field: nil, "a status reply without merged")) }
        return AggregatorStatus(
            merged: UInt64(merged), gatewayHead: (object["gateway_head"] as? Int).map(UInt64.init),
            headAgeMilliseconds: object["head_age_ms"] as? Int)
    }
}
