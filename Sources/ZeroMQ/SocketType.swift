import CZeroMQ

/// The ZeroMQ socket patterns ([zmq_socket](http://api.zeromq.org/4-3:zmq-socket)).
///
/// The pattern fixes who may talk to whom and how messages are routed, so it is chosen once,
/// at creation, and cannot change.
public enum SocketType: Sendable, Hashable, CaseIterable {
    /// Pipeline: fan-out to PULL peers, round-robin; blocks at the high-water mark.
    case push
    /// Pipeline: fair-queued input from PUSH peers.
    case pull
    /// Publish to SUB peers; drops messages for slow subscribers at the high-water mark.
    case pub
    /// Subscribe to PUB topics by prefix (`Socket.subscribe`).
    case sub
    /// PUB that also receives subscription messages (to proxy or observe them).
    case xpub
    /// SUB that sends subscriptions as messages.
    case xsub
    /// Asynchronous reply side: prefixes each received message with the sender's routing id.
    case router
    /// Asynchronous request side: round-robin out, fair-queued in.
    case dealer
    /// Strict send/receive/send/receive requester.
    case req
    /// Strict receive/send replier.
    case rep
    /// Exclusive one-to-one link, usually over `inproc://` between threads.
    case pair

    /// The `ZMQ_*` constant for `zmq_socket`.
    var rawValue: CInt {
        switch self {
        case .push: ZMQ_PUSH
        case .pull: ZMQ_PULL
        case .pub: ZMQ_PUB
        case .sub: ZMQ_SUB
        case .xpub: ZMQ_XPUB
        case .xsub: ZMQ_XSUB
        case .router: ZMQ_ROUTER
        case .dealer: ZMQ_DEALER
        case .req: ZMQ_REQ
        case .rep: ZMQ_REP
        case .pair: ZMQ_PAIR
        }
    }
}
