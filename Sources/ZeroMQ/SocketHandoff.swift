//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Synchronization

/// Moves a socket made on one thread to the thread that will own it.
///
/// A libzmq socket must be used by one thread at a time; `Socket` is
/// `~Copyable`, so it can't be captured by a thread's closure. The handoff
/// holds it until the owning thread takes it, exactly once.
public final class SocketHandoff: Sendable {
    private let slot: Mutex<Socket?>

    public init(_ socket: consuming Socket) { slot = Mutex(socket) }

    public func take() -> Socket {
        slot.withLock { s in
            guard let socket = s.take() else { preconditionFailure("socket taken twice") }
            return socket
        }
    }
}
