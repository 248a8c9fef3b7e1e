//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import Testing
import ZeroMQ

@testable import LeadstreamGateway

/// The ingest ROUTER answers every routable message, also the ones it cannot read (docs/protocol.md).
@Suite struct IngestBadRequestTests {
    /// Sends each message on one DEALER and returns the replies in order (each within 10 s, or `nil`).
    static func exchange(_ messages: [[[UInt8]]], endpoint: String, context: ZMQContext) async throws -> [[[UInt8]]?] {
        try await ZeroMQIngestTests.offPool { () throws -> [[[UInt8]]?] in
            let dealer = try Socket(context, type: .dealer)
            try dealer.set(.linger, 0)
            try dealer.set(.receiveTimeout, 10_000)
            try dealer.connect(endpoint)
            var replies: [[[UInt8]]?] = []
            for m in messages {
                try dealer.sendMultipart(m)
                replies.append(try dealer.receiveMultipart())
            }
            dealer.close()
            return replies
        }
    }

    @Test func everyUnreadableRequestGetsABadRequestNamingWhatWasWrong() async throws {
        let cases: [(frames: [[UInt8]], id: UInt64, says: String)] = [
            ([WireFrames.tag, Array("bogus".utf8), WireFrames.encode(11), []], 11, "unknown verb 'bogus'"),
            ([WireFrames.tag, Array("head".utf8), WireFrames.encode(12)], 12, "4 frames"),
            ([Array("LS0".utf8), Array("head".utf8), WireFrames.encode(13), []], 13, "protocol tag LS1"),
            ([WireFrames.tag, Array("head".utf8), [7], []], 0, "not 8"),
            (WireFrames.encode(.head, id: 14, body: []) + [Array("x=1".utf8)], 14, "unknown extension frame 'x'"),
            (WireFrames.encode(.snapshot, id: 15, body: []), 15, "not a verb of the ingest endpoint (ingest, replay, head, partitions, erase)"),
            (WireFrames.encode(.replay, id: 16, body: [1, 2]), 16, "replay takes 16 bytes"),
        ]
        try await ZeroMQIngestTests.withServer { endpoint, context, _ in
            // A `head` first: the connection is up and served before the unreadable ones go (a busy machine
            // may take seconds), then one reply per message, in order.
            let replies = try await Self.exchange(
                [WireFrames.encode(.head, id: 10, body: [])] + cases.map(\.frames), endpoint: endpoint, context: context)
            #expect(replies.first??.count == 4)
            for (c, reply) in zip(cases, replies.dropFirst()) {
                let decoded = try #require(reply.flatMap { WireFrames.decode($0[...]) }, "no LS1 reply to \(c.says)")
                #expect(decoded.verb == .error)
                #expect(decoded.id == c.id)
                let body = try #require(WireFrames.ErrorBody(decoded.body))
                #expect(body.code == "bad_request")
                #expect(body.message.contains(c.says))
            }
            // The endpoint still serves its own verbs afterwards.
            let head = try #require(try await Self.exchange([WireFrames.encode(.head, id: 17, body: [])], endpoint: endpoint, context: context)[0])
            #expect(WireFrames.decode(head[...])?.verb == .head)
        }
    }
}
