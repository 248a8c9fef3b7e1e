import CZeroMQ

/// What a socket is ready for, as in `zmq_pollitem_t.events` and the `ZMQ_EVENTS` option.
public struct PollEvents: OptionSet, Sendable, Hashable {
    public let rawValue: Int16

    public init(rawValue: Int16) {
        self.rawValue = rawValue
    }

    /// At least one message can be received without blocking.
    public static let pollIn = PollEvents(rawValue: Int16(ZMQ_POLLIN))
    /// At least one message can be sent without blocking.
    public static let pollOut = PollEvents(rawValue: Int16(ZMQ_POLLOUT))
    /// An error condition (only meaningful for plain file descriptors).
    public static let pollErr = PollEvents(rawValue: Int16(ZMQ_POLLERR))
}
