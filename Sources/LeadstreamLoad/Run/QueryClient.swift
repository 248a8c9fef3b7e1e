//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import LeadstreamGateway
import ZeroMQ

/// One DEALER to the aggregator's `--query` ROUTER, one request at a time
/// (docs/cluster.md: `["LS1", "report", id, {"kind", "parameters", "format"}]`,
/// answered by `["LS1", "report", id, status byte + output]`).
struct QueryClient: ~Copyable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let socket: Socket
    let timeout: Duration

    init(context: ZMQContext, endpoint: String, timeout: Duration = .seconds(10)) throws {
        let socket = try Socket(context, type: .dealer)
        do {
            try socket.set(.linger, 0)
            try socket.connect(endpoint)
        } catch {
            socket.close()
            throw error
        }
        self.socket = socket
        self.timeout = timeout
    }

    consuming func close() { socket.close() }

    /// The body of a `report` request.
    static func reportBody(kind: ReportRequest.Kind, parameters: [(String, String)]) -> [UInt8] {
        let json = JSONValue.object([
            ("kind", .string(kind.rawValue)),
            ("parameters", .object(parameters.map { ($0.0, .string($0.1)) })),
            ("format", .string("json")),
        ])
        return Array(json.compact.utf8)
    }

    /// Sends one report request and waits for its answer.
    /// - Parameter id: the request id; a new one per request, so a late answer is told apart.
    /// - Returns: the exit status byte and the report's bytes.
    func report(
        id: UInt64, kind: ReportRequest.Kind, parameters: [(String, String)]
    ) throws -> (status: UInt8, body: [UInt8]) {
        _ = try socket.sendMultipart(WireFrames.encode(.report, id: id, body: Self.reportBody(kind: kind, parameters: parameters)))
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = deadline - .now
            guard left > .zero else { throw Failure(description: "no answer from --query within \(timeout)") }
            guard try Poller.wait(for: .pollIn, on: socket, timeout: left).contains(.pollIn),
                let frames = try socket.receiveMultipart(dontWait: true)
            else { continue }
            guard let reply = WireFrames.decode(frames[...]) else {
                throw Failure(description: "unreadable reply on --query (\(frames.count) frames)")
            }
            guard reply.id == id else { continue }  // a late answer to an earlier, timed-out request
            switch reply.verb {
            case .report:
                guard let status = reply.body.first else { throw Failure(description: "empty report reply") }
                return (status, Array(reply.body.dropFirst()))
            case .error:
                throw Failure(description: "query refused: \(String(decoding: reply.body, as: UTF8.self))")
            default:
                throw Failure(description: "unexpected reply verb \(reply.verb.rawValue) on --query")
            }
        }
    }
}
