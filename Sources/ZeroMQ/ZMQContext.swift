import CZeroMQ
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A libzmq context: the I/O threads and the registry of sockets they serve.
///
/// A context is thread-safe, so this class is `Sendable`; share one per process (or per test).
/// Every `Socket` keeps its context alive and is counted here, because `zmq_ctx_term` blocks
/// until every socket is closed: rather than hanging, `terminate` waits a bounded time for the
/// count to reach zero and then fails with `ZMQError.busy`.
/// See [zmq_ctx_term](http://api.zeromq.org/4-3:zmq-ctx-term).
public final class ZMQContext: Sendable {
    private struct State {
        var openSockets = 0
        var terminated = false
    }

    /// The `void *` from `zmq_ctx_new`; libzmq synchronises access to it internally.
    nonisolated(unsafe) let handle: UnsafeMutableRawPointer
    private let state = Mutex(State())

    // MARK: - Life cycle

    /// Creates a context with `ioThreads` background I/O threads (one is plenty below ~1 GB/s).
    public init(ioThreads: Int = 1) throws(ZMQError) {
        guard let handle = zmq_ctx_new() else { throw ZMQError.current("zmq_ctx_new") }
        self.handle = handle
        try zmqCheck("zmq_ctx_set") { zmq_ctx_set(handle, ZMQ_IO_THREADS, CInt(ioThreads)) }
    }

    /// Terminates the context if nobody did. Sockets retain their context, so none can be open
    /// here. `zmq_ctx_term` may still block for the LINGER period of messages that closed sockets
    /// have not delivered yet; set `LINGER` on sockets whose peers may be gone.
    deinit {
        let (open, terminated) = state.withLock { ($0.openSockets, $0.terminated) }
        assert(open == 0, "ZMQContext deinit with \(open) open sockets")
        // Never block a deinit on sockets that can't be closed from here: leak instead.
        if !terminated, open == 0 {
            _ = try? zmqCheck("zmq_ctx_term") { zmq_ctx_term(handle) }
        }
    }

    /// The number of sockets created from this context and not yet closed.
    public var openSocketCount: Int { state.withLock { $0.openSockets } }

    /// Makes every blocking call on this context's sockets (on any thread) fail with
    /// `ZMQError.terminated`, so their owners notice, close the sockets and exit.
    /// Idempotent and non-blocking ([zmq_ctx_shutdown](http://api.zeromq.org/4-3:zmq-ctx-shutdown)).
    public func shutdown() {
        _ = zmq_ctx_shutdown(handle)
    }

    /// Shuts the context down, waits up to `timeout` for all sockets to be closed, then destroys it.
    ///
    /// Throws `ZMQError.busy` (function `"zmq_ctx_term"`) if sockets are still open after the wait,
    /// leaving the context shut down but alive so a later call can retry. Once terminated, new
    /// sockets fail with `ZMQError.terminated`. Calling it again after success does nothing.
    public func terminate(waitingUpTo timeout: Duration = .seconds(1)) throws(ZMQError) {
        if state.withLock({ $0.terminated }) { return }
        shutdown()
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            // Flip `terminated` under the lock that `socketOpened` takes, so no socket can sneak in.
            let claimed = state.withLock { state -> Bool in
                guard state.openSockets == 0, !state.terminated else { return false }
                state.terminated = true
                return true
            }
            if claimed { break }
            if state.withLock({ $0.terminated }) { return }
            guard clock.now < deadline else { throw ZMQError(code: EBUSY, function: "zmq_ctx_term") }
            usleep(1_000)
        }
        try zmqCheck("zmq_ctx_term") { zmq_ctx_term(handle) }
    }

    // MARK: - Socket accounting (called by Socket)

    /// Reserves a slot for a new socket, or throws `ETERM` once `terminate` has claimed the context.
    func socketOpened() throws(ZMQError) {
        try state.withLock { state throws(ZMQError) in
            guard !state.terminated else { throw ZMQError(code: ETERM, function: "zmq_socket") }
            state.openSockets += 1
        }
    }

    func socketClosed() {
        state.withLock { $0.openSockets -= 1 }
    }
}
