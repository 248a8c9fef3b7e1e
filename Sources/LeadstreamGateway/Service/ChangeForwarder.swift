//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import LeadstreamCore
import Logging
import Synchronization
import ZeroMQ

/// Sends committed changes to the report workers over PUSH (the gateway's
/// `--forward` endpoint): `["LS1", "changes", first-sequence, block]`, one message per journaled block,
/// the block's bytes as the journal holds them.
///
/// Best-effort on purpose: when no worker can take a message (none connected,
/// or all at their high-water mark) it is not sent, and the aggregator finds
/// the gap by sequence number and has it replayed from the journal. Ingest is
/// never held up by the downstream.
public final class ChangeForwarder: ChangeSink, Sendable {
    public let boundEndpoint: String
    private let socket: Mutex<Socket?>
    private let logger: Logger
    private let skipped = Atomic<Int>(0)

    /// - Parameter security: CURVE on the PUSH (ZAP domain `forward`: component keys only).
    public init(endpoint: String, context: ZMQContext, logger: Logger, security: SocketSecurity = .none) throws {
        let push = try Socket(context, type: .push)
        try push.set(.linger, 0)
        try push.secure(security)
        try push.set(.sendHighWaterMark, 10_000)
        try push.bind(endpoint)
        boundEndpoint = try push.lastEndpoint
        socket = Mutex(push)
        self.logger = logger
    }

    /// Closes the socket (later changes are left for replay), so the context can terminate.
    public func close() { socket.withLock { $0.take()?.close() } }

    /// Blocks not sent because no worker could take them (they stay in the journal for replay).
    public var skippedBlocks: Int { skipped.load(ordering: .relaxed) }

    public func forward(_ blocks: [(first: UInt64, body: [UInt8])]) {
        for (first, body) in blocks { forward(first: first, body) }
    }

    private func forward(first: UInt64, _ body: [UInt8]) {
        let frames = WireFrames.encode(.changes, id: first, body: body)
        let sent = socket.withLock { slot -> Bool in
            guard let push = slot.take() else { return false }
            let sent: Bool
            switch try? push.sendMultipart(frames, dontWait: true) {
            case .processed?: sent = true
            default: sent = false
            }
            slot = consume push
            return sent
        }
        if !sent {
            skipped.add(1, ordering: .relaxed)
            logger.debug("no worker took a block; left for replay", metadata: ["first_seq": "\(first)"])
        }
    }
}
