import CZeroMQ

/// A failed libzmq call: the `errno` it left and the name of the C function that failed.
///
/// Keeping the function name makes logs actionable ("zmq_bind: Invalid argument") without
/// wrapping every call site in its own error type. Compare errors by code with pattern
/// matching, which ignores the function name:
///
/// ```swift
/// do { try socket.connect("tcp://nonsense") } catch ZMQError.invalidArgument { ... }
/// ```
public struct ZMQError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The `errno` value, as returned by [zmq_errno](http://api.zeromq.org/4-3:zmq-errno).
    public var code: CInt
    /// The C call that failed, e.g. `"zmq_bind"`; empty in the pattern constants below.
    public var function: String

    public init(code: CInt, function: String) {
        self.code = code
        self.function = function
    }

    /// Captures the calling thread's current `zmq_errno()`; call it right after the failure.
    static func current(_ function: String) -> ZMQError {
        ZMQError(code: zmq_errno(), function: function)
    }

    /// libzmq's text for the code (it knows its own codes above `ZMQ_HAUSNUMERO` too).
    public var message: String {
        String(cString: zmq_strerror(code))
    }

    public var description: String {
        function.isEmpty ? "\(message) (errno \(code))" : "\(function): \(message) (errno \(code))"
    }

    // MARK: - Pattern matching

    /// Matches on `code` only, so `catch ZMQError.again` works whatever the failing function was.
    public static func ~= (pattern: ZMQError, value: ZMQError) -> Bool {
        pattern.code == value.code
    }

    /// The same match against an untyped error, for `catch` clauses in untyped-throwing code.
    public static func ~= (pattern: ZMQError, value: any Error) -> Bool {
        (value as? ZMQError).map { $0.code == pattern.code } ?? false
    }

    // MARK: - Common codes (patterns; `function` is empty)

    /// `EAGAIN`: non-blocking call would block, or a timeout expired. Most APIs return this as a value.
    public static let again = ZMQError(code: EAGAIN, function: "")
    /// `ETERM`: the context was shut down or terminated; close the socket and stop.
    public static let terminated = ZMQError(code: ETERM, function: "")
    /// `EINTR`: interrupted by a signal. The wrapper retries these, so callers rarely see it.
    public static let interrupted = ZMQError(code: EINTR, function: "")
    /// `EHOSTUNREACH`: a ROUTER with `ROUTER_MANDATORY` was asked to send to an unknown peer.
    public static let hostUnreachable = ZMQError(code: EHOSTUNREACH, function: "")
    /// `EINVAL`: a bad argument, e.g. a malformed endpoint or an option of the wrong size.
    public static let invalidArgument = ZMQError(code: EINVAL, function: "")
    /// `EPROTONOSUPPORT`: an unknown or unsupported transport, e.g. `bogus://x`.
    public static let protocolNotSupported = ZMQError(code: EPROTONOSUPPORT, function: "")
    /// `ENOENT`: unbind/disconnect of an endpoint that is not bound/connected.
    public static let noSuchEndpoint = ZMQError(code: ENOENT, function: "")
    /// `EADDRINUSE`: the address is already bound.
    public static let addressInUse = ZMQError(code: EADDRINUSE, function: "")
    /// `ECONNREFUSED`: e.g. `inproc://` connect to a name nobody bound (before libzmq 4.2 only).
    public static let connectionRefused = ZMQError(code: ECONNREFUSED, function: "")
    /// `EFSM`: the socket's state machine forbids this now, e.g. REQ sending twice in a row.
    public static let badState = ZMQError(code: EFSM, function: "")
    /// `ENOTSUP`: the operation is not supported by this socket type.
    public static let notSupported = ZMQError(code: ENOTSUP, function: "")
    /// `EBUSY`: the context still has open sockets (raised by `ZMQContext.terminate`).
    public static let busy = ZMQError(code: EBUSY, function: "")
}
