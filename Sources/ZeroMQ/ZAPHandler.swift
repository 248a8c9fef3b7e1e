//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import CZeroMQ
import Foundation
import Synchronization

/// A ZAP handler (ZeroMQ RFC 27) for one context: the zguide's Ironhouse
/// pattern, where every CURVE handshake on a server socket of the context is
/// put to `authenticate` before the connection is admitted.
///
/// Without a handler libzmq admits any client key, so a process must start
/// its handler before it binds a CURVE server socket. The handler runs on a
/// thread of its own, owning a REP socket on `inproc://zeromq.zap.01`.
public final class ZAPHandler: Sendable {
    /// What a handshake presents.
    public struct Request: Sendable, Hashable {
        /// The server socket's `ZMQ_ZAP_DOMAIN`.
        public var domain: String
        /// The peer's IP address.
        public var address: String
        /// `CURVE`, `PLAIN` or `NULL`.
        public var mechanism: String
        /// The client's long-term public key (Z85), for CURVE.
        public var clientKey: String?
    }

    public enum Decision: Sendable, Hashable {
        /// Admit; messages from this peer carry `userID` as their `User-Id` property.
        case allow(userID: String)
        case deny(reason: String)
    }

    public static let endpoint = "inproc://zeromq.zap.01"

    private let stopping = Atomic<Bool>(false)
    private let done = Atomic<Bool>(false)

    /// Binds the handler's socket now (so later binds are covered) and starts its thread.
    public init(
        context: ZMQContext, authenticate: @escaping @Sendable (Request) -> Decision
    ) throws(ZMQError) {
        let rep = try Socket(context, type: .rep)
        try rep.set(.linger, 0)
        try rep.bind(Self.endpoint)
        let handoff = SocketHandoff(rep)
        let thread = Thread { [self] in
            let socket = handoff.take()
            while !stopping.load(ordering: .acquiring) {
                guard let ready = try? Poller.wait(for: .pollIn, on: socket, timeout: .milliseconds(100)),
                    ready.contains(.pollIn), let frames = try? socket.receiveMultipart(dontWait: true)
                else { continue }
                _ = try? socket.sendMultipart(Self.reply(to: frames, authenticate))
            }
            socket.close()
            done.store(true, ordering: .releasing)
        }
        thread.name = "leadstream-zap"
        thread.start()
    }

    /// Stops the thread and closes its socket (before the context terminates).
    public func stop() {
        stopping.store(true, ordering: .releasing)
        while !done.load(ordering: .acquiring) { usleep(1_000) }
    }

    /// The reply frames of RFC 27: version, request id, status code and text, user id, metadata.
    public static func reply(to frames: [[UInt8]], _ authenticate: (Request) -> Decision) -> [[UInt8]] {
        guard frames.count >= 6, frames[0] == Array("1.0".utf8) else {
            return [Array("1.0".utf8), frames.count > 1 ? frames[1] : [], Array("400".utf8),
                    Array("malformed ZAP request".utf8), [], []]
        }
        let mechanism = String(decoding: frames[5], as: UTF8.self)
        let key = mechanism == "CURVE" && frames.count >= 7 && frames[6].count == 32 ? Curve.z85Encode(frames[6]) : nil
        let request = Request(
            domain: String(decoding: frames[2], as: UTF8.self), address: String(decoding: frames[3], as: UTF8.self),
            mechanism: mechanism, clientKey: key)
        switch authenticate(request) {
        case .allow(let userID):
            return [Array("1.0".utf8), frames[1], Array("200".utf8), Array("OK".utf8), Array(userID.utf8), []]
        case .deny(let reason):
            return [Array("1.0".utf8), frames[1], Array("400".utf8), Array(reason.utf8), [], []]
        }
    }
}
