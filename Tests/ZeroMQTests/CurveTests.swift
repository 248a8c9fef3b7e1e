import LeadstreamCore
import Testing
import ZeroMQ

/// CURVE encryption and the Z85 key encoding.
@Suite struct CurveTests {
    @Test func z85RoundTripsAndMatchesTheSpecVector() throws {
        // The example from the Z85 spec (rfc.zeromq.org/spec/32).
        let hello: [UInt8] = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]
        #expect(Curve.z85Encode(hello) == "HelloWorld")
        #expect(Curve.z85Decode("HelloWorld") == hello)
        var rng = SplitMix64(seed: 0x2585)
        let random = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        #expect(Curve.z85Decode(try #require(Curve.z85Encode(random))) == random, "32 bytes of seed 0x2585: \(random)")
        #expect(Curve.z85Encode([1, 2, 3]) == nil)
        #expect(Curve.z85Decode("Hell") == nil)
        #expect(Curve.z85Decode("Hello World") == nil)
        #expect(Curve.z85Decode("Hell\"") == nil)
    }

    @Test(.enabled(if: Curve.isAvailable)) func keyPairsAreZ85AndPublicKeyDerivesFromSecret() throws {
        let keys = try Curve.keyPair()
        #expect(keys.publicKey.utf8.count == 40 && keys.secretKey.utf8.count == 40)
        #expect(Curve.z85Decode(keys.publicKey)?.count == 32)
        #expect(try Curve.publicKey(forSecretKey: keys.secretKey) == keys.publicKey)
    }

    /// A CURVE server bound on loopback and a client configured with `serverKey`.
    private func exchange(serverKeyForClient: (String) throws -> String) throws -> String? {
        let context = try ZMQContext()
        let server = try makeSocket(context, .pull, timeoutMs: 300)
        let serverKeys = try Curve.keyPair()
        try server.set(.curveServer, true)
        try server.set(.curveSecretKey, serverKeys.secretKey)
        let endpoint = try bindLoopback(server)

        let client = try makeSocket(context, .push)
        let clientKeys = try Curve.keyPair()
        try client.set(.curveServerKey, try serverKeyForClient(serverKeys.publicKey))
        try client.set(.curvePublicKey, clientKeys.publicKey)
        try client.set(.curveSecretKey, clientKeys.secretKey)
        #expect(try client.get(.curvePublicKey) == clientKeys.publicKey)
        try client.connect(endpoint)
        try client.send("secret lead")
        return try server.receiveString()
    }

    @Test(.enabled(if: Curve.isAvailable)) func curveClientWithTheServerKeyExchangesMessages() throws {
        #expect(try exchange { $0 } == "secret lead")
    }

    @Test(.enabled(if: Curve.isAvailable)) func curveClientWithAWrongServerKeyGetsNothingThrough() throws {
        #expect(try exchange { _ in try Curve.keyPair().publicKey } == nil)
    }
}
