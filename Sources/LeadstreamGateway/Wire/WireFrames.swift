//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// The framing of leadstream's ZeroMQ requests and replies (docs/protocol.md).
///
/// Every message starts with a protocol tag and a verb, so a component can
/// refuse a peer speaking another version instead of misreading it:
///
///     request (DEALER → ROUTER):  ["LS1", verb, request-id (8 bytes, big-endian), body]
///     reply   (ROUTER → DEALER):  ["LS1", verb, request-id, body]
///
/// The request id is the client's: it matches replies to requests when many
/// are in flight, and a retried batch may reuse it (event ids make retries safe).
public enum WireFrames {
    public static let tag: [UInt8] = Array("LS1".utf8)

    public enum Verb: String, Sendable {
        /// Request: an NDJSON batch. Reply `ack` (a BatchResult) or `error`.
        case ingest
        case ack
        case error
        /// Request: `from`, `through` (8 bytes each, big-endian). Reply `changes`.
        case replay
        /// Gateway → workers (PUSH), and the reply to `replay`: a `ChangeCodec` body.
        case changes
        /// Request: empty. Reply `head`: the last committed sequence (8 bytes, big-endian).
        case head
        /// Workers → aggregator (PUSH): a batch's partial counts and change records (docs/cluster.md).
        case partial
        /// Query: a report request (JSON). Reply `report`: exit status byte + what offline prints.
        case report
        /// Query: a topic prefix. Reply `snapshot`: NDJSON, the last message of every matching topic.
        case snapshot
    }

    public static func encode(_ verb: Verb, id: UInt64, body: [UInt8]) -> [[UInt8]] {
        [tag, Array(verb.rawValue.utf8), encode(id), body]
    }

    /// An `ingest` request's optional fifth frame: the client's session and the
    /// lowest batch it has not seen acknowledged (16 bytes, big-endian).
    public struct Ordering: Hashable, Sendable {
        public var session: UInt64
        public var lowestUnacknowledged: UInt64
        public init(session: UInt64, lowestUnacknowledged: UInt64) {
            self.session = session
            self.lowestUnacknowledged = lowestUnacknowledged
        }
        public var bytes: [UInt8] { encode(session) + encode(lowestUnacknowledged) }
    }

    /// `[tag, ingest, id, body, ordering]`.
    public static func encodeIngest(id: UInt64, body: [UInt8], ordering: Ordering) -> [[UInt8]] {
        encode(.ingest, id: id, body: body) + [ordering.bytes]
    }

    /// Parses `[tag, verb, id, body]` or, for `ingest`, `[tag, verb, id, body, ordering]`.
    public static func decodeRequest(_ frames: ArraySlice<[UInt8]>) -> (verb: Verb, id: UInt64, body: [UInt8], ordering: Ordering?)? {
        if frames.count == 5, let last = frames.last, last.count == 16, let r = decode(frames.dropLast()), r.verb == .ingest {
            let o = Ordering(session: decodeID(Array(last[0..<8])), lowestUnacknowledged: decodeID(Array(last[8..<16])))
            return (r.verb, r.id, r.body, o)
        }
        return decode(frames).map { ($0.verb, $0.id, $0.body, nil) }
    }

    /// Parses `[tag, verb, id, body]`; `nil` for anything else.
    public static func decode(_ frames: ArraySlice<[UInt8]>) -> (verb: Verb, id: UInt64, body: [UInt8])? {
        guard frames.count == 4 else { return nil }
        let f = Array(frames)
        guard f[0] == tag, let verb = Verb(rawValue: String(decoding: f[1], as: UTF8.self)), f[2].count == 8 else {
            return nil
        }
        return (verb, decodeID(f[2]), f[3])
    }

    public static func encode(_ id: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: id >> (56 - 8 * UInt64($0))) }
    }

    public static func decodeID(_ bytes: [UInt8]) -> UInt64 {
        bytes.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}

extension WireFrames {
    /// An `error` reply: `{"error": code, "message": message}`.
    public static func error(_ code: String, _ message: String) -> (Verb, [UInt8]) {
        (.error, Array(JSONValue.object([("error", .string(code)), ("message", .string(message))]).compact.utf8))
    }
}

extension IngestRefusal {
    /// The body of an `error` reply: the code and when to retry, or the size limit.
    public var json: JSONValue {
        switch self {
        case .overloaded(let s): .object([("error", .string(code)), ("retry_after", .int(s))])
        case .tooLarge(let limit): .object([("error", .string(code)), ("limit_bytes", .int(limit))])
        case .unavailable: .object([("error", .string(code)), ("retry_after", .int(1))])
        }
    }
}
