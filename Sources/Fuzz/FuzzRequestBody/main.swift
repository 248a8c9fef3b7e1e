//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import FuzzSupport
import LeadstreamClients
import LeadstreamCore
import LeadstreamWire

// The body decoders behind the LS1 frames. The input's first byte picks one, the rest is the body:
//   0  a `report` request (`QueryRequest(body:)`, then its validation into a `ReportRequest`):
//      an accepted body re-encodes to one that reads back the same;
//   1  a `changes` reply to `replay` (`ReplayBody.decode`): it re-encodes to exactly the input;
//   2  an `error` reply (`WireFrames.ErrorBody`);
//   3  a `snapshot` reply or a published live line (`LiveMessage.parseLines`): versions in order;
//   4  a live subscription (`WireFrames.Subscription`): it re-encodes to one that reads back the same.

Fuzz.main(
    seeds: { lines in
        let reports = [
            QueryRequest(kind: "executive", parameters: ["account": "acme", "period": "this_week"], format: "json"),
            QueryRequest(
                kind: "dashboard", parameters: ["account": "acme", "period": "2026-11", "view": "list", "limit": "5"],
                format: "csv"),
            QueryRequest(kind: "widget", parameters: ["account": "acme", "period": "2026-W47"], format: "svg"),
        ].map { [0] + $0.body }
        let blocks = Seeds.blocks(lines).blocks.prefix(3)
        let replay = [1] + ReplayBody.encode(blocks.enumerated().map { (UInt64($0.offset * 16 + 1), $0.element.bytes) })
        let error = [2] + WireFrames.error("bad_request", "replay takes 16 bytes").1
        let live = [3] + Array(#"{"topic":"exec/acme/2026-W47","version":31,"previous_version":17,"total":12}"#.utf8)
        let subscription = [4] + WireFrames.Subscription(prefix: "dash/acme/", token: "lst_abc").bytes
        return reports + [replay, error, live, subscription]
    },
    test: { testOneInput($0, $1) })

func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Fuzz.bytes(data, size)
    guard let selector = input.first else { return 0 }
    let body = Array(input.dropFirst())
    switch selector % 5 {
    case 0:
        guard let query = try? QueryRequest(body: body) else { return 0 }
        Fuzz.check((try? QueryRequest(body: query.body)) == query, "a report request does not read back")
        _ = try? query.validated()
    case 1:
        guard let blocks = ReplayBody.decode(body) else { return 0 }
        Fuzz.check(ReplayBody.encode(blocks) == body, "a replay body re-encodes to other bytes")
    case 2:
        _ = WireFrames.ErrorBody(body)
    case 3:
        guard let messages = try? LiveMessage.parseLines(body) else { return 0 }
        for m in messages {
            Fuzz.check(m.version >= 1 && (0...m.version).contains(m.previousVersion), "versions out of order: \(m)")
        }
    default:
        guard let subscription = WireFrames.Subscription(body) else { return 0 }
        Fuzz.check(WireFrames.Subscription(subscription.bytes) == subscription, "a subscription does not read back")
    }
    return 0
}
