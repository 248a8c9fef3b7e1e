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
    private let socket: Socket
    private var nextID: UInt64 = 1
    public let timeout: Duration

    /// What came back: what offline mode would print and its exit status, or a usage error.
    public enum Answer: Sendable, Equatable {
        case report(RenderedReport)
        case rejected(Rejection)
    }

    public struct Timeout: Error, CustomStringConvertible {
        public var endpoint: String
        public var description: String { "no answer from \(endpoint)" }
    }

    private let endpoint: String

    public init(context: ZMQContext, endpoint: String, timeout: Duration = .seconds(60)) throws {
        let dealer = try Socket(context, type: .dealer)
        try dealer.set(.linger, 0)
        try dealer.connect(endpoint)
        self.endpoint = endpoint
        self.timeout = timeout
        socket = dealer
    }

    public consuming func close() { socket.close() }

    public mutating func report(_ request: QueryRequest) throws -> Answer {
        let reply = try call(.report, body: request.body)
        switch reply.verb {
        case .report:
            guard let status = reply.body.first else { throw Timeout(endpoint: endpoint) }
            return .report(RenderedReport(output: String(decoding: reply.body.dropFirst(), as: UTF8.self), exitStatus: Int32(status)))
        default:
            let object = (try? JSONSerialization.jsonObject(with: Data(reply.body))) as? [String: Any] ?? [:]
            let code = (object["error"] as? String).flatMap(ErrorCode.init(rawValue:)) ?? .invalidValue
            return .rejected(Rejection(code, field: object["field"] as? String, object["message"] as? String ?? "refused"))
        }
    }

    /// The last message of every topic starting with `prefix` (one JSON line each).
    public mutating func snapshot(prefix: String) throws -> [String] {
        let reply = try call(.snapshot, body: Array(prefix.utf8))
        return String(decoding: reply.body, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    private mutating func call(_ verb: WireFrames.Verb, body: [UInt8]) throws -> (verb: WireFrames.Verb, body: [UInt8]) {
        let id = nextID
        nextID += 1
        try socket.sendMultipart(WireFrames.encode(verb, id: id, body: body))
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard try Poller.wait(for: .pollIn, on: socket, timeout: deadline - .now).contains(.pollIn) else { break }
            while let frames = try socket.receiveMultipart(dontWait: true) {
                if let reply = WireFrames.decode(frames[...]), reply.id == id { return (reply.verb, reply.body) }
            }
        }
        throw Timeout(endpoint: endpoint)
    }
}
