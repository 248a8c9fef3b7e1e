//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamWire
import Testing

/// The query endpoint's `status` verb (docs/cluster.md), which `leadstream status` reads.
@Suite struct StatusVerbTests {
    @Test func statusBeforeAnyHeadSaysMergedZeroAndNoHead() async throws {
        try await QueryBadRequestTests.withAggregator { endpoint, context in
            let replies = try await QueryBadRequestTests.exchange(
                [WireFrames.encode(.status, id: 5, body: [])], endpoint: endpoint, context: context)
            let reply = try #require(replies.first ?? nil)
            #expect(reply.count == 4)
            #expect(String(decoding: reply[1], as: UTF8.self) == "status")
            #expect(WireFrames.decodeID(reply[2]) == 5)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(reply[3])) as? [String: Any])
            #expect(object["merged"] as? Int == 0)
            #expect(object["gateway_head"] is NSNull)
            #expect(object["lag"] is NSNull)
            #expect(Set(object.keys) == ["merged", "gateway_head", "head_age_ms", "lag"])
        }
    }

    @Test func statusWithABodyIsStillAnsweredAsStatus() async throws {
        // The body carries nothing today; a client that sends one is not refused (room for options later).
        try await QueryBadRequestTests.withAggregator { endpoint, context in
            let replies = try await QueryBadRequestTests.exchange(
                [WireFrames.encode(.status, id: 6, body: Array("{}".utf8))], endpoint: endpoint, context: context)
            let reply = try #require(replies.first ?? nil)
            #expect(String(decoding: reply[1], as: UTF8.self) == "status")
        }
    }
}
