import Foundation
import Testing
import ZeroMQ

/// The messaging patterns the cluster uses, end to end over real sockets.
@Suite struct PatternTests {
    @Test func subscriberReceivesOnlyTopicsMatchingItsPrefix() throws {
        let context = try ZMQContext()
        let pub = try makeSocket(context, .pub)
        let endpoint = try bindLoopback(pub)
        let sub = try makeSocket(context, .sub, timeoutMs: 20)
        try sub.subscribe("a/")
        try sub.connect(endpoint)

        // Slow joiner: the subscription reaches the publisher asynchronously, so keep publishing
        // both topics until a matching message arrives (or the deadline passes).
        var received: [String] = []
        let deadline = ContinuousClock.now + .seconds(1.5)
        while received.isEmpty, ContinuousClock.now < deadline {
            try pub.send("b/y")
            try pub.send("a/x")
            while let message = try sub.receiveString() { received.append(message) }
        }
        #expect(!received.isEmpty)
        #expect(received.allSatisfy { $0 == "a/x" })
    }

    @Test func routerSeesDealerRoutingIdAndRepliesToIt() throws {
        let context = try ZMQContext()
        let router = try makeSocket(context, .router)
        try router.set(.routerMandatory, true)
        let endpoint = try bindLoopback(router)
        let dealer = try makeSocket(context, .dealer)
        try dealer.set(.routingId, [UInt8]("worker-1"))
        #expect(try dealer.get(.routingId) == [UInt8]("worker-1"))
        try dealer.connect(endpoint)

        try dealer.send("hello")
        let request = try #require(try router.receiveMultipart())
        #expect(request == [[UInt8]("worker-1"), [UInt8]("hello")])
        try router.sendMultipart([request[0], [UInt8]("reply")])
        #expect(try dealer.receiveString() == "reply")

        let error = #expect(throws: ZMQError.self) { try router.sendMultipart([[UInt8]("nobody"), [1]]) }
        #expect(error?.code == EHOSTUNREACH)
    }

    @Test func requestReplyRoundTripOverTCP() throws {
        let context = try ZMQContext()
        let rep = try makeSocket(context, .rep)
        let endpoint = try bindLoopback(rep)
        let req = try makeSocket(context, .req)
        try req.connect(endpoint)

        try req.send("ping")
        #expect(try rep.receiveString() == "ping")
        try rep.send("pong")
        #expect(try req.receiveString() == "pong")
    }

    @Test func reqSendingTwiceInARowIsABadState() throws {
        let context = try ZMQContext()
        let req = try makeSocket(context, .req)
        try req.connect("inproc://\(uniqueName("req"))")
        try req.send("one", dontWait: true)
        #expect(throws: ZMQError.self) { try req.send("two", dontWait: true) }
        do { try req.send("two") } catch ZMQError.badState {} catch { Issue.record("\(error)") }
    }

    @Test func multipartPreservesFramesIncludingEmptyOnesAndMoreFlags() throws {
        let context = try ZMQContext()
        let endpoint = "inproc://\(uniqueName("multipart"))"
        let pull = try makeSocket(context, .pull)
        try pull.bind(endpoint)
        let push = try makeSocket(context, .push)
        try push.connect(endpoint)

        let frames: [[UInt8]] = [[UInt8]("header"), [], [0, 1, 2, 255]]
        #expect(try push.sendMultipart(frames) == .processed(10))
        #expect(try pull.receiveMultipart() == frames)

        try push.sendMultipart(frames)
        let message = Message()
        var more: [Bool] = []
        var sizes: [Int] = []
        repeat {
            sizes.append(try #require(try pull.receive(into: message).value))
            more.append(message.more)
        } while message.more
        #expect(more == [true, true, false])
        #expect(sizes == [6, 0, 4])
        #expect(try pull.hasMore == false)
    }

    @Test func zeroCopyMessageDeliversALargeBufferAndEmptiesTheSender() throws {
        let context = try ZMQContext()
        let endpoint = "inproc://\(uniqueName("zerocopy"))"
        let pull = try makeSocket(context, .pull)
        try pull.bind(endpoint)
        let push = try makeSocket(context, .push)
        try push.connect(endpoint)

        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 1)
        for index in 0..<size { buffer[index] = UInt8(truncatingIfNeeded: index) }
        let outgoing = Message(takingOwnershipOf: buffer)
        #expect(try push.send(outgoing) == .processed(size))
        #expect(outgoing.count == 0)

        let incoming = try #require(try pull.receiveMessage())
        #expect(incoming.count == size)
        incoming.withUnsafeBytes { bytes in
            #expect(bytes[0] == 0 && bytes[255] == 255 && bytes[size - 1] == UInt8(truncatingIfNeeded: size - 1))
        }
    }
}
