//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import ZeroMQ

/// Read-your-writes without a blocking round trip on the merge thread.
///
/// A report must wait until everything the gateway acknowledged before the
/// query arrived is merged, so it needs the gateway's `head` as of a moment
/// after its arrival. Instead of asking synchronously for each query, the
/// loop sends one `head` request and goes on merging. Queries that arrive
/// while it is out wait for the *next* request, because the one in flight
/// may have been answered before their writes were acknowledged. So queries
/// that arrive together share one request, and the loop never waits for the gateway.
///
/// A request unanswered for `timeout` (the gateway is restarting) releases
/// its queries with the merged sequence as their head, as a synchronous ask
/// that timed out did.
struct HeadRequests<Waiting>: ~Copyable {
    private let socket: Socket
    private let token: String?
    private let timeout: Duration
    private var nextID: UInt64 = 1
    private var inFlight: (id: UInt64, sent: ContinuousClock.Instant)?
    /// Waiting for the request in flight.
    private var answering: [Waiting] = []
    /// Arrived after it was sent: they go with the next request.
    private var queued: [Waiting] = []

    init(context: ZMQContext, endpoint: String, token: String?, security: SocketSecurity, timeout: Duration = .seconds(2))
        throws
    {
        let dealer = try Socket(context, type: .dealer)
        try dealer.set(.linger, 0)
        try dealer.secure(security)
        try dealer.connect(endpoint)
        socket = dealer
        self.token = token
        self.timeout = timeout
    }

    consuming func close() { socket.close() }

    func register(in poller: inout Poller) { poller.register(socket, for: .pollIn) }

    /// Queries waiting for a head, in flight or queued.
    var count: Int { answering.count + queued.count }

    /// Adds a query; it is released by `receive` or `expire` with the head it must wait for.
    mutating func ask(for query: Waiting) throws {
        if inFlight == nil {
            answering.append(query)
            try send()
        } else {
            queued.append(query)
        }
    }

    /// Reads the replies waiting; returns the head and the queries it releases, when the request in flight was answered.
    /// At most one request is answered per call (the next one may already be waiting: the poller says so).
    mutating func receive() throws -> (head: UInt64, queries: [Waiting])? {
        while let frames = try socket.receiveMultipart(dontWait: true) {
            // A late reply to an expired request, or an error one (a refused token), answers nothing.
            guard let reply = WireFrames.decode(frames[...]), reply.id == inFlight?.id, reply.verb == .head,
                reply.body.count == 8
            else { continue }
            let released = (head: WireFrames.decodeID(reply.body), queries: answering)
            try advance()
            return released
        }
        return nil
    }

    /// The queries of a request unanswered for `timeout`, to be answered as of `merged`.
    mutating func expire(now: ContinuousClock.Instant) throws -> [Waiting] {
        guard let sent = inFlight?.sent, now - sent >= timeout else { return [] }
        let released = answering
        try advance()
        return released
    }

    /// The request in flight is done: the queued queries go out with a new one.
    private mutating func advance() throws {
        inFlight = nil
        answering = queued
        queued = []
        if !answering.isEmpty { try send() }
    }

    private mutating func send() throws {
        let id = nextID
        nextID += 1
        inFlight = (id, .now)
        _ = try socket.sendMultipart(WireFrames.Request(verb: .head, id: id, body: [], token: token).frames, dontWait: true)
    }
}
