import CZeroMQ

/// The outcome of an operation that may legitimately not happen yet, as in swift-nio's `IOResult`.
///
/// `EAGAIN` is routine on hot paths (non-blocking sends, `RCVTIMEO` expiring), so it is a value
/// here instead of a thrown error; real failures still throw `ZMQError`.
public enum IOResult<Value> {
    /// The call completed and produced `Value` (e.g. a byte count).
    case processed(Value)
    /// The call would have blocked (`EAGAIN`): nothing was sent or received.
    case wouldBlock

    /// The value, or nil when the call would have blocked.
    public var value: Value? {
        if case .processed(let value) = self { value } else { nil }
    }
}

extension IOResult {
    /// Transforms the processed value, keeping `.wouldBlock`.
    public func map<New>(_ transform: (Value) -> New) -> IOResult<New> {
        switch self {
        case .processed(let value): .processed(transform(value))
        case .wouldBlock: .wouldBlock
        }
    }
}

extension IOResult: Equatable where Value: Equatable {}
extension IOResult: Hashable where Value: Hashable {}
extension IOResult: Sendable where Value: Sendable {}

// MARK: - The one call helper

/// Runs a libzmq call that returns -1 on failure, the way swift-nio's `syscall` wraps POSIX:
/// retries on `EINTR` (a signal is not a failure of the operation), returns `.wouldBlock` on
/// `EAGAIN`, and throws `ZMQError` naming `function` for everything else.
@inline(__always)
func zmqCall(_ function: String, _ body: () -> CInt) throws(ZMQError) -> IOResult<CInt> {
    while true {
        let result = body()
        if result != -1 { return .processed(result) }
        switch zmq_errno() {
        case EINTR: continue
        case EAGAIN: return .wouldBlock
        case let code: throw ZMQError(code: code, function: function)
        }
    }
}

/// `zmqCall` for calls where `EAGAIN` is not expected: it is thrown like any other error.
@inline(__always)
@discardableResult
func zmqCheck(_ function: String, _ body: () -> CInt) throws(ZMQError) -> CInt {
    switch try zmqCall(function, body) {
    case .processed(let result): return result
    case .wouldBlock: throw ZMQError(code: EAGAIN, function: function)
    }
}
