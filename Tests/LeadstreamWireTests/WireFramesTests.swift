//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import Testing

/// The LS1 framing's extension frames and the live subscription message.
@Suite struct WireFramesTests {
    @Test func extensionFramesCarryTheOrderingAndTheToken() throws {
        let request = WireFrames.Request(
            verb: .ingest, id: 7, body: Array("{}".utf8), ordering: .init(session: 3, lowestUnacknowledged: 2),
            token: "lst_abc")
        let decoded = try WireFrames.decodeRequest(request.frames[...]).get()
        #expect(decoded == request)
        let plain = try WireFrames.decodeRequest(WireFrames.encode(.head, id: 1, body: [])[...]).get()
        #expect(plain.token == nil && plain.ordering == nil)
    }

    @Test func aMalformedRequestNamesItsIDWhenTheEnvelopeHasOne() throws {
        let unknownVerb: [[UInt8]] = [WireFrames.tag, Array("nope".utf8), WireFrames.encode(9), []]
        let m = try #require(WireFrames.decodeRequest(unknownVerb[...]).malformed)
        #expect(m.id == 9)
        #expect(m.reason.contains("nope"))
        let unknownExtension = WireFrames.encode(.head, id: 4, body: []) + [Array("color=blue".utf8)]
        #expect(WireFrames.decodeRequest(unknownExtension[...]).malformed?.id == 4)
        let noEnvelope = try #require(WireFrames.decodeRequest([[1, 2]][...]).malformed)
        #expect(noEnvelope.id == nil)
    }

    @Test func aSubscriptionRoundTripsWithAndWithoutAToken() throws {
        let withToken = WireFrames.Subscription(prefix: "exec/acme/", token: "lst_t")
        #expect(WireFrames.Subscription(withToken.bytes) == withToken)
        let cancel = WireFrames.Subscription(subscribe: false, prefix: "")
        #expect(WireFrames.Subscription(cancel.bytes) == cancel)
        #expect(cancel.bytes == [0])
        #expect(WireFrames.Subscription(Array("exec/".utf8)) == nil)  // a message, not a subscription
    }
}

extension Result {
    var malformed: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}
