import CZeroMQ

/// Waits until any of several sockets can receive or send, over
/// [zmq_poll](http://api.zeromq.org/4-3:zmq-poll).
///
/// Synchronous by design: a worker's dedicated thread blocks in `poll` and then services
/// whichever sockets are ready. Sockets are registered by their raw handle, so the rule is:
/// keep every registered socket open, and use it only on the polling thread, for as long as
/// the poller is used (make a new `Poller` after closing one). For a single socket prefer the
/// scoped `Poller.wait(for:on:timeout:)`, which cannot outlive the socket.
public struct Poller {
    private var items: [zmq_pollitem_t] = []

    public init() {}

    // MARK: - Registering

    /// Adds `socket`, interested in `events`; returns its index in `poll`'s result.
    @discardableResult
    public mutating func register(_ socket: borrowing Socket, for events: PollEvents) -> Int {
        items.append(zmq_pollitem_t(socket: socket.handle, fd: 0, events: events.rawValue, revents: 0))
        return items.count - 1
    }

    /// Adds a plain file descriptor (e.g. a pipe used to wake the thread); returns its index.
    @discardableResult
    public mutating func register(fileDescriptor: CInt, for events: PollEvents) -> Int {
        items.append(zmq_pollitem_t(socket: nil, fd: fileDescriptor, events: events.rawValue, revents: 0))
        return items.count - 1
    }

    /// The number of registered sockets and descriptors.
    public var count: Int { items.count }

    // MARK: - Polling

    /// Blocks until at least one registered item is ready or `timeout` passes (nil = forever).
    /// Returns the ready events per item, in registration order; all empty on timeout.
    /// Throws `ZMQError.terminated` once a socket's context is shut down.
    public mutating func poll(timeout: Duration?) throws(ZMQError) -> [PollEvents] {
        let milliseconds = Poller.milliseconds(timeout)
        let count = Int32(items.count)
        try items.withUnsafeMutableBufferPointer { buffer throws(ZMQError) in
            for index in buffer.indices { buffer[index].revents = 0 }
            try zmqCheck("zmq_poll") { zmq_poll(buffer.baseAddress, count, milliseconds) }
        }
        return items.map { PollEvents(rawValue: $0.revents) }
    }

    /// Waits until one socket is ready for `events`; returns the ready subset (empty on timeout).
    public static func wait(
        for events: PollEvents, on socket: borrowing Socket, timeout: Duration?
    ) throws(ZMQError) -> PollEvents {
        var poller = Poller()
        poller.register(socket, for: events)
        return try poller.poll(timeout: timeout)[0]
    }

    /// zmq_poll's timeout: milliseconds, rounded up so short waits do not become busy loops.
    static func milliseconds(_ timeout: Duration?) -> Int {
        guard let timeout else { return -1 }
        let (seconds, attoseconds) = timeout.components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        let subMillisecond = attoseconds % 1_000_000_000_000_000 == 0 ? 0 : 1
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000) + subMillisecond
    }
}
