import CZeroMQ

/// One ZeroMQ socket, owned by exactly one value and closed exactly once.
///
/// `~Copyable` makes double-close and use-after-close impossible by construction: `close()` is
/// `consuming`, and if the value is dropped while open its `deinit` closes it instead.
///
/// **Threading rule:** libzmq sockets are not thread-safe. Use a socket from one thread at a
/// time (typically a dedicated thread that creates it, or one it was moved to); it is
/// `@unchecked Sendable` only so it can be *moved* to that thread. Never share it.
///
/// **Shutdown:** closing returns at once; undelivered messages are flushed in the background
/// for the socket's `LINGER` period (libzmq's default −1 = forever, which also makes
/// `zmq_ctx_term` wait for them). Measured on Linux with libzmq 4.3.4: `ipc://` lost messages at
/// a clean shutdown even with `LINGER` −1 while `tcp://` and `inproc://` did not, so do not
/// rely on linger for `ipc://` — acknowledge at the application level.
/// See [zmq_close](http://api.zeromq.org/4-3:zmq-close).
public struct Socket: ~Copyable, @unchecked Sendable {
    /// The `void *` from `zmq_socket`; valid until `deinit`.
    let handle: UnsafeMutableRawPointer
    /// The owning context, kept alive (and counted) for as long as the socket is open.
    public let context: ZMQContext
    /// The messaging pattern chosen at creation.
    public let type: SocketType

    // MARK: - Life cycle

    /// Creates a socket of `type` in `context`
    /// ([zmq_socket](http://api.zeromq.org/4-3:zmq-socket)).
    /// Throws `ZMQError.terminated` if the context was terminated or shut down.
    public init(_ context: ZMQContext, type: SocketType) throws(ZMQError) {
        try context.socketOpened()
        guard let handle = zmq_socket(context.handle, type.rawValue) else {
            let error = ZMQError.current("zmq_socket")
            context.socketClosed()
            throw error
        }
        self.handle = handle
        self.context = context
        self.type = type
    }

    /// Closes the socket now. Consuming: the value cannot be used (or closed) again.
    public consuming func close() {
        // Ending the value's lifetime here runs `deinit`, the single place that closes.
    }

    deinit {
        _ = zmq_close(handle)
        context.socketClosed()
    }

    /// Scoped access to the raw `void *` for libzmq calls this module does not wrap
    /// (e.g. `zmq_proxy`, `zmq_socket_monitor`). Do not close it or let it escape `body`.
    public borrowing func withUnsafeHandle<Result, Failure: Error>(
        _ body: (UnsafeMutableRawPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(handle)
    }

    // MARK: - Endpoints

    /// Binds to an endpoint such as `tcp://127.0.0.1:*`, `ipc:///tmp/x.sock` or `inproc://name`
    /// ([zmq_bind](http://api.zeromq.org/4-3:zmq-bind)). Use `*` as the port to let the OS pick
    /// one and read it back from `lastEndpoint`.
    public borrowing func bind(_ endpoint: String) throws(ZMQError) {
        try zmqCheck("zmq_bind") { zmq_bind(handle, endpoint) }
    }

    /// Connects to an endpoint ([zmq_connect](http://api.zeromq.org/4-3:zmq-connect)).
    /// For `tcp://` this is asynchronous: it succeeds before the peer exists and reconnects
    /// in the background, so only malformed endpoints fail here.
    public borrowing func connect(_ endpoint: String) throws(ZMQError) {
        try zmqCheck("zmq_connect") { zmq_connect(handle, endpoint) }
    }

    /// Stops listening on an endpoint; pass the resolved form from `lastEndpoint` for `*` binds
    /// ([zmq_unbind](http://api.zeromq.org/4-3:zmq-unbind)).
    public borrowing func unbind(_ endpoint: String) throws(ZMQError) {
        try zmqCheck("zmq_unbind") { zmq_unbind(handle, endpoint) }
    }

    /// Drops a connection made with `connect`
    /// ([zmq_disconnect](http://api.zeromq.org/4-3:zmq-disconnect)).
    public borrowing func disconnect(_ endpoint: String) throws(ZMQError) {
        try zmqCheck("zmq_disconnect") { zmq_disconnect(handle, endpoint) }
    }

    /// The endpoint most recently bound or connected, with wildcards resolved
    /// (e.g. `tcp://127.0.0.1:40155`), or `""` if none.
    public var lastEndpoint: String {
        get throws(ZMQError) { try get(.lastEndpoint) }
    }
}
