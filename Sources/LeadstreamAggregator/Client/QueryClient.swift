//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import LeadstreamGateway
import ZeroMQ

/// Asks a running aggregator's `--query` endpoint for a report
/// (`leadstream report` without `--events`).
public struct QueryClient: ~Copyable {
    private var requester: WireRequester

    /// What came back: what offline mode would print and its exit status, or a usage error.
    public enum Answer: Sendable, Equatable {
        case report(RenderedReport)
        case rejected(Rejection)
    }

    public struct Timeout: Error, CustomStringConvertible {
        public var endpoint: String
        public var description: String { "no answer from \(endpoint)" }
    }

    public init(
        context: ZMQContext, endpoint: String, timeout: Duration = .seconds(60), token: String? = nil,
        security: SocketSecurity = .none
    ) throws {
        requester = try WireRequester(
            context: context, endpoint: endpoint, timeout: timeout, token: token, security: security)
    }

    public consuming func close() { requester.close() }

    public mutating func report(_ request: QueryRequest) throws -> Answer {
        guard let reply = try requester.call(.report, body: request.body) else {
            throw Timeout(endpoint: requester.endpoint)
        }
        switch reply.verb {
        case .report:
            guard let status = reply.body.first else { throw Timeout(endpoint: requester.endpoint) }
            return .report(
                RenderedReport(output: String(decoding: reply.body.dropFirst(), as: UTF8.self), exitStatus: Int32(status)))
        default:
            let object = (try? JSONSerialization.jsonObject(with: Data(reply.body))) as? [String: Any] ?? [:]
            let code = (object["error"] as? String).flatMap(ErrorCode.init(rawValue:)) ?? .invalidValue
            return .rejected(Rejection(code, field: object["field"] as? String, object["message"] as? String ?? "refused"))
        }
    }
}
