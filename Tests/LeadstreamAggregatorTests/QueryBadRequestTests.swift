//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamWire
import Logging
import Testing
import ZeroMQ

@testable import LeadstreamAggregator

/// The query ROUTER answers every routable message, also the ones it cannot read (docs/cluster.md).
@Suite struct QueryBadRequestTests {
    /// An aggregator on inproc endpoints of its own, with no gateway (unreadable requests never wait for one).
    static func withAggregator(_ body: (String, ZMQContext) async throws -> Void) async throws {
        let context = try ZMQContext()
        let name = "leadstream-test-\(UUID().uuidString)"
        var configuration = Aggregator.Configuration()
        configuration.partials = "inproc://\(name)-partials"
        configuration.gateway = "inproc://\(name)-gateway"
        configuration.query = "inproc://\(name)-query"
        configuration.publish = "inproc://\(name)-publish"
        configuration.checkpointPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name).checkpoint").path
        let aggregator = Aggregator(configuration: configuration, context: context, logger: Logger(label: "test"))
        let running = Task { try await aggregator.run() }
        let outcome: Result<Void, any Error>
        do {
            try await body(configuration.query, context)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        aggregator.stop()
        try await running.value
        try context.terminate()
        try? FileManager.default.removeItem(atPath: configuration.checkpointPath)
        try outcome.get()
    }

    /// Sends each message on one DEALER and returns the replies in order (each within 10 s, or `nil`).
    static func exchange(_ messages: [[[UInt8]]], endpoint: String, context: ZMQContext) async throws -> [[[UInt8]]?] {
        try await withCheckedThrowingContinuation { c in
            Thread {
                c.resume(
                    with: Result { () throws -> [[[UInt8]]?] in
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
                    })
            }.start()
        }
    }

    @Test func everyUnreadableQueryGetsABadRequestNamingWhatWasWrong() async throws {
        let report = { (json: String, id: UInt64) in WireFrames.encode(.report, id: id, body: Array(json.utf8)) }
        let cases: [(frames: [[UInt8]], id: UInt64, says: String, field: String?)] = [
            ([WireFrames.tag, Array("reprot".utf8), WireFrames.encode(21), []], 21, "unknown verb 'reprot'", nil),
            ([WireFrames.tag, Array("report".utf8)], 0, "not 2", nil),
            ([Array("LS9".utf8), Array("report".utf8), WireFrames.encode(22), []], 22, "protocol tag LS1", nil),
            (WireFrames.encode(.snapshot, id: 23, body: []) + [Array("zzz".utf8)], 23, "unknown extension frame 'zzz'", nil),
            (WireFrames.encode(.ingest, id: 24, body: []), 24, "not a verb of the query endpoint (report, snapshot, whoami, figures, status, repair, corrupt, partitions, erase)", nil),
            (report("{not json", 25), 25, "a report request is a JSON object", nil),
            (report(#"{"kind": "dashboard", "parameters": {"account": "acme", "period": "2026-11", "limit": true}}"#, 26), 26,
             "'limit' takes a string or a number, not a boolean", "limit"),
            (report(#"{"kind": "dashboard", "parameters": {"account": "acme", "period": "2026-11", "history": {}}}"#, 27), 27,
             "'history' takes true, false or a string, not an object", "history"),
        ]
        try await Self.withAggregator { endpoint, context in
            // A `whoami` first: the query thread is up and serving before the unreadable ones go.
            let replies = try await Self.exchange(
                [WireFrames.encode(.whoami, id: 20, body: [])] + cases.map(\.frames), endpoint: endpoint, context: context)
            #expect(replies.first??.count == 4)
            for (c, reply) in zip(cases, replies.dropFirst()) {
                let decoded = try #require(reply.flatMap { WireFrames.decode($0[...]) }, "no LS1 reply to \(c.says)")
                #expect(decoded.verb == .error)
                #expect(decoded.id == c.id)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(decoded.body)) as? [String: Any])
                #expect(object["error"] as? String == "bad_request")
                #expect((object["message"] as? String)?.contains(c.says) == true, "\(object)")
                #expect(object["field"] as? String == c.field)
            }
            // The endpoint still serves its own verbs afterwards.
            let whoami = try #require(try await Self.exchange([WireFrames.encode(.whoami, id: 28, body: [])], endpoint: endpoint, context: context)[0])
            #expect(WireFrames.decode(whoami[...])?.verb == .whoami)
        }
    }
}
