//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamWire
import Metrics
import Prometheus
import Testing

/// What a ROUTER endpoint does with each message: serve it, answer it `bad_request`, or count it dropped.
@Suite struct RouterMessageTests {
    static let peer: [UInt8] = [0, 1, 2, 3, 4]
    static let verbs: [WireFrames.Verb] = [.ingest, .replay, .head]

    struct NotAnAnswer: Error { var message: RouterMessage }

    func read(_ frames: [[UInt8]]) -> RouterMessage {
        RouterMessage.read([Self.peer] + frames, serving: Self.verbs, endpoint: "ingest")
    }

    /// The reply of a `bad_request`: routed to the peer, LS1, verb `error`, the id it carries and the message.
    func answer(_ message: RouterMessage) throws -> (id: UInt64, message: String) {
        guard case .badRequest(let reply, let reason) = message else { throw NotAnAnswer(message: message) }
        #expect(reply.first == Self.peer)
        let decoded = try #require(WireFrames.decode(reply.dropFirst()))
        #expect(decoded.verb == .error)
        let body = try #require(WireFrames.ErrorBody(decoded.body))
        #expect(body.code == "bad_request")
        #expect(body.message == reason)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(decoded.body)) as? [String: Any])
        #expect(Set(object.keys) == ["error", "message"])
        return (decoded.id, body.message)
    }

    @Test func aServedVerbIsARequestForThatPeer() {
        let request = WireFrames.Request(verb: .head, id: 3, body: [], token: "lst_x")
        #expect(read(request.frames) == .request(peer: Self.peer, request))
    }

    @Test func anUnknownVerbIsAnsweredWithItsIDAndName() throws {
        let a = try answer(read([WireFrames.tag, Array("bogus".utf8), WireFrames.encode(41), []]))
        #expect(a.id == 41)
        #expect(a.message == "unknown verb 'bogus'")
    }

    @Test func aVerbTheEndpointDoesNotServeNamesTheOnesItDoes() throws {
        let a = try answer(read(WireFrames.encode(.report, id: 8, body: Array("{}".utf8))))
        #expect(a.id == 8)
        #expect(a.message == "'report' is not a verb of the ingest endpoint (ingest, replay, head)")
    }

    @Test func aWrongFrameCountIsAnsweredWithTheIDWhenFrame2HoldsOne() throws {
        let three = try answer(read([WireFrames.tag, Array("head".utf8), WireFrames.encode(77)]))
        #expect(three.id == 77)
        #expect(three.message.hasSuffix("not 3"))
        let one = try answer(read([WireFrames.tag]))
        #expect(one.id == 0)
        #expect(one.message.hasSuffix("not 1"))
    }

    @Test func aBadTagOrAnUnreadableIDIsAnsweredAndNamed() throws {
        let tag = try answer(read([Array("LS2".utf8), Array("head".utf8), WireFrames.encode(5), []]))
        #expect(tag.id == 5)
        #expect(tag.message.contains("LS1") && tag.message.contains("'LS2'"))
        let binaryTag = try answer(read([[0xFF, 0x00], Array("head".utf8), WireFrames.encode(6), []]))
        #expect(binaryTag.message.contains("'??'"))
        let shortID = try answer(read([WireFrames.tag, Array("head".utf8), [1, 2, 3], []]))
        #expect(shortID.id == 0)
        #expect(shortID.message == "the request id (frame 2) is 3 bytes, not 8")
    }

    @Test func anUnknownOrShortExtensionIsAnswered() throws {
        let unknown = try answer(read(WireFrames.encode(.head, id: 4, body: []) + [Array("color=blue".utf8)]))
        #expect(unknown.id == 4)
        #expect(unknown.message == "unknown extension frame 'color'")
        let short = try answer(read(WireFrames.encode(.ingest, id: 9, body: []) + [Array("order=".utf8) + [1, 2]]))
        #expect(short.message == "the order= extension holds 16 bytes, not 2")
    }

    @Test func aMessageWithNothingToRouteAReplyToIsDropped() {
        #expect(RouterMessage.read([Self.peer], serving: Self.verbs, endpoint: "ingest") == .drop(.noEnvelope))
        #expect(RouterMessage.read([[], WireFrames.tag], serving: Self.verbs, endpoint: "ingest") == .drop(.noEnvelope))
        #expect(RouterMessage.read([], serving: Self.verbs, endpoint: "ingest") == .drop(.noEnvelope))
    }

    @Test func droppedRequestsShowEveryReasonFromTheStartAndCount() {
        let registry = PrometheusCollectorRegistry()
        let dropped = DroppedRequests(endpoint: "query", factory: PrometheusMetricsFactory(registry: registry))
        func scrape() -> String {
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return String(decoding: buffer, as: UTF8.self)
        }
        #expect(scrape().contains(#"leadstream_requests_dropped_total{endpoint="query",reason="no_envelope"} 0"#))
        #expect(scrape().contains(#"leadstream_requests_dropped_total{endpoint="query",reason="reply_lost"} 0"#))
        dropped.count(.noEnvelope)
        dropped.count(.noEnvelope)
        #expect(scrape().contains(#"leadstream_requests_dropped_total{endpoint="query",reason="no_envelope"} 2"#))
    }
}
