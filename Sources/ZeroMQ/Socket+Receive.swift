import CZeroMQ

/// Receiving frames ([zmq_msg_recv](http://api.zeromq.org/4-3:zmq-msg-recv)).
///
/// "Nothing yet" is a value, not an error: with `dontWait`, or when `RCVTIMEO` expires, the
/// receive returns `.wouldBlock` / nil. Errors such as `ZMQError.terminated` still throw.
extension Socket {
    // MARK: - Zero-copy

    /// Receives one frame into `message`, replacing its content, without copying the payload.
    /// Returns the frame size; `message.more` tells whether more frames follow.
    @discardableResult
    public borrowing func receive(into message: Message, dontWait: Bool = false) throws(ZMQError) -> IOResult<Int> {
        let handle = self.handle
        let flags = dontWait ? ZMQ_DONTWAIT : 0
        return try zmqCall("zmq_msg_recv") { zmq_msg_recv(message.pointer, handle, flags) }.map { Int($0) }
    }

    /// Receives one frame as a new `Message`, or nil if none arrived in time.
    public borrowing func receiveMessage(dontWait: Bool = false) throws(ZMQError) -> Message? {
        let message = Message()
        return try receive(into: message, dontWait: dontWait).value.map { _ in message }
    }

    // MARK: - Copying conveniences

    /// Receives one frame's bytes, or nil if none arrived in time.
    public borrowing func receive(dontWait: Bool = false) throws(ZMQError) -> [UInt8]? {
        try receiveMessage(dontWait: dontWait)?.bytes
    }

    /// Receives one frame decoded as UTF-8, or nil if none arrived in time.
    public borrowing func receiveString(dontWait: Bool = false) throws(ZMQError) -> String? {
        try receiveMessage(dontWait: dontWait)?.string
    }

    /// Receives every frame of the next message, or nil if none arrived in time.
    ///
    /// `dontWait` and `RCVTIMEO` apply to the first frame: libzmq delivers multipart messages
    /// atomically, so the remaining frames are already queued once the first one arrives.
    public borrowing func receiveMultipart(dontWait: Bool = false) throws(ZMQError) -> [[UInt8]]? {
        let message = Message()
        guard try receive(into: message, dontWait: dontWait).value != nil else { return nil }
        var frames = [message.bytes]
        while message.more {
            guard try receive(into: message).value != nil else {
                throw ZMQError(code: EAGAIN, function: "zmq_msg_recv")
            }
            frames.append(message.bytes)
        }
        return frames
    }

    /// Receives every frame of the next message and the `User-Id` its
    /// connection was authenticated as (by a ZAP handler; `nil` without one),
    /// or nil if no message arrived in time. A ROUTER's first frame is the
    /// routing id it makes itself, which carries no metadata: the id is read
    /// from the first frame the peer sent.
    public borrowing func receiveMultipartWithUserID(dontWait: Bool = false) throws(ZMQError)
        -> (frames: [[UInt8]], userID: String?)?
    {
        let message = Message()
        guard try receive(into: message, dontWait: dontWait).value != nil else { return nil }
        var userID = message.property("User-Id").flatMap { $0.isEmpty ? nil : $0 }
        var frames = [message.bytes]
        while message.more {
            guard try receive(into: message).value != nil else {
                throw ZMQError(code: EAGAIN, function: "zmq_msg_recv")
            }
            if userID == nil { userID = message.property("User-Id").flatMap { $0.isEmpty ? nil : $0 } }
            frames.append(message.bytes)
        }
        return (frames, userID)
    }
}
