//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import LeadstreamWire
import ZeroMQ

/// A line to the gateway's journal: `head` (the last committed sequence) and
/// `replay` (the record blocks of a range). The aggregator catches up and fills
/// gaps with it; `leadstream validate` reads the whole journal with it.
///
/// Synchronous; a reply that does not come within the timeout is `nil` (the
/// gateway may be restarting): the caller tries again later.
public struct JournalClient: ~Copyable {
    private var requester: WireRequester

    public init(
        context: ZMQContext, endpoint: String, token: String?, security: SocketSecurity, timeout: Duration = .seconds(2)
    ) throws {
        requester = try WireRequester(
            context: context, endpoint: endpoint, timeout: timeout, token: token, security: security)
    }

    public consuming func close() { requester.close() }

    public mutating func head() throws -> UInt64? {
        guard let body = try answer(.head, body: []), body.count == 8 else { return nil }
        return WireFrames.decodeID(body)
    }

    /// The journal's blocks holding events `from...through`, whole (the gateway may return fewer events:
    /// at most its replay limit); `nil` for no answer or one that is not blocks.
    public mutating func replay(from: UInt64, through: UInt64) throws -> [(first: UInt64, block: RecordBlock)]? {
        guard let body = try answer(.replay, body: WireFrames.encode(from) + WireFrames.encode(through)),
            let framed = ReplayBody.decode(body)
        else { return nil }
        var blocks: [(UInt64, RecordBlock)] = []
        for (first, bytes) in framed {
            guard first > 0, let block = RecordBlock(bytes) else { return nil }
            blocks.append((first, block))
        }
        return blocks
    }

    /// The reply's body, `nil` for no reply or an `error` one.
    private mutating func answer(_ verb: WireFrames.Verb, body: [UInt8]) throws -> [UInt8]? {
        guard let reply = try requester.call(verb, body: body), reply.verb != .error else { return nil }
        return reply.body
    }
}
