import Foundation
import Testing
import ZeroMQ

/// PUSH/PULL over each transport, endpoints and endpoint errors.
@Suite struct TransportTests {
    private func pushPull(binding endpoint: String?) throws {
        let context = try ZMQContext()
        let pull = try makeSocket(context, .pull)
        let connectTo: String
        if let endpoint {
            try pull.bind(endpoint)
            connectTo = endpoint
        } else {
            connectTo = try bindLoopback(pull)
        }
        let push = try makeSocket(context, .push)
        try push.connect(connectTo)
        for index in 0..<100 { try push.send("message \(index)") }
        for index in 0..<100 { #expect(try pull.receiveString() == "message \(index)") }
        push.close()
        pull.close()
        try context.terminate()
    }

    @Test func pushPullDeliversInOrderOverTCP() throws {
        try pushPull(binding: nil)
    }

    @Test func pushPullDeliversInOrderOverIPC() throws {
        try withIPCEndpoint { try pushPull(binding: $0) }
    }

    @Test func pushPullDeliversInOrderOverInproc() throws {
        try pushPull(binding: "inproc://\(uniqueName("inproc"))")
    }

    @Test func wildcardBindReportsTheChosenPortInLastEndpoint() throws {
        let context = try ZMQContext()
        let socket = try makeSocket(context, .pull)
        #expect(try socket.lastEndpoint == "")
        let endpoint = try bindLoopback(socket)
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        #expect(Int(endpoint.split(separator: ":").last ?? "").map { $0 > 0 } == true)
        try socket.unbind(endpoint)
    }

    @Test func malformedTCPEndpointThrowsEINVALFromBind() throws {
        let context = try ZMQContext()
        let socket = try makeSocket(context, .pull)
        #expect(throws: ZMQError(code: EINVAL, function: "zmq_bind")) { try socket.bind("tcp://nonsense") }
    }

    @Test func unknownTransportThrowsEPROTONOSUPPORTFromConnect() throws {
        let context = try ZMQContext()
        let socket = try makeSocket(context, .push)
        #expect(throws: ZMQError(code: EPROTONOSUPPORT, function: "zmq_connect")) { try socket.connect("bogus://x") }
    }

    @Test func errorsMatchPatternsByCodeAndDescribeTheFailingCall() throws {
        let context = try ZMQContext()
        let socket = try makeSocket(context, .push)
        do {
            try socket.connect("tcp://nonsense")
            Issue.record("connect to tcp://nonsense succeeded")
        } catch ZMQError.invalidArgument {
            // expected: matched by code, whatever the function
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(
            ZMQError(code: EINVAL, function: "zmq_bind").description == "zmq_bind: Invalid argument (errno \(EINVAL))")
        #expect(ZMQError.terminated.message == "Context was terminated")
    }

    @Test func disconnectingAnUnknownEndpointThrowsENOENT() throws {
        let context = try ZMQContext()
        let socket = try makeSocket(context, .push)
        let error = #expect(throws: ZMQError.self) { try socket.disconnect("tcp://127.0.0.1:1") }
        #expect(error?.code == ENOENT)
        #expect(error?.function == "zmq_disconnect")
    }
}
