//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// What a report worker makes of one forwarded batch (docs/cluster.md): the
/// batch's sequence range, its signed partial counts, and its change records,
/// passed through untouched for the aggregator's lead-level rows.
public struct Partial: Sendable {
    public var sequences: ClosedRange<UInt64>
    public var deltas: [TallyDelta]
    /// The `ChangeCodec` body the gateway forwarded.
    public var changes: [UInt8]

    public init(sequences: ClosedRange<UInt64>, deltas: [TallyDelta], changes: [UInt8]) {
        self.sequences = sequences
        self.deltas = deltas
        self.changes = changes
    }

    /// The worker's whole job: count a forwarded `ChangeCodec` body. `nil` when
    /// the body is not one, or holds no change.
    public init?(counting body: [UInt8]) {
        guard let changes = ChangeCodec.decode(body), let first = changes.first, let last = changes.last else {
            return nil
        }
        self.init(sequences: first.sequence...last.sequence, deltas: TallyDelta.of(changes), changes: body)
    }

    public static let version: UInt8 = 1

    public var encoded: [UInt8] {
        var w = ByteWriter()
        w.u8(Self.version)
        w.u64(sequences.lowerBound)
        w.u64(sequences.upperBound)
        w.u32(UInt32(deltas.count))
        for d in deltas {
            w.string(d.account)
            w.u32(UInt32(bitPattern: d.day.number))
            w.string(d.key.office)
            w.string(d.key.user)
            w.string(d.key.campaign)
            w.u8(d.key.source.rawValue)
            w.u8(d.key.status.rawValue)
            w.u8(d.key.initialStatus.rawValue)
            w.u8(d.key.leadType.rawValue)
            w.i64(Int64(d.count))
        }
        w.u32(UInt32(changes.count))
        w.bytes.append(contentsOf: changes)
        return w.bytes
    }

    /// Decodes `encoded`; `nil` for anything else.
    public init?(decoding bytes: [UInt8]) {
        var r = ByteReader(bytes)
        guard r.u8() == Self.version, let first = r.u64(), let last = r.u64(), first <= last, let n = r.u32() else {
            return nil
        }
        var deltas: [TallyDelta] = []
        deltas.reserveCapacity(Int(min(n, 1 << 16)))
        for _ in 0..<n {
            guard let account = r.string(), let day = r.u32(), let office = r.string(), let user = r.string(),
                let campaign = r.string(), let source = r.u8().flatMap(Source.init(rawValue:)),
                let status = r.u8().flatMap(LeadStatus.init(rawValue:)),
                let initial = r.u8().flatMap(LeadStatus.init(rawValue:)),
                let type = r.u8().flatMap(LeadType.init(rawValue:)), let count = r.i64()
            else { return nil }
            let key = CountKey(
                office: office, user: user, campaign: campaign, source: source, status: status, initialStatus: initial,
                leadType: type)
            deltas.append(TallyDelta(account: account, day: Day(number: Int32(bitPattern: day)), key: key, count: Int(count)))
        }
        guard let size = r.u32(), let changes = r.bytes(Int(size)), r.atEnd else { return nil }
        self.init(sequences: first...last, deltas: deltas, changes: changes)
    }
}

extension ByteReader {
    mutating func bytes(_ n: Int) -> [UInt8]? {
        guard remaining >= n else { return nil }
        defer { skip(n) }
        return Array(peek(n))
    }
}
