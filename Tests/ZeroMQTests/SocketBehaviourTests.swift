import Foundation
import Testing
import ZeroMQ

/// Timeouts, non-blocking calls, options and polling.
@Suite struct SocketBehaviourTests {
    @Test func receiveTimeoutMakesReceiveReturnNilAfterTheTimeout() throws {
        let context = try ZMQContext()
        let pull = try makeSocket(context, .pull, timeoutMs: 50)
        _ = try bindLoopback(pull)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(try pull.receive() == nil)
        let elapsed = clock.now - start
        #expect(elapsed >= .milliseconds(40) && elapsed < .seconds(1))
        #expect(try pull.receiveMultipart() == nil)
    }

    @Test func dontWaitOnAnEmptySocketReturnsWouldBlockInsteadOfThrowing() throws {
        let context = try ZMQContext()
        let pull = try makeSocket(context, .pull, timeoutMs: -1)
        try pull.bind("inproc://\(uniqueName("empty"))")
        #expect(try pull.receive(into: Message(), dontWait: true) == .wouldBlock)
        #expect(try pull.receive(dontWait: true) == nil)

        let push = try makeSocket(context, .push)  // no peer: a PUSH has nowhere to queue
        #expect(try push.send("x", dontWait: true) == .wouldBlock)
        #expect(try push.sendMultipart([[UInt8]("a"), [UInt8]("b")], dontWait: true) == .wouldBlock)
    }

    @Test func typedOptionsRoundTrip() throws {
        let context = try ZMQContext()
        let socket = try Socket(context, type: .dealer)
        try socket.set(.sendHighWaterMark, 10)
        try socket.set(.receiveHighWaterMark, 20)
        try socket.set(.linger, 0)
        try socket.set(.sendTimeout, 5)
        try socket.set(.immediate, true)
        try socket.set(.tcpKeepalive, 1)
        try socket.set(.zapDomain, "leadstream")
        #expect(try socket.get(.sendHighWaterMark) == 10)
        #expect(try socket.get(.receiveHighWaterMark) == 20)
        #expect(try socket.get(.linger) == 0)
        #expect(try socket.get(.sendTimeout) == 5)
        #expect(try socket.get(.immediate))
        #expect(try socket.get(.tcpKeepalive) == 1)
        #expect(try socket.get(.zapDomain) == "leadstream")
        #expect(try socket.get(.fileDescriptor) >= 0)
        #expect(try socket.get(.events) == [])
        #expect(socket.type == .dealer)
        #expect(throws: ZMQError.self) { try socket.set(.linger, Int32.min) }
    }

    @Test func xpubVerboseOptionIsAcceptedAndSubscriptionsArriveAsMessages() throws {
        let context = try ZMQContext()
        let xpub = try makeSocket(context, .xpub)
        try xpub.set(.xpubVerbose, true)
        let endpoint = "inproc://\(uniqueName("xpub"))"
        try xpub.bind(endpoint)
        let sub = try makeSocket(context, .sub)
        try sub.connect(endpoint)
        try sub.subscribe("leads/")
        #expect(try xpub.receive() == [1] + [UInt8]("leads/"))
    }

    @Test func pollerReportsOnlyTheReadySocketAndTimesOutEmpty() throws {
        let context = try ZMQContext()
        let quiet = try makeSocket(context, .pull)
        let busy = try makeSocket(context, .pull)
        let endpoint = "inproc://\(uniqueName("poll"))"
        try busy.bind(endpoint)
        let push = try makeSocket(context, .push)
        try push.connect(endpoint)

        var poller = Poller()
        let quietIndex = poller.register(quiet, for: .pollIn)
        let busyIndex = poller.register(busy, for: [.pollIn, .pollOut])
        #expect(try poller.poll(timeout: .milliseconds(20)).allSatisfy { $0.isEmpty })

        try push.send("wake")
        let ready = try poller.poll(timeout: .seconds(1))
        #expect(ready[quietIndex].isEmpty)
        #expect(ready[busyIndex] == .pollIn)
        #expect(try Poller.wait(for: .pollOut, on: push, timeout: .zero) == .pollOut)
        #expect(try busy.get(.events).contains(.pollIn))
    }

    @Test func socketMovedToADedicatedThreadSendsFromThere() throws {
        let context = try ZMQContext()
        let endpoint = "inproc://\(uniqueName("thread"))"
        let pull = try makeSocket(context, .pull)
        try pull.bind(endpoint)
        let push = try makeSocket(context, .push)
        try push.connect(endpoint)

        let handoff = SocketHandoff(push)
        let thread = Thread {
            guard let socket = handoff.take() else {
                Issue.record("the handoff gave the thread no socket")
                return
            }
            _ = try? socket.send("from thread")
            socket.close()
        }
        thread.start()
        #expect(try pull.receiveString() == "from thread")
        pull.close()
        try context.terminate(waitingUpTo: .seconds(1))
    }

    @Test func versionIsTheLinkedLibzmq() {
        #expect(ZeroMQ.version >= ZeroMQ.Version(major: 4, minor: 3, patch: 0))
        #expect(ZeroMQ.version.description.split(separator: ".").count == 3)
        #expect(ZeroMQ.has("inproc") || ZeroMQ.has("ipc"))
    }
}
