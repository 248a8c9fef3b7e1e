//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import LeadstreamGateway
import ZeroMQ

/// The aggregator's line to the gateway's ROUTER: `head` (the last committed
/// sequence) and `replay` (the changes of a range, from the journal).
///
/// Synchronous, for the aggregator's own thread; a reply that does not come
/// within the timeout is `nil` (the gateway may be restarting): the caller
/// tries again later.
struct GatewayLink: ~Copyable {
    private let socket: Socket
    private var nextID: UInt64 = 1
    let timeout: Duration

    init(context: ZMQContext, endpoint: String, timeout: Duration = .seconds(2)) throws {
        let dealer = try Socket(context, type: .dealer)
        try dealer.set(.linger, 0)
        try dealer.connect(endpoint)
        self.timeout = timeout
        socket = dealer
    }

    consuming func close() { socket.close() }

    mutating func head() throws -> UInt64? {
        guard let body = try request(.head, body: []), body.count == 8 else { return nil }
        return WireFrames.decodeID(body)
    }

    /// Changes `from...through` (the gateway may return fewer: at most its replay limit).
    mutating func replay(from: UInt64, through: UInt64) throws -> [LeadChange]? {
        try request(.replay, body: WireFrames.encode(from) + WireFrames.encode(through)).flatMap(ChangeCodec.decode)
    }

    private mutating func request(_ verb: WireFrames.Verb, body: [UInt8]) throws -> [UInt8]? {
        let id = nextID
        nextID += 1
        try socket.sendMultipart(WireFrames.encode(verb, id: id, body: body))
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard try Poller.wait(for: .pollIn, on: socket, timeout: deadline - .now).contains(.pollIn) else { break }
            while let frames = try socket.receiveMultipart(dontWait: true) {
                // Late answers to earlier, timed-out requests are skipped.
                if let reply = WireFrames.decode(frames[...]), reply.id == id {
                    return reply.verb == .error ? nil : reply.body
                }
            }
        }
        return nil
    }
}
