import CZeroMQ

/// One message frame, owning a `zmq_msg_t` ([zmq_msg_init](http://api.zeromq.org/4-3:zmq-msg-init)).
///
/// Receiving into a `Message` hands over libzmq's buffer without copying it; read it in place
/// with `withUnsafeBytes`. A class (not a struct) because libzmq needs the `zmq_msg_t` at a
/// stable address; reuse one instance across receives in hot loops to avoid allocations.
/// Like sockets, a message is for one thread at a time.
public final class Message {
    let pointer: UnsafeMutablePointer<zmq_msg_t>

    // MARK: - Creating

    /// An empty message, ready to receive into.
    public init() {
        pointer = .allocate(capacity: 1)
        zmq_msg_init(pointer)
    }

    /// An uninitialised payload of `count` bytes, filled in by the convenience initialisers.
    private init(count: Int) {
        pointer = .allocate(capacity: 1)
        let result = zmq_msg_init_size(pointer, count)
        precondition(result == 0, "zmq_msg_init_size(\(count)): out of memory")
    }

    /// A message holding a copy of `bytes`, copied once, straight into libzmq's buffer.
    public convenience init(copying bytes: UnsafeRawBufferPointer) {
        self.init(count: bytes.count)
        if let source = bytes.baseAddress, !bytes.isEmpty {
            zmq_msg_data(pointer).copyMemory(from: source, byteCount: bytes.count)
        }
    }

    /// A message holding a copy of `bytes`, copied once, straight into libzmq's buffer.
    public convenience init(_ bytes: some Collection<UInt8>) {
        self.init(count: bytes.count)
        UnsafeMutableRawBufferPointer(start: zmq_msg_data(pointer), count: count).copyBytes(from: bytes)
    }

    /// Zero-copy: the message takes ownership of `buffer`, which must come from
    /// `UnsafeMutableRawBufferPointer.allocate` and must not be touched afterwards. libzmq
    /// deallocates it (possibly on an I/O thread) once the last send of it completes.
    /// Worth it for large payloads; for small ones the copy is cheaper than the bookkeeping.
    /// See [zmq_msg_init_data](http://api.zeromq.org/4-3:zmq-msg-init-data).
    public init(takingOwnershipOf buffer: UnsafeMutableRawBufferPointer) {
        pointer = .allocate(capacity: 1)
        let result = zmq_msg_init_data(
            pointer, buffer.baseAddress, buffer.count,
            { data, _ in
                data?.deallocate()
            }, nil)
        precondition(result == 0, "zmq_msg_init_data: out of memory")
    }

    deinit {
        zmq_msg_close(pointer)
        pointer.deallocate()
    }

    // MARK: - Reading

    /// The payload size in bytes.
    public var count: Int { zmq_msg_size(pointer) }

    /// Whether more frames of the same multipart message follow this one
    /// ([zmq_msg_more](http://api.zeromq.org/4-3:zmq-msg-more)).
    public var more: Bool { zmq_msg_more(pointer) != 0 }

    /// Reads the payload in place. The pointer is valid only inside `body`.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeRawBufferPointer(start: zmq_msg_data(pointer), count: count))
    }

    /// A copy of the payload.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// A metadata property of a received message, such as `"User-Id"` (the
    /// identity a ZAP handler gave the sending peer) or `"Peer-Address"`;
    /// `nil` when the connection carries none
    /// ([zmq_msg_gets](http://api.zeromq.org/4-3:zmq-msg-gets)).
    public func property(_ name: String) -> String? {
        guard let value = zmq_msg_gets(pointer, name) else { return nil }
        return String(cString: value)
    }

    /// The payload decoded as UTF-8 (invalid sequences become U+FFFD).
    public var string: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }
}
