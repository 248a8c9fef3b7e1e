//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import FuzzSupport
import LeadstreamCore
import LeadstreamWire

// The LS1 frame and request decoders as a ROUTER meets them: the input is a multipart message
// (`Frames`), `[peer, tag, verb, id, body, extension…]`, read by `RouterMessage.read` for the
// gateway's ingest endpoint and the aggregator's query endpoint. Whatever the bytes:
//   - a request re-encodes to frames that decode to the same request (no extension is lost);
//   - a refusal is a routable `error` reply to the same peer, with a `bad_request` body;
//   - only a message without a routing identity is dropped;
// and `WireFrames.decode` (a DEALER's reply reader) agrees with the request decoder on plain messages.

Fuzz.main(
    seeds: { lines in
        let batch = Array(lines.prefix(8).joined(separator: [0x0A]))
        let peer: [UInt8] = [0, 0x6B, 0x8B, 0x45, 0x67]
        let requests = [
            WireFrames.Request(
                verb: .ingest, id: 1, body: batch, ordering: .init(session: 42, lowestUnacknowledged: 1),
                token: "lst_token"),
            WireFrames.Request(verb: .ingest, id: 2, body: batch),
            WireFrames.Request(verb: .replay, id: 3, body: WireFrames.encode(1) + WireFrames.encode(100)),
            WireFrames.Request(verb: .head, id: 4, body: []),
            WireFrames.Request(verb: .report, id: 5, body: Array(#"{"kind":"executive","parameters":{}}"#.utf8)),
            WireFrames.Request(verb: .snapshot, id: 6, body: Array("exec/".utf8), token: "lst_x"),
            WireFrames.Request(verb: .whoami, id: 7, body: []),
        ]
        return requests.map { Frames.join([peer] + $0.frames) } + [Frames.join([peer, Array("LS1".utf8)])]
    },
    test: { testOneInput($0, $1) })

enum Endpoints {
    static let all: [(name: String, verbs: [WireFrames.Verb])] = [
        ("ingest", [.ingest, .replay, .head, .partitions, .erase]),
        ("query", [.report, .snapshot, .whoami, .figures, .status, .repair, .corrupt, .partitions, .erase]),
    ]
}

func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let frames = Frames.split(Fuzz.bytes(data, size))
    for endpoint in Endpoints.all {
        switch RouterMessage.read(frames, serving: endpoint.verbs, endpoint: endpoint.name) {
        case .request(let peer, let request):
            Fuzz.check(peer == frames[0] && endpoint.verbs.contains(request.verb), "a request of another peer or verb")
            Fuzz.check(
                WireFrames.decodeRequest(request.frames[...]) == .success(request), "a request does not re-decode")
        case .badRequest(let reply, _):
            Fuzz.check(reply.first == frames[0], "a refusal routed to another peer")
            let decoded = WireFrames.decode(reply[1...])
            Fuzz.check(decoded?.verb == .error, "a refusal is not an LS1 error reply")
            Fuzz.check(decoded.flatMap { WireFrames.ErrorBody($0.body) }?.code == "bad_request", "not bad_request")
        case .drop:
            Fuzz.check(frames.count < 2 || frames[0].isEmpty, "a routable message dropped")
        }
    }
    if frames.count == 4, let plain = WireFrames.decode(frames[...]) {
        let request = WireFrames.decodeRequest(frames[...])
        Fuzz.check(
            request == .success(WireFrames.Request(verb: plain.verb, id: plain.id, body: plain.body)),
            "the reply reader and the request reader disagree")
    }
    return 0
}
