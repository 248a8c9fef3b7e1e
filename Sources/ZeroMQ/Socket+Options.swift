import CZeroMQ

/// Typed `zmq_setsockopt`/`zmq_getsockopt`, one overload per C representation.
/// See [zmq_setsockopt](http://api.zeromq.org/4-3:zmq-setsockopt).
extension Socket {
    // MARK: - Set

    public borrowing func set(_ option: SocketOption<Int32>, _ value: Int32) throws(ZMQError) {
        var value = CInt(value)
        try setRaw(option.name, &value, MemoryLayout<CInt>.size)
    }

    public borrowing func set(_ option: SocketOption<Bool>, _ value: Bool) throws(ZMQError) {
        var value: CInt = value ? 1 : 0
        try setRaw(option.name, &value, MemoryLayout<CInt>.size)
    }

    public borrowing func set(_ option: SocketOption<[UInt8]>, _ value: [UInt8]) throws(ZMQError) {
        try setRaw(option.name, value, value.count)
    }

    /// Strings are passed as their UTF-8 bytes without a terminator (CURVE keys: 40 Z85 chars).
    public borrowing func set(_ option: SocketOption<String>, _ value: String) throws(ZMQError) {
        try set(SocketOption<[UInt8]>(name: option.name), Array(value.utf8))
    }

    // MARK: - Get

    public borrowing func get(_ option: SocketOption<Int32>) throws(ZMQError) -> Int32 {
        var value: CInt = 0
        _ = try getRaw(option.name, &value, MemoryLayout<CInt>.size)
        return value
    }

    public borrowing func get(_ option: SocketOption<Bool>) throws(ZMQError) -> Bool {
        try get(SocketOption<Int32>(name: option.name)) != 0
    }

    public borrowing func get(_ option: SocketOption<PollEvents>) throws(ZMQError) -> PollEvents {
        PollEvents(rawValue: Int16(truncatingIfNeeded: try get(SocketOption<Int32>(name: option.name))))
    }

    public borrowing func get(_ option: SocketOption<[UInt8]>) throws(ZMQError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: option.capacity)
        let length = try getRaw(option.name, &buffer, buffer.count)
        return Array(buffer.prefix(length))
    }

    /// Reads a NUL-terminated string option (libzmq counts the NUL in the returned length).
    public borrowing func get(_ option: SocketOption<String>) throws(ZMQError) -> String {
        let bytes = try get(SocketOption<[UInt8]>(name: option.name, capacity: option.capacity))
        return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    // MARK: - Conveniences

    /// Subscribes a SUB socket to messages whose first frame starts with `prefix`.
    public borrowing func subscribe(_ prefix: String = "") throws(ZMQError) {
        try set(.subscribe, Array(prefix.utf8))
    }

    /// Removes one subscription made with `subscribe`.
    public borrowing func unsubscribe(_ prefix: String = "") throws(ZMQError) {
        try set(.unsubscribe, Array(prefix.utf8))
    }

    /// Whether the last frame received is followed by more frames of the same message.
    public var hasMore: Bool {
        get throws(ZMQError) { try get(.receiveMore) }
    }

    // MARK: - Raw

    private borrowing func setRaw(_ name: CInt, _ value: UnsafeRawPointer?, _ size: Int) throws(ZMQError) {
        let handle = self.handle
        try zmqCheck("zmq_setsockopt") { zmq_setsockopt(handle, name, value, size) }
    }

    private borrowing func getRaw(_ name: CInt, _ value: UnsafeMutableRawPointer?, _ size: Int) throws(ZMQError) -> Int
    {
        let handle = self.handle
        var length = size
        try zmqCheck("zmq_getsockopt") { zmq_getsockopt(handle, name, value, &length) }
        return length
    }
}
