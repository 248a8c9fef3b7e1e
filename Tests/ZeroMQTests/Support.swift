import Foundation
import Synchronization
import ZeroMQ

/// A name no other test (or earlier run) uses, for inproc:// and ipc:// endpoints.
func uniqueName(_ label: String) -> String {
    "\(label)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
}

/// Runs `body` with an ipc:// endpoint in a fresh temp directory, removed afterwards (libzmq
/// leaves the socket file behind). Paths stay short: socket paths max out near 107 bytes.
func withIPCEndpoint(_ body: (String) throws -> Void) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(uniqueName("zmq"))
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try body("ipc://\(directory.path)/socket")
}

/// Creates a socket with a receive timeout, so a lost message fails the test instead of hanging it.
func makeSocket(_ context: ZMQContext, _ type: SocketType, timeoutMs: Int32 = 1000) throws -> Socket {
    let socket = try Socket(context, type: type)
    try socket.set(.receiveTimeout, timeoutMs)
    try socket.set(.linger, 0)
    return socket
}

/// Binds to an OS-chosen loopback port and returns the resolved endpoint to connect to.
func bindLoopback(_ socket: borrowing Socket) throws -> String {
    try socket.bind("tcp://127.0.0.1:*")
    return try socket.lastEndpoint
}

extension Array where Element == UInt8 {
    init(_ string: String) { self = Array(string.utf8) }
}

/// Lets a test hand a `~Copyable` socket to another thread: a Sendable box with a slot to take from.
final class SocketHandoff: Sendable {
    private let slot: Mutex<Socket?>

    init(_ socket: consuming Socket) {
        slot = Mutex(Optional(socket))
    }

    func take() -> Socket? {
        slot.withLock { $0.take() }
    }
}

