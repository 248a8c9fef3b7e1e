import Testing
import ZeroMQ

/// An XPUB in manual mode delivers only what its owner subscribed, for the peer whose subscription it read last.
@Suite struct ManualXPUBTests {
    @Test func aManualSubscriptionReachesOnlyItsPeer() throws {
        let context = try ZMQContext()
        let xpub = try makeSocket(context, .xpub, timeoutMs: 2000)
        try xpub.set(.xpubManual, true)
        let endpoint = try bindLoopback(xpub)
        let admitted = try makeSocket(context, .xsub, timeoutMs: 300)
        let refused = try makeSocket(context, .xsub, timeoutMs: 300)
        try admitted.connect(endpoint)
        try admitted.send([1] + Array("exec/".utf8) + [0] + Array("tok".utf8))
        let first = try #require(try xpub.receive())
        #expect(first == [1] + Array("exec/".utf8) + [0] + Array("tok".utf8))
        try xpub.subscribe("exec/acme/")
        try refused.connect(endpoint)
        try refused.send([1] + Array("exec/".utf8))
        #expect(try xpub.receive() == [1] + Array("exec/".utf8))  // read, not subscribed
        try xpub.sendMultipart([Array("exec/acme/2026-11".utf8), Array("{}".utf8)])
        try xpub.sendMultipart([Array("exec/zeta/2026-11".utf8), Array("{}".utf8)])
        #expect(try admitted.receiveMultipart()?.first == Array("exec/acme/2026-11".utf8))
        #expect(try admitted.receiveMultipart() == nil)
        #expect(try refused.receiveMultipart() == nil)
        admitted.close()
        refused.close()
        xpub.close()
        try context.terminate()
    }
}
