//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// One message as a leadstream ROUTER receives it (`[peer, tag, verb, id, body, extension…]`),
/// sorted into what the endpoint does with it (docs/protocol.md, "Requests that cannot be read").
///
/// Every ROUTER server reads its messages here, so the rule is the same on every endpoint: a
/// message that names its peer is answered, whatever else is wrong with it, since a client that
/// gets no reply can only time out and retry the same mistake. Only a message with nothing to
/// route a reply to is dropped, and the endpoint counts it (``DroppedRequests``).
public enum RouterMessage: Sendable, Equatable {
    /// A request of a verb the endpoint serves, and the routing identity to answer.
    case request(peer: [UInt8], WireFrames.Request)
    /// A routable message that is no request of this endpoint: the `error` reply
    /// (`bad_request`, the reason as message), frames ready for the ROUTER.
    case badRequest(reply: [[UInt8]], reason: String)
    /// Nothing to route a reply to.
    case drop(DroppedRequests.Reason)

    /// Reads `frames` as received by a ROUTER.
    ///
    /// - Parameters:
    ///   - frames: the routing identity, then the message's frames.
    ///   - verbs: the verbs this endpoint serves; any other LS1 verb is a `bad_request`.
    ///   - endpoint: the endpoint's name in the message (`ingest`, `query`).
    public static func read(_ frames: [[UInt8]], serving verbs: [WireFrames.Verb], endpoint: String) -> RouterMessage {
        guard frames.count >= 2, !frames[0].isEmpty else { return .drop(.noEnvelope) }
        let peer = frames[0]
        func refuse(_ id: UInt64, _ reason: String) -> RouterMessage {
            let (verb, body) = WireFrames.error("bad_request", reason)
            return .badRequest(reply: [peer] + WireFrames.encode(verb, id: id, body: body), reason: reason)
        }
        switch WireFrames.decodeRequest(frames[1...]) {
        case .failure(let malformed):
            return refuse(malformed.replyID, malformed.reason)
        case .success(let request) where !verbs.contains(request.verb):
            let served = verbs.map(\.rawValue).joined(separator: ", ")
            return refuse(request.id, "'\(request.verb.rawValue)' is not a verb of the \(endpoint) endpoint (\(served))")
        case .success(let request):
            return .request(peer: peer, request)
        }
    }
}
