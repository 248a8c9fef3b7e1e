import CZeroMQ

/// A typed socket option: the `ZMQ_*` name plus, as `Value`, the Swift type it is read and
/// written as, so `socket.set(.linger, 0)` type-checks and `socket.set(.linger, "x")` does not.
///
/// Units and semantics follow [zmq_setsockopt](http://api.zeromq.org/4-3:zmq-setsockopt) and
/// [zmq_getsockopt](http://api.zeromq.org/4-3:zmq-getsockopt); times are milliseconds, −1 = forever.
/// Some options are write-only (SUBSCRIBE) or read-only (RCVMORE); libzmq answers misuse with
/// `ZMQError.invalidArgument`.
public struct SocketOption<Value>: Sendable, Hashable {
    /// The `ZMQ_*` constant.
    public let name: CInt
    /// Buffer size used to read variable-length values (strings and byte arrays).
    public let capacity: Int

    /// An option this module does not list; `Value` must match libzmq's C type for it.
    public init(name: CInt, capacity: Int = 256) {
        self.name = name
        self.capacity = capacity
    }
}

// MARK: - Integers (C `int`)

extension SocketOption where Value == Int32 {
    /// ZMQ_SNDHWM: messages queued per peer before sends block or drop (default 1000).
    public static var sendHighWaterMark: Self { .init(name: ZMQ_SNDHWM) }
    /// ZMQ_RCVHWM: messages queued per peer on the receiving side (default 1000).
    public static var receiveHighWaterMark: Self { .init(name: ZMQ_RCVHWM) }
    /// ZMQ_LINGER: ms to keep flushing unsent messages after close; −1 forever (default), 0 drop.
    public static var linger: Self { .init(name: ZMQ_LINGER) }
    /// ZMQ_RCVTIMEO: ms a blocking receive waits before returning nil/`.wouldBlock`; −1 forever.
    public static var receiveTimeout: Self { .init(name: ZMQ_RCVTIMEO) }
    /// ZMQ_SNDTIMEO: ms a blocking send waits before returning `.wouldBlock`; −1 forever.
    public static var sendTimeout: Self { .init(name: ZMQ_SNDTIMEO) }
    /// ZMQ_TCP_KEEPALIVE: −1 OS default, 0 off, 1 on; detects dead peers behind NAT/firewalls.
    public static var tcpKeepalive: Self { .init(name: ZMQ_TCP_KEEPALIVE) }
    /// ZMQ_FD (read-only): an fd that becomes readable when `events` may have changed; for
    /// integrating with an external event loop. Edge-triggered: always re-check `events`.
    public static var fileDescriptor: Self { .init(name: ZMQ_FD) }
}

// MARK: - Flags (C `int` 0/1)

extension SocketOption where Value == Bool {
    /// ZMQ_IMMEDIATE: queue only to completed connections, so messages are not stranded
    /// on a peer that has not connected yet.
    public static var immediate: Self { .init(name: ZMQ_IMMEDIATE) }
    /// ZMQ_XPUB_VERBOSE: pass every (even duplicate) subscription up through an XPUB.
    public static var xpubVerbose: Self { .init(name: ZMQ_XPUB_VERBOSE) }
    /// ZMQ_XPUB_MANUAL: an XPUB passes every (un)subscription up and adds none
    /// itself; the owner decides with `subscribe`/`unsubscribe` on the XPUB,
    /// which apply to the peer whose subscription message was received last.
    public static var xpubManual: Self { .init(name: ZMQ_XPUB_MANUAL) }
    /// ZMQ_ROUTER_MANDATORY: fail sends to unknown routing ids with `hostUnreachable`
    /// instead of silently dropping them.
    public static var routerMandatory: Self { .init(name: ZMQ_ROUTER_MANDATORY) }
    /// ZMQ_CURVE_SERVER: act as the CURVE server (needs `curveSecretKey`).
    public static var curveServer: Self { .init(name: ZMQ_CURVE_SERVER) }
    /// ZMQ_RCVMORE (read-only): the last frame received has more frames after it.
    public static var receiveMore: Self { .init(name: ZMQ_RCVMORE) }
}

// MARK: - Bytes

extension SocketOption where Value == [UInt8] {
    /// ZMQ_ROUTING_ID: this socket's identity as seen by a ROUTER peer (1–255 bytes, not
    /// starting with 0). Set before connecting.
    public static var routingId: Self { .init(name: ZMQ_ROUTING_ID, capacity: 255) }
    /// ZMQ_SUBSCRIBE (write-only): accept messages starting with this prefix; empty = all.
    public static var subscribe: Self { .init(name: ZMQ_SUBSCRIBE) }
    /// ZMQ_UNSUBSCRIBE (write-only): remove one matching `subscribe`.
    public static var unsubscribe: Self { .init(name: ZMQ_UNSUBSCRIBE) }
}

// MARK: - Strings

extension SocketOption where Value == String {
    /// ZMQ_LAST_ENDPOINT (read-only): see `Socket.lastEndpoint`.
    public static var lastEndpoint: Self { .init(name: ZMQ_LAST_ENDPOINT, capacity: 1024) }
    /// ZMQ_ZAP_DOMAIN: the authentication domain reported to a ZAP handler.
    public static var zapDomain: Self { .init(name: ZMQ_ZAP_DOMAIN) }
    /// ZMQ_CURVE_PUBLICKEY: this socket's long-term public key, 40 Z85 characters.
    public static var curvePublicKey: Self { .init(name: ZMQ_CURVE_PUBLICKEY, capacity: 41) }
    /// ZMQ_CURVE_SECRETKEY: this socket's long-term secret key, 40 Z85 characters.
    public static var curveSecretKey: Self { .init(name: ZMQ_CURVE_SECRETKEY, capacity: 41) }
    /// ZMQ_CURVE_SERVERKEY: on a client, the server's public key, 40 Z85 characters.
    public static var curveServerKey: Self { .init(name: ZMQ_CURVE_SERVERKEY, capacity: 41) }
}

// MARK: - Events

extension SocketOption where Value == PollEvents {
    /// ZMQ_EVENTS (read-only): whether a message can be received/sent right now, without blocking.
    public static var events: Self { .init(name: ZMQ_EVENTS) }
}
