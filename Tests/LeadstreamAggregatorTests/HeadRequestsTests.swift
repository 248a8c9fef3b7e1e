//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import Testing
import ZeroMQ

@testable import LeadstreamAggregator

/// Read-your-writes without blocking: which `head` request a query waits for.
@Suite struct HeadRequestsTests {
    /// A gateway stand-in: a ROUTER on inproc that answers `head` with the value it is told.
    struct Gateway: ~Copyable {
        let router: Socket
        init(_ context: ZMQContext, _ endpoint: String) throws {
            let socket = try Socket(context, type: .router)
            try socket.set(.linger, 0)
            try socket.bind(endpoint)
            router = socket
        }
        /// Waits for one request; returns the peer and request id.
        func request() throws -> (peer: [UInt8], id: UInt64) {
            #expect(try Poller.wait(for: .pollIn, on: router, timeout: .seconds(5)).contains(.pollIn))
            let frames = try #require(try router.receiveMultipart(dontWait: true))
            let request = try #require(WireFrames.decode(frames[1...]))
            #expect(request.verb == .head)
            return (frames[0], request.id)
        }
        func answer(_ request: (peer: [UInt8], id: UInt64), head: UInt64) throws {
            try router.sendMultipart([request.peer] + WireFrames.encode(.head, id: request.id, body: WireFrames.encode(head)))
        }
        /// Whether a request is waiting within `timeout`.
        func hasRequest(within timeout: Duration) throws -> Bool {
            try Poller.wait(for: .pollIn, on: router, timeout: timeout).contains(.pollIn)
        }
    }

    func released(_ heads: inout HeadRequests<String>) throws -> (head: UInt64, queries: [String])? {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if let r = try heads.receive() { return r }
            var poller = Poller()
            heads.register(in: &poller)
            _ = try poller.poll(timeout: .milliseconds(50))
        }
        return nil
    }

    @Test func queriesArrivingWhileARequestIsOutWaitForTheNextOne() throws {
        let context = try ZMQContext()
        let gateway = try Gateway(context, "inproc://heads-next")
        var heads = try HeadRequests<String>(
            context: context, endpoint: "inproc://heads-next", token: nil, security: .none)
        try heads.ask(for: "q1")
        let first = try gateway.request()
        try heads.ask(for: "q2")  // after the first request went out: it may not cover q2's writes
        try heads.ask(for: "q3")
        #expect(try !gateway.hasRequest(within: .milliseconds(100)))  // one request at a time
        try gateway.answer(first, head: 10)
        let one = try #require(try released(&heads))
        #expect(one.head == 10 && one.queries == ["q1"])
        let second = try gateway.request()  // sent on that answer, for q2 and q3 together
        try gateway.answer(second, head: 12)
        let two = try #require(try released(&heads))
        #expect(two.head == 12 && two.queries == ["q2", "q3"])
        #expect(heads.count == 0)
        heads.close()
        gateway.router.close()
        try context.terminate()
    }

    @Test func anUnansweredRequestReleasesItsQueriesAfterTheTimeoutAndALateReplyIsIgnored() throws {
        let context = try ZMQContext()
        let gateway = try Gateway(context, "inproc://heads-late")
        var heads = try HeadRequests<String>(
            context: context, endpoint: "inproc://heads-late", token: nil, security: .none,
            timeout: .milliseconds(50))
        try heads.ask(for: "q1")
        let first = try gateway.request()
        #expect(try heads.expire(now: .now).isEmpty)  // not yet
        try heads.ask(for: "q2")
        let expired = try heads.expire(now: .now + .milliseconds(60))
        #expect(expired == ["q1"])
        let second = try gateway.request()
        try gateway.answer(first, head: 99)  // late: answers nothing
        try gateway.answer(second, head: 7)
        let released = try #require(try released(&heads))
        #expect(released.head == 7 && released.queries == ["q2"])
        heads.close()
        gateway.router.close()
        try context.terminate()
    }
}
