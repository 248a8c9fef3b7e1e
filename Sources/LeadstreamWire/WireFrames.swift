//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
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
        /// Gateway → workers (PUSH), and the reply to `replay`: record blocks (`RecordBlock`; a replay frames each).
        case changes
        /// Request: empty. Reply `head`: the last committed sequence (8 bytes, big-endian).
        case head
        /// Workers → aggregator (PUSH): a batch's partial counts and change records (docs/cluster.md).
        case partial
        /// Query: a report request (JSON). Reply `report`: exit status byte + what offline prints.
        case report
        /// Query: a topic prefix. Reply `snapshot`: NDJSON, the last message of every matching topic.
        case snapshot
        /// Query: empty, with the token to resolve. Reply `whoami`: the principal as JSON (docs/protocol.md),
        /// so a component without the token store (the web face) learns who a request comes from.
        case whoami
        /// Query (an operator's): `{"account", "periods"}` (JSON). Reply `figures`: the live figures of each period,
        /// flattened into cells, from one state (`leadstream validate`); without an account, the accounts.
        case figures
        /// Query (an operator's): one account's state rebuilt from the journal (`RegistryCodec`). Reply `repaired`.
        case repair
        case repaired
        /// Query, only with `--unsafe-test-hooks`: an account's name. Corrupts one tally cell and one lead row of the
        /// account on purpose (so a test can prove `validate` finds and repairs them). Reply `corrupted`.
        case corrupt
        case corrupted
        /// Query (an operator's): empty. Reply `status`: how far the aggregator has merged and the gateway head it
        /// last heard of (JSON, docs/cluster.md), for `leadstream status`.
        case status
        /// Query, on the gateway's ingest and the aggregator's query endpoint: `{"accounts": [...]}` (JSON, or
        /// empty). Reply `partitions`: the partition map's endpoints and where each named account lives
        /// (docs/partitions.md), so a client given any partition's endpoints routes every account.
        case partitions
        /// Ingest and query (an operator's): tenant erasure (docs/operations.md, "Tenant erasure"). On the ingest
        /// ROUTER the body is the account's name; on the query ROUTER `{"account", "through"}` (JSON). Reply
        /// `erased` (JSON, docs/protocol.md).
        case erase
        case erased
    }

    public static func encode(_ verb: Verb, id: UInt64, body: [UInt8]) -> [[UInt8]] {
        [tag, Array(verb.rawValue.utf8), encode(id), body]
    }

    /// An `ingest` request's ordering: the client's session and the lowest
    /// batch it has not seen acknowledged (16 bytes, big-endian).
    public struct Ordering: Hashable, Sendable {
        public var session: UInt64
        public var lowestUnacknowledged: UInt64
        public init(session: UInt64, lowestUnacknowledged: UInt64) {
            self.session = session
            self.lowestUnacknowledged = lowestUnacknowledged
        }
        public var bytes: [UInt8] { encode(session) + encode(lowestUnacknowledged) }
    }

    /// A request with what its extension frames carry (docs/protocol.md):
    /// `[tag, verb, id, body, extension…]`, each extension `NAME=VALUE`:
    /// `order=` + 16 bytes (`ingest`), `token=` + the token (SPEC §10), `import=1` (`ingest`, `leadstream move`).
    public struct Request: Sendable, Hashable {
        public var verb: Verb
        public var id: UInt64
        public var body: [UInt8]
        public var ordering: Ordering?
        public var token: String?
        /// `import=1` on `ingest` (an operator's): `leadstream move`'s copy of an account's history into the
        /// partition it moves to, admitted while the account is frozen (docs/partitions.md).
        public var importing = false

        public init(
            verb: Verb, id: UInt64, body: [UInt8], ordering: Ordering? = nil, token: String? = nil, importing: Bool = false
        ) {
            self.importing = importing
            self.verb = verb
            self.id = id
            self.body = body
            self.ordering = ordering
            self.token = token
        }

        public var frames: [[UInt8]] {
            var frames = encode(verb, id: id, body: body)
            if let ordering { frames.append(Array("order=".utf8) + ordering.bytes) }
            if let token { frames.append(Array("token=".utf8) + Array(token.utf8)) }
            if importing { frames.append(Array("import=1".utf8)) }
            return frames
        }
    }

    /// Why a message could not be read as a request; `id` is known when the
    /// envelope's id frame was readable, so the sender can be matched.
    public struct Malformed: Error, Sendable, Hashable {
        public var id: UInt64?
        public var reason: String

        /// The id the `bad_request` reply carries: the request's, or 0 when it could not be read
        /// (no leadstream client numbers a request 0, so 0 means "your request, whichever it was").
        public var replyID: UInt64 { id ?? 0 }
    }

    /// Parses `[tag, verb, id, body, extension…]`. Each failure says which part was wrong, and keeps
    /// the request id whenever frame 2 holds 8 bytes (even beside a wrong tag or frame count).
    public static func decodeRequest(_ frames: ArraySlice<[UInt8]>) -> Result<Request, Malformed> {
        let f = Array(frames)
        let id = f.count >= 3 && f[2].count == 8 ? decodeID(f[2]) : nil
        func malformed(_ reason: String) -> Result<Request, Malformed> { .failure(Malformed(id: id, reason: reason)) }
        guard f.count >= 4 else {
            return malformed("a request has 4 frames (tag, verb, id, body) and optional extensions, not \(f.count)")
        }
        guard f[0] == tag else {
            return malformed("frame 0 is not the protocol tag LS1 ('\(printable(f[0]))')")
        }
        guard id != nil else { return malformed("the request id (frame 2) is \(f[2].count) bytes, not 8") }
        guard let verb = Verb(rawValue: String(decoding: f[1], as: UTF8.self)) else {
            return malformed("unknown verb '\(printable(f[1]))'")
        }
        var request = Request(verb: verb, id: id!, body: f[3])
        for ext in f.dropFirst(4) {
            if ext.starts(with: Array("order=".utf8)) {
                guard ext.count == 6 + 16 else {
                    return malformed("the order= extension holds 16 bytes, not \(ext.count - 6)")
                }
                let o = Array(ext.dropFirst(6))
                request.ordering = Ordering(session: decodeID(Array(o[0..<8])), lowestUnacknowledged: decodeID(Array(o[8...])))
            } else if ext.starts(with: Array("token=".utf8)) {
                request.token = String(decoding: ext.dropFirst(6), as: UTF8.self)
            } else if ext == Array("import=1".utf8) {
                request.importing = true
            } else {
                return malformed("unknown extension frame '\(printable(ext.prefix { $0 != UInt8(ascii: "=") }))'")
            }
        }
        return .success(request)
    }

    /// A frame quoted in an error message: at most 32 bytes, anything but printable ASCII as `?`.
    static func printable(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes.prefix(32).map { (0x20...0x7E).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
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
    /// An `error` reply's body read back: its code and message.
    public struct ErrorBody: Sendable, Hashable {
        public var code: String
        public var message: String

        public init?(_ body: [UInt8]) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
                let code = object["error"] as? String
            else { return nil }
            self.code = code
            message = object["message"] as? String ?? code
        }
    }

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
        case .refused(let r): .object([("error", .string(code)), ("message", .string(r.message))])
        }
    }
}

extension WireFrames {
    /// A live subscription as an XSUB sends it to the aggregator's XPUB
    /// (docs/security.md): `[1] PREFIX` to subscribe, `[0] PREFIX` to cancel,
    /// then `0x00 TOKEN` when the subscriber presents a viewer token.
    public struct Subscription: Sendable, Hashable {
        public var subscribe: Bool
        public var prefix: String
        public var token: String?

        public init(subscribe: Bool = true, prefix: String, token: String? = nil) {
            self.subscribe = subscribe
            self.prefix = prefix
            self.token = token
        }

        public var bytes: [UInt8] {
            [subscribe ? 1 : 0] + Array(prefix.utf8) + (token.map { [0] + Array($0.utf8) } ?? [])
        }

        /// Reads a subscription message; `nil` for anything else.
        public init?(_ frame: [UInt8]) {
            guard let kind = frame.first, kind <= 1 else { return nil }
            let payload = frame.dropFirst()
            subscribe = kind == 1
            prefix = String(decoding: payload.prefix { $0 != 0 }, as: UTF8.self)
            token = payload.firstIndex(of: 0).map { String(decoding: payload[($0 + 1)...], as: UTF8.self) }
        }
    }
}

extension Rejection {
    /// An `error` reply's body.
    public var wireBody: [UInt8] {
        Array(
            JSONValue.object([
                ("error", .string(code.rawValue)), ("field", .string(field)), ("message", .string(message)),
            ]).compact.utf8)
    }
}
