//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import LeadstreamClients
import LeadstreamWire
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

    public var endpoint: String { requester.endpoint }

    /// One request and its reply; `nil` when none came in time.
    mutating func call(_ verb: WireFrames.Verb, body: [UInt8]) throws -> (verb: WireFrames.Verb, body: [UInt8])? {
        try requester.call(verb, body: body)
    }

    public mutating func report(_ request: QueryRequest) throws -> Answer {
        guard let reply = try requester.call(.report, body: request.body) else {
            throw Timeout(endpoint: requester.endpoint)
        }
        guard let answer = Self.answer(verb: reply.verb, body: reply.body) else { throw Timeout(endpoint: requester.endpoint) }
        return answer
    }

    /// A `report` query's reply as an answer; `nil` for a reply with no status byte.
    public static func answer(verb: WireFrames.Verb, body: [UInt8]) -> Answer? {
        switch verb {
        case .report:
            guard let status = body.first else { return nil }
            return .report(RenderedReport(output: String(decoding: body.dropFirst(), as: UTF8.self), exitStatus: Int32(status)))
        default:
            return .rejected(rejection(body))
        }
    }

    /// An `error` reply's body as the refusal it carries.
    public static func rejection(_ body: [UInt8]) -> Rejection {
        let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        let code = (object["error"] as? String).flatMap(ErrorCode.init(rawValue:)) ?? .invalidValue
        return Rejection(code, field: object["field"] as? String, object["message"] as? String ?? "refused")
    }
}
