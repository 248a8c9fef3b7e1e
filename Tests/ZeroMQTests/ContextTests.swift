import Testing
import ZeroMQ

/// Context life cycle: sockets are counted and the context never terminates under them.
@Suite struct ContextTests {
    @Test func contextTerminatesCleanlyAfterAllSocketsAreClosed() throws {
        let context = try ZMQContext()
        let first = try Socket(context, type: .push)
        let second = try Socket(context, type: .pull)
        #expect(context.openSocketCount == 2)
        first.close()  // consuming: `first` cannot be closed or used again (the compiler rejects it)
        do { _ = consume second }  // dropping the value closes it too, exactly once
        #expect(context.openSocketCount == 0)
        try context.terminate()
        try context.terminate()  // idempotent
    }

    @Test func terminateFailsClearlyWhileASocketIsOpenAndSucceedsAfterClose() throws {
        let context = try ZMQContext()
        let socket = try Socket(context, type: .rep)
        let error = #expect(throws: ZMQError.self) { try context.terminate(waitingUpTo: .milliseconds(30)) }
        #expect(error?.code == ZMQError.busy.code)
        #expect(error?.function == "zmq_ctx_term")
        socket.close()
        try context.terminate(waitingUpTo: .zero)
    }

    @Test func shutdownMakesSocketCallsFailWithTerminated() throws {
        let context = try ZMQContext()
        let socket = try Socket(context, type: .pull)
        context.shutdown()
        do {
            _ = try socket.receive(dontWait: true)
            Issue.record("receive after shutdown did not throw")
        } catch ZMQError.terminated {
        } catch {
            Issue.record("unexpected \(error)")
        }
        socket.close()
        try context.terminate()
    }

    @Test func socketsCannotBeCreatedAfterTerminate() throws {
        let context = try ZMQContext()
        try context.terminate()
        let error = #expect(throws: ZMQError.self) { _ = try Socket(context, type: .pair) }
        #expect(error?.code == ZMQError.terminated.code)
    }
}
