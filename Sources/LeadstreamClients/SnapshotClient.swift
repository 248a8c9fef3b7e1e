//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamClients
import LeadstreamWire
import ZeroMQ

/// Asks an aggregator's `--query` ROUTER for the current message of every topic under a prefix
/// (docs/cluster.md, "Queries on --query"): the Clone pattern's state request.
///
/// A DEALER, so a request that timed out can be followed by another on the same socket; a late
/// reply to an earlier request is recognised by its id and dropped. Not thread-safe (it owns a socket).
///
/// ```swift
/// var client = try SnapshotClient(endpoint: "tcp://127.0.0.1:5554", context: context)
/// let current = try client.snapshot(prefix: "exec/acme/")
/// client.close()
/// ```
public struct SnapshotClient: ~Copyable {
    private var requester: WireRequester
    /// How long `snapshot(prefix:)` waits for its reply.
    public var timeout: Duration { requester.timeout }

    /// Connects a DEALER to `endpoint` (asynchronously: the aggregator need not be up yet).
    public init(
        endpoint: String, context: ZMQContext, timeout: Duration = .seconds(5), token: String? = nil,
        security: SocketSecurity = .none
    ) throws(ZMQError) {
        requester = try WireRequester(
            context: context, endpoint: endpoint, timeout: timeout, token: token, security: security)
    }

    /// Closes the socket.
    public consuming func close() { requester.close() }

    /// Sends `snapshot PREFIX` and waits up to `timeout` for the reply.
    ///
    /// - Returns: one message per current topic starting with `prefix`, in the aggregator's order.
    /// - Throws: `SnapshotError` on a timeout, an `error` reply or a malformed body; `ZMQError`
    ///   (`.terminated` once the context is shut down).
    public mutating func snapshot(prefix: String) throws -> [LiveMessage] {
        guard let reply = try requester.call(.snapshot, body: Array(prefix.utf8)) else {
            throw SnapshotError.timeout(timeout)
        }
        switch reply.verb {
        case .snapshot:
            do { return try LiveMessage.parseLines(reply.body) } catch { throw SnapshotError.badLine(error) }
        case .error:
            if let e = WireFrames.ErrorBody(reply.body), e.code == "unauthorized" || e.code == "forbidden" {
                throw SnapshotError.denied(code: e.code, message: e.message)
            }
            throw SnapshotError.refused(String(decoding: reply.body, as: UTF8.self))
        default:
            throw SnapshotError.malformedReply
        }
    }
}

public enum SnapshotError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No reply within the client's timeout (is the aggregator running at that endpoint?).
    case timeout(Duration)
    /// The aggregator answered `error`; the body as sent (`{"error": CODE, "message": …}`).
    case refused(String)
    /// The token was refused (`unauthorized`, `forbidden`: SPEC §10): no point in asking again.
    case denied(code: String, message: String)
    /// The reply was not `["LS1", "snapshot", id, body]`.
    case malformedReply
    /// A line of the reply was not a live message.
    case badLine(LiveMessageError)

    public var description: String {
        switch self {
        case .timeout(let limit): "no snapshot reply within \(limit)"
        case .refused(let body): "snapshot refused: \(body)"
        case .denied(let code, let message): "\(code): \(message)"
        case .malformedReply: "malformed snapshot reply"
        case .badLine(let error): "snapshot: \(error)"
        }
    }
}
