//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// The one encoding of accepted events between the gateway and the
/// aggregator (docs/cluster.md, the record): a block is the records of one
/// admitted batch, in journal order, with the name definitions they need.
///
/// The gateway writes a block once, at admission. The same bytes are the
/// journal row, the forwarded message, the replay reply and what the
/// aggregator merges: nothing decodes and re-encodes between stages. A block
/// does not hold its sequence numbers: whoever hands it over says where it
/// starts (the journal row, the message's id frame), and its events take the
/// numbers from there in order. Definitions take none.
///
/// Layout, little-endian:
///
///     block    := version:u8 (3) events:u32 entry*
///     entry    := 1 account:u32 name                       an account's name
///               | 2 account:u32 id:u32 name                an office, user or campaign name
///               | 3 account:u32 lead:u32 event_id lead_id facts          lead.created
///               | 4 account:u32 lead:u32 event_id before facts           any other lead event
///               | 5 account:u32 event_id zone unqualified:u8 sources:u8  account.settings
///               | 6                                        an erased event (it keeps its sequence number)
///               | 7 account:u32                            an erased account's id (its slot, without a name)
///     name, event_id, lead_id, zone := length:u8 bytes
///     before   := source:u8 user:u32 status:u8 deleted:u8
///     facts    := office:u32 campaign:u32 user:u32 occurrence_user:u32 lead_type:u8 source:u8
///                 status:u8 initial_status:u8 deleted:u8 created_day:i32 occurrences:u32
///                 created_at:i64 status_at:i64            (µs since the epoch)
///
/// A definition comes before the first record that uses it, and is repeated
/// by nobody: a consumer that merges blocks in sequence order has every name
/// it meets. Identifiers are at most 128 bytes (SPEC §1), so a length fits a byte.
public struct RecordBlock: Sendable {
    public static let version: UInt8 = 3

    /// The block as written.
    public let bytes: [UInt8]
    /// How many events (not definitions) it holds.
    public let events: Int

    /// Checks every entry of `bytes`; `nil` when it is not a whole block of this version.
    public init?(_ bytes: [UInt8]) {
        guard let n = bytes.withUnsafeBytes({ raw -> Int? in
            var r = RecordReader(raw)
            return r.validate()
        }) else { return nil }
        self.bytes = bytes
        self.events = n
    }

    /// Calls `body` with every entry, in order. InternedNames are byte ranges of `bytes`.
    public func forEach(_ body: (RecordEntry) throws -> Void) rethrows {
        try bytes.withUnsafeBytes { raw in
            var r = RecordReader(raw)
            r.skipHeader()
            while let entry = r.next() { try body(entry) }
        }
    }

    /// The name at `range` as a `String` (definitions and lead ids: once per name).
    public func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
}

/// One entry of a block. Strings are byte ranges of the block, turned into
/// `String`s only by those who keep them.
public enum RecordEntry: Sendable {
    case account(id: UInt32, name: Range<Int>)
    case name(account: UInt32, id: UInt32, name: Range<Int>)
    case created(account: UInt32, lead: UInt32, eventID: Range<Int>, leadID: Range<Int>, after: RecordFacts)
    case updated(account: UInt32, lead: UInt32, eventID: Range<Int>, before: RecordBefore, after: RecordFacts)
    case settings(
        account: UInt32, eventID: Range<Int>, zone: Range<Int>, unqualifiedEnabled: Bool, activeSources: WidgetSourceSet)
    /// An event of an erased account (`leadstream erase`): it takes its sequence number and belongs to no account.
    case erased
    /// The id an erased account had: the slot stays taken, so no other account's id moves; it has no name.
    case erasedAccount(id: UInt32)

    /// Whether it is an event (it takes a sequence number).
    public var isEvent: Bool {
        switch self {
        case .account, .name, .erasedAccount: false
        case .created, .updated, .settings, .erased: true
        }
    }

    /// The account the entry belongs to; `nil` for an erased event.
    public var account: UInt32? {
        switch self {
        case .account(let id, _), .erasedAccount(let id): id
        case .name(let a, _, _), .created(let a, _, _, _, _), .updated(let a, _, _, _, _), .settings(let a, _, _, _, _): a
        case .erased: nil
        }
    }
}

/// Writes a block, one entry at a time (the gateway, under its admission lock).
public struct RecordWriter: Sendable {
    public private(set) var bytes: [UInt8]
    public private(set) var events = 0

    public init(reservingEvents n: Int = 0) {
        bytes = []
        bytes.reserveCapacity(5 + n * 96)
        bytes.append(RecordBlock.version)
        u32(0)
    }

    /// The finished block (the writer is empty afterwards; the bytes are moved, not copied).
    public mutating func finish() -> [UInt8] {
        withUnsafeBytes(of: UInt32(events).littleEndian) { for i in 0..<4 { bytes[1 + i] = $0[i] } }
        let out = bytes
        self = RecordWriter()
        return out
    }

    public mutating func account(_ id: UInt32, _ name: String) {
        bytes.append(1)
        u32(id)
        string(name)
    }

    public mutating func name(_ id: UInt32, _ name: String, account: UInt32) {
        bytes.append(2)
        u32(account)
        u32(id)
        string(name)
    }

    public mutating func created(account: UInt32, lead: UInt32, eventID: String, leadID: String, after: RecordFacts) {
        events += 1
        bytes.append(3)
        u32(account)
        u32(lead)
        string(eventID)
        string(leadID)
        facts(after)
    }

    public mutating func updated(
        account: UInt32, lead: UInt32, eventID: String, before: RecordBefore, after: RecordFacts
    ) {
        events += 1
        bytes.append(4)
        u32(account)
        u32(lead)
        string(eventID)
        bytes.append(before.source.rawValue)
        u32(before.user)
        bytes.append(before.status.rawValue)
        bytes.append(before.deleted ? 1 : 0)
        facts(after)
    }

    public mutating func settings(account: UInt32, eventID: String, _ s: AccountSettings) {
        events += 1
        bytes.append(5)
        u32(account)
        string(eventID)
        string(s.zone.name)
        bytes.append(s.unqualifiedEnabled ? 1 : 0)
        bytes.append(s.activeSources.bits)
    }

    /// An erased event: a placeholder that keeps its sequence number.
    public mutating func erased() {
        events += 1
        bytes.append(6)
    }

    /// An erased account's id slot.
    public mutating func erasedAccount(_ id: UInt32) {
        bytes.append(7)
        u32(id)
    }

    /// An entry copied as it is, from the bytes of another block.
    mutating func copy(_ raw: UnsafeRawBufferPointer, event: Bool) {
        if event { events += 1 }
        bytes.append(contentsOf: raw)
    }

    private mutating func facts(_ f: RecordFacts) {
        u32(f.office)
        u32(f.campaign)
        u32(f.user)
        u32(f.occurrenceUser)
        bytes.append(f.leadType.rawValue)
        bytes.append(f.source.rawValue)
        bytes.append(f.status.rawValue)
        bytes.append(f.initialStatus.rawValue)
        bytes.append(f.deleted ? 1 : 0)
        u32(UInt32(bitPattern: f.createdDay.number))
        u32(f.occurrences)
        u64(UInt64(bitPattern: f.createdAt.microseconds))
        u64(UInt64(bitPattern: f.statusAt.microseconds))
    }

    private mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    private mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }

    private mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            bytes.append(UInt8(truncatingIfNeeded: min(utf8.count, 255)))
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8.prefix(255)))
        }
    }
}

/// Reads entries off a block's bytes; every read is bounds-checked and
/// `next()` is `nil` at the end or at the first malformed entry.
struct RecordReader {
    private let raw: UnsafeRawBufferPointer
    private var offset = 0
    private(set) var failed = false

    init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }

    mutating func skipHeader() { offset = 5 }

    /// Where the next entry starts.
    var position: Int { offset }

    /// The number of events when every entry reads and it matches the header's.
    mutating func validate() -> Int? {
        guard raw.count >= 5, raw[0] == RecordBlock.version else { return nil }
        offset = 1
        guard let declared = u32() else { return nil }
        var n = 0
        while let entry = next() { if entry.isEvent { n += 1 } }
        return !failed && n == Int(declared) ? n : nil
    }

    mutating func next() -> RecordEntry? {
        guard offset < raw.count, let tag = u8() else { return nil }
        let entry: RecordEntry?
        switch tag {
        case 1:
            entry = u32().flatMap { id in name().map { .account(id: id, name: $0) } }
        case 2:
            if let a = u32(), let id = u32(), let n = name() { entry = .name(account: a, id: id, name: n) } else { entry = nil }
        case 3:
            if let a = u32(), let lead = u32(), let e = name(), let l = name(), let f = facts() {
                entry = .created(account: a, lead: lead, eventID: e, leadID: l, after: f)
            } else { entry = nil }
        case 4:
            if let a = u32(), let lead = u32(), let e = name(), let b = before(), let f = facts() {
                entry = .updated(account: a, lead: lead, eventID: e, before: b, after: f)
            } else { entry = nil }
        case 5:
            if let a = u32(), let e = name(), let z = name(), let on = u8(), on <= 1, let bits = u8() {
                entry = .settings(
                    account: a, eventID: e, zone: z, unqualifiedEnabled: on == 1, activeSources: WidgetSourceSet(bits: bits))
            } else { entry = nil }
        case 6: entry = .erased
        case 7: entry = u32().map { .erasedAccount(id: $0) }
        default: entry = nil
        }
        if entry == nil { failed = true }
        return entry
    }

    private mutating func u8() -> UInt8? {
        guard offset < raw.count else { return nil }
        defer { offset += 1 }
        return raw[offset]
    }

    private mutating func u32() -> UInt32? {
        guard raw.count - offset >= 4 else { return nil }
        defer { offset += 4 }
        return UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    private mutating func i64() -> Int64? {
        guard raw.count - offset >= 8 else { return nil }
        defer { offset += 8 }
        return Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self))
    }

    private mutating func name() -> Range<Int>? {
        guard let n = u8().map(Int.init), raw.count - offset >= n else { return nil }
        defer { offset += n }
        return offset..<(offset + n)
    }

    private mutating func before() -> RecordBefore? {
        guard let s = u8().flatMap(Source.init(rawValue:)), let u = u32(),
            let st = u8().flatMap(LeadStatus.init(rawValue:)), let d = u8(), d <= 1
        else { return nil }
        return RecordBefore(source: s, user: u, status: st, deleted: d == 1)
    }

    private mutating func facts() -> RecordFacts? {
        guard let office = u32(), let campaign = u32(), let user = u32(), let occ = u32(),
            let type = u8().flatMap(LeadType.init(rawValue:)), let source = u8().flatMap(Source.init(rawValue:)),
            let status = u8().flatMap(LeadStatus.init(rawValue:)),
            let initial = u8().flatMap(LeadStatus.init(rawValue:)), let deleted = u8(), deleted <= 1,
            let day = u32(), let occurrences = u32(), occurrences > 0, let createdAt = i64(), let statusAt = i64()
        else { return nil }
        return RecordFacts(
            office: office, campaign: campaign, user: user, occurrenceUser: occ, leadType: type, source: source,
            status: status, initialStatus: initial, deleted: deleted == 1, createdDay: Day(number: Int32(bitPattern: day)),
            occurrences: occurrences, createdAt: Timestamp(microseconds: createdAt),
            statusAt: Timestamp(microseconds: statusAt))
    }
}

extension RecordBlock {
    /// The `event_id` of every event, in order (`""` for an erased one; inspection and tests, not the hot path).
    public var eventIDs: [String] {
        var out: [String] = []
        forEach { entry in
            switch entry {
            case .account, .name, .erasedAccount: break
            case .erased: out.append("")
            case .created(_, _, let e, _, _), .updated(_, _, let e, _, _), .settings(_, let e, _, _, _):
                out.append(string(e))
            }
        }
        return out
    }
}
