import CZeroMQ

/// Sending frames ([zmq_send](http://api.zeromq.org/4-3:zmq-send),
/// [zmq_msg_send](http://api.zeromq.org/4-3:zmq-msg-send)).
///
/// Every send returns `.wouldBlock` instead of throwing when `dontWait` is set and the queue is
/// full (high-water mark reached, or no peer yet) or when `SNDTIMEO` expires. Set `more` on every
/// frame but the last of a multipart message; libzmq delivers the frames all-or-nothing.
extension Socket {
    // MARK: - Single frames

    /// Sends `bytes` as one frame, copying them once into libzmq's buffer.
    @discardableResult
    public borrowing func send(
        _ bytes: UnsafeRawBufferPointer, more: Bool = false, dontWait: Bool = false
    ) throws(ZMQError) -> IOResult<Int> {
        let handle = self.handle
        let flags = Socket.flags(more: more, dontWait: dontWait)
        return try zmqCall("zmq_send") { zmq_send(handle, bytes.baseAddress, bytes.count, flags) }
            .map { Int($0) }
    }

    /// Sends a byte collection as one frame; contiguous collections (`[UInt8]`, `Data`-like)
    /// are sent without an intermediate copy.
    @discardableResult
    public borrowing func send(
        _ bytes: some Collection<UInt8>, more: Bool = false, dontWait: Bool = false
    ) throws(ZMQError) -> IOResult<Int> {
        let handle = self.handle
        let flags = Socket.flags(more: more, dontWait: dontWait)
        let send = { (buffer: UnsafeRawBufferPointer) -> Result<IOResult<CInt>, ZMQError> in
            Result { () throws(ZMQError) in
                try zmqCall("zmq_send") { zmq_send(handle, buffer.baseAddress, buffer.count, flags) }
            }
        }
        let result =
            bytes.withContiguousStorageIfAvailable { send(UnsafeRawBufferPointer($0)) }
            ?? Array(bytes).withUnsafeBytes(send)
        return try result.get().map { Int($0) }
    }

    /// Sends a string's UTF-8 bytes as one frame.
    @discardableResult
    public borrowing func send(
        _ string: String, more: Bool = false, dontWait: Bool = false
    ) throws(ZMQError) -> IOResult<Int> {
        try send(string.utf8, more: more, dontWait: dontWait)
    }

    /// Sends a `Message`, handing its buffer to libzmq without copying (the zero-copy path for
    /// `Message(takingOwnershipOf:)`). On success the message is left empty and can be reused;
    /// on `.wouldBlock` it keeps its content.
    @discardableResult
    public borrowing func send(
        _ message: Message, more: Bool = false, dontWait: Bool = false
    ) throws(ZMQError) -> IOResult<Int> {
        let handle = self.handle
        let flags = Socket.flags(more: more, dontWait: dontWait)
        return try zmqCall("zmq_msg_send") { zmq_msg_send(message.pointer, handle, flags) }.map { Int($0) }
    }

    // MARK: - Multipart

    /// Sends `frames` as one multipart message and returns the total bytes sent.
    ///
    /// `dontWait` applies to the first frame only: once libzmq accepts the first frame it
    /// accepts the rest of the message, so this never leaves a message half-sent.
    @discardableResult
    public borrowing func sendMultipart<Frame: Collection<UInt8>>(
        _ frames: some Collection<Frame>, dontWait: Bool = false
    ) throws(ZMQError) -> IOResult<Int> {
        var total = 0
        var index = 0
        for frame in frames {
            let isFirst = index == 0
            index += 1
            switch try send(frame, more: index < frames.count, dontWait: dontWait && isFirst) {
            case .processed(let count): total += count
            case .wouldBlock where isFirst: return .wouldBlock
            // Unreachable in practice (later frames are always accepted); never report a torn send as nothing.
            case .wouldBlock: throw ZMQError(code: EAGAIN, function: "zmq_send")
            }
        }
        return .processed(total)
    }

    // MARK: - Helpers

    static func flags(more: Bool, dontWait: Bool) -> CInt {
        (more ? ZMQ_SNDMORE : 0) | (dontWait ? ZMQ_DONTWAIT : 0)
    }
}
