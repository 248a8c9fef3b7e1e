//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamGateway
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
    private let socket: Socket
    private var nextID: UInt64 = 1
    /// How long `snapshot(prefix:)` waits for its reply.
    public let timeout: Duration

    /// Connects a DEALER to `endpoint` (asynchronously: the aggregator need not be up yet).
    public init(endpoint: String, context: ZMQContext, timeout: Duration = .seconds(5)) throws(ZMQError) {
        let socket = try Socket(context, type: .dealer)
        // A request queued for an aggregator that never answers must not hold up the context's shutdown.
        try socket.set(.linger, 0)
        // A send never blocks past the request's own time limit (the queue to an absent peer can fill).
        try socket.set(.sendTimeout, Int32(clamping: max(1, timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)))
        try socket.connect(endpoint)
        self.socket = socket
        self.timeout = timeout
    }

    /// Closes the socket.
    public consuming func close() {
        // Dropping `socket` here closes it.
    }

    /// Sends `snapshot PREFIX` and waits up to `timeout` for the reply.
    ///
    /// - Returns: one message per current topic starting with `prefix`, in the aggregator's order.
    /// - Throws: `SnapshotError` on a timeout, an `error` reply or a malformed body; `ZMQError`
    ///   (`.terminated` once the context is shut down).
    public mutating func snapshot(prefix: String) throws -> [LiveMessage] {
        let id = nextID
        nextID += 1
        guard case .processed = try socket.sendMultipart(WireFrames.encode(.snapshot, id: id, body: Array(prefix.utf8)))
        else { throw SnapshotError.timeout(timeout) }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            let left = deadline - clock.now
            guard left > .zero else { throw SnapshotError.timeout(timeout) }
            guard !(try Poller.wait(for: .pollIn, on: socket, timeout: left)).isEmpty,
                let frames = try socket.receiveMultipart(dontWait: true)
            else { continue }
            guard let reply = WireFrames.decode(frames[...]) else { throw SnapshotError.malformedReply }
            guard reply.id == id else { continue }  // the late answer to a request that timed out
            switch reply.verb {
            case .snapshot:
                do { return try LiveMessage.parseLines(reply.body) } catch { throw SnapshotError.badLine(error) }
            case .error:
                throw SnapshotError.refused(String(decoding: reply.body, as: UTF8.self))
            default:
                throw SnapshotError.malformedReply
            }
        }
    }
}

/// Why a snapshot could not be fetched.
public enum SnapshotError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No reply within the client's timeout (is the aggregator running at that endpoint?).
    case timeout(Duration)
    /// The aggregator answered `error`; the body as sent (`{"error": CODE, "message": …}`).
    case refused(String)
    /// The reply was not `["LS1", "snapshot", id, body]`.
    case malformedReply
    /// A line of the reply was not a live message.
    case badLine(LiveMessageError)

    public var description: String {
        switch self {
        case .timeout(let limit): "no snapshot reply within \(limit)"
        case .refused(let body): "snapshot refused: \(body)"
        case .malformedReply: "malformed snapshot reply"
        case .badLine(let error): "snapshot: \(error)"
        }
    }
}
