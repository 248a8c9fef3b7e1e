//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import ZeroMQ

/// One LS1 request at a time over a DEALER: send, then wait for the reply
/// that carries the same request id (docs/protocol.md).
///
/// Every synchronous client of a leadstream ROUTER is this loop: the
/// aggregator's `head`/`replay` to the gateway, `report` and `snapshot`
/// queries. A reply to an earlier request that timed out, or one that is not
/// LS1, is skipped; no reply within `timeout` is `nil`, so the caller decides
/// whether that is an error or "try later".
public struct WireRequester: ~Copyable {
    public let endpoint: String
    public let timeout: Duration
    /// Sent with every request (`--access tokens`).
    public let token: String?
    private let socket: Socket
    private var nextID: UInt64 = 1

    /// Connects (asynchronously: the server need not be up yet).
    public init(
        context: ZMQContext, endpoint: String, timeout: Duration, token: String? = nil,
        security: SocketSecurity = .none
    ) throws(ZMQError) {
        let dealer = try Socket(context, type: .dealer)
        try dealer.secure(security)
        // A request queued for a server that never answers must not hold up the context's shutdown,
        try dealer.set(.linger, 0)
        // and a send never blocks past the request's own time limit (the queue to an absent peer can fill).
        try dealer.set(.sendTimeout, Int32(clamping: Int((timeout / .milliseconds(1)).rounded(.up))))
        try dealer.connect(endpoint)
        self.endpoint = endpoint
        self.timeout = timeout
        self.token = token
        socket = dealer
    }

    public consuming func close() { socket.close() }

    /// Sends one request; returns the reply's verb and body, or `nil` when none came within `timeout`.
    public mutating func call(_ verb: WireFrames.Verb, body: [UInt8]) throws(ZMQError) -> (verb: WireFrames.Verb, body: [UInt8])? {
        try call(verb, body: body, token: token)
    }

    /// Sends one request with `token` instead of the requester's own (a server asking on a viewer's behalf).
    public mutating func call(_ verb: WireFrames.Verb, body: [UInt8], token: String?) throws(ZMQError) -> (
        verb: WireFrames.Verb, body: [UInt8]
    )? {
        let id = nextID
        nextID += 1
        let deadline = ContinuousClock.now + timeout
        guard case .processed = try socket.sendMultipart(WireFrames.Request(verb: verb, id: id, body: body, token: token).frames) else { return nil }
        while case let left = deadline - .now, left > .zero {
            guard try Poller.wait(for: .pollIn, on: socket, timeout: left).contains(.pollIn) else { continue }
            while let frames = try socket.receiveMultipart(dontWait: true) {
                if let reply = WireFrames.decode(frames[...]), reply.id == id { return (reply.verb, reply.body) }
            }
        }
        return nil
    }
}
