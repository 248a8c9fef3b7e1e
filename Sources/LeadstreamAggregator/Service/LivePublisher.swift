//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamAccess
import LeadstreamCore
import LeadstreamWire
import Logging
import Metrics
import ZeroMQ

/// The live topics' publisher on `--publish` (SPEC §9, §10): an XPUB in
/// manual mode, so no subscription takes effect until the aggregator admits it.
///
/// A subscription message is `[1] PREFIX` or, with `--access tokens`,
/// `[1] PREFIX 0x00 TOKEN` (docs/security.md). Its viewer is the token's, or
/// the one whose token is bound to the connection's CURVE key; the prefix is
/// cut to the topics that viewer may read (`TopicScope`) and only those
/// prefixes are subscribed, for that peer alone (libzmq applies a manual
/// subscription to the peer whose message was read last). libzmq cannot drop
/// one peer, so when a token is withdrawn (revoked, expired) the socket is
/// made anew: every subscriber reconnects, resends its subscriptions, is
/// admitted again or not, and resyncs from a snapshot.
struct LivePublisher: ~Copyable {
    /// Bound, all of them: the public address and any in-process one.
    let endpoints: [String]
    let security: SocketSecurity
    let highWaterMark: Int32
    let access: AccessControl
    let logger: Logger
    /// Always present between calls; an optional only so `reopen` can replace it.
    private var slot: Socket?
    private var socket: Socket {
        _read { yield slot! }
    }
    private var withdrawals: Int
    private let refused = Counter(label: "leadstream_live_subscriptions_refused_total")

    init(
        context: ZMQContext, endpoints: [String], security: SocketSecurity, highWaterMark: Int, access: AccessControl,
        logger: Logger
    ) throws {
        self.endpoints = endpoints
        self.security = security
        self.highWaterMark = Int32(clamping: highWaterMark)
        self.access = access
        self.logger = logger
        withdrawals = access.tokens?.withdrawals ?? 0
        slot = try Self.open(context, endpoints, security, self.highWaterMark)
    }

    private static func open(_ context: ZMQContext, _ endpoints: [String], _ security: SocketSecurity, _ hwm: Int32)
        throws -> Socket
    {
        let xpub = try Socket(context, type: .xpub)
        try xpub.set(.linger, 0)
        try xpub.set(.sendHighWaterMark, hwm)
        try xpub.set(.xpubManual, true)
        try xpub.secure(security)
        // The previous socket's listener closes on libzmq's I/O thread: the port may be busy for a moment.
        let deadline = ContinuousClock.now + .seconds(5)
        for endpoint in endpoints {
            while !(try bindOnce(xpub, endpoint, retry: ContinuousClock.now < deadline)) { usleepMilliseconds(10) }
        }
        return xpub
    }

    /// `false` when the address is still in use and `retry` allows another try.
    private static func bindOnce(_ socket: borrowing Socket, _ endpoint: String, retry: Bool) throws -> Bool {
        do {
            try socket.bind(endpoint)
            return true
        } catch ZMQError.addressInUse where retry {
            return false
        }
    }

    consuming func close() { slot.take()?.close() }

    /// Registers the socket, whose readable events are subscription messages.
    func register(in poller: inout Poller) { poller.register(socket, for: .pollIn) }

    func send(topic: String, message: String) throws {
        try socket.sendMultipart([Array(topic.utf8), Array(message.utf8)], dontWait: true)
    }

    /// Admits or refuses every subscription message waiting.
    func admitSubscriptions() throws {
        while let (frames, userID) = try socket.receiveMultipartWithUserID(dontWait: true) {
            guard frames.count == 1, let subscription = WireFrames.Subscription(frames[0]) else { continue }
            let prefixes: [String]
            switch viewer(token: subscription.token, userID: userID) {
            case .success(let principal): prefixes = TopicScope.cut(subscription.prefix, for: principal)
            case .failure(let refusal):
                if subscription.subscribe {
                    refused.increment()
                    logger.notice(
                        "live subscription refused", metadata: ["prefix": "\(subscription.prefix)", "reason": "\(refusal.message)"])
                }
                prefixes = []
            }
            for p in prefixes {
                if subscription.subscribe { try socket.subscribe(p) } else { try socket.unsubscribe(p) }
            }
            logger.debug(
                "live subscription", metadata: ["subscribe": "\(subscription.subscribe)", "prefixes": "\(prefixes)"])
        }
    }

    /// The subscriber behind a message: nobody in particular in open mode.
    private func viewer(token: String?, userID: String?) -> Result<Principal?, Rejection> {
        guard access.mode == .tokens else { return .success(nil) }
        if token != nil { return access.principal(token: token, userID: userID) }
        if let key = userID.flatMap(KeyRole.parse(userID:))?.key, let bound = access.tokens?.principal(boundTo: key) {
            return .success(bound)
        }
        return .failure(Rejection(.unauthorized, field: nil, "no token in the subscription and none bound to the key"))
    }

    /// Re-creates the socket when a token was withdrawn since the last look.
    mutating func reopenIfWithdrawn() throws {
        guard let now = access.tokens?.withdrawals, now != withdrawals else { return }
        withdrawals = now
        let context = socket.context
        slot.take()?.close()
        slot = try Self.open(context, endpoints, security, highWaterMark)
        logger.notice("live publisher re-created: a token was withdrawn", metadata: ["endpoints": "\(endpoints)"])
    }
}

private func usleepMilliseconds(_ ms: Int) {
    var ts = timespec(tv_sec: 0, tv_nsec: ms * 1_000_000)
    nanosleep(&ts, nil)
}
