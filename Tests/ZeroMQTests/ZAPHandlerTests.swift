import Synchronization
import Testing
import ZeroMQ

/// The Ironhouse pattern: a ZAP handler decides every CURVE handshake, and
/// what it admits carries the user id it gave.
@Suite struct ZAPHandlerTests {
    /// Sends one message from a client with `clientKeys` to a CURVE server whose handler admits `allowed` only.
    private func deliver(from clientKeys: CurveKeyPair, allowed: String) throws -> (String?, String?, [String]) {
        let context = try ZMQContext()
        let seen = Mutex<[String]>([])
        let handler = try ZAPHandler(context: context) { request in
            seen.withLock { $0.append(request.domain) }
            return request.clientKey == allowed ? .allow(userID: "client:\(allowed)") : .deny(reason: "not listed")
        }
        let serverKeys = try CurveKeyPair.generate()
        let server = try makeSocket(context, .pull, timeoutMs: 500)
        try server.secure(.curveServer(serverKeys, domain: "test"))
        let endpoint = try bindLoopback(server)
        let client = try makeSocket(context, .push)
        try client.secure(.curveClient(clientKeys, serverKey: serverKeys.publicKey))
        try client.connect(endpoint)
        try client.send("lead", dontWait: true)
        let got = try server.receiveMultipartWithUserID()
        client.close()
        server.close()
        handler.stop()
        try context.terminate()
        return (got.map { String(decoding: $0.frames[0], as: UTF8.self) }, got?.userID, seen.withLock { $0 })
    }

    @Test(.enabled(if: Curve.isAvailable)) func aListedKeyIsAdmittedWithItsUserID() throws {
        let keys = try CurveKeyPair.generate()
        let (message, userID, domains) = try deliver(from: keys, allowed: keys.publicKey)
        #expect(message == "lead")
        #expect(userID == "client:\(keys.publicKey)")
        #expect(domains.first == "test")
    }

    @Test(.enabled(if: Curve.isAvailable)) func anUnlistedKeyGetsNothingThrough() throws {
        let (message, _, domains) = try deliver(from: try CurveKeyPair.generate(), allowed: "nobody")
        #expect(message == nil)
        #expect(!domains.isEmpty)
    }

    @Test func theReplyFollowsRFC27() {
        let request: [[UInt8]] = [
            Array("1.0".utf8), [7], Array("ingest".utf8), Array("10.0.0.1".utf8), [], Array("NULL".utf8),
        ]
        let reply = ZAPHandler.reply(to: request) { r in
            #expect(r.mechanism == "NULL" && r.clientKey == nil && r.domain == "ingest")
            return .deny(reason: "no")
        }
        #expect(reply.count == 6)
        #expect(reply[1] == [7])
        #expect(String(decoding: reply[2], as: UTF8.self) == "400")
        #expect(String(decoding: ZAPHandler.reply(to: [[1]]) { _ in .allow(userID: "x") }[2], as: UTF8.self) == "400")
    }
}
