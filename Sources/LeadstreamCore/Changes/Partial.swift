//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// What a report worker makes of one forwarded block (docs/cluster.md): the
/// block's first sequence, its signed partial counts by interned cell, and
/// the block itself, passed through untouched for the aggregator's rows.
///
/// Layout, little-endian: `version:u8 (2) first:u64 deltas:u32 delta* block`,
/// a delta `account:u32 day:i32 cell:u64 u64 count:i32` (28 bytes), the block
/// the rest of the body.
public struct Partial: Sendable {
    public var first: UInt64
    public var deltas: [CellDelta]
    public var block: RecordBlock

    public init(first: UInt64, deltas: [CellDelta], block: RecordBlock) {
        self.first = first
        self.deltas = deltas
        self.block = block
    }

    /// The worker's whole job: count a forwarded block. `nil` when the bytes
    /// are not a block, or it holds no event.
    ///
    /// Also `nil` when `first` (the message's id frame) cannot start the block's sequences: 0 (they
    /// start at 1, and `Partial(decoding:)` refuses it, so the aggregator would drop the partial), or
    /// so high that they pass `UInt64.max` (counting trapped there). The first was found by fuzzing, the
    /// second while fixing it.
    public init?(counting body: [UInt8], first: UInt64) {
        guard let block = RecordBlock(body), block.events > 0, Self.numbers(block, from: first) else { return nil }
        self.init(first: first, deltas: CellDelta.of(block, first: first), block: block)
    }

    /// Whether the block's events can take the sequences from `first` on (and the counting one past them).
    private static func numbers(_ block: RecordBlock, from first: UInt64) -> Bool {
        first > 0 && !first.addingReportingOverflow(UInt64(block.events)).overflow
    }

    /// The sequences of the block's events.
    public var sequences: ClosedRange<UInt64> { first...(first + UInt64(block.events) - 1) }

    public static let version: UInt8 = 2
    private static let deltaSize = 28

    public var encoded: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(13 + deltas.count * Self.deltaSize + block.bytes.count)
        func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        out.append(Self.version)
        put(first)
        put(UInt32(deltas.count))
        for d in deltas {
            put(d.account)
            put(d.day.number)
            put(d.cell.people)
            put(d.cell.rest)
            put(d.count)
        }
        out.append(contentsOf: block.bytes)
        return out
    }

    /// Decodes `encoded`; `nil` for anything else.
    public init?(decoding bytes: [UInt8]) {
        let parsed = bytes.withUnsafeBytes { raw -> (UInt64, [CellDelta], Int)? in
            guard raw.count >= 13, raw[0] == Self.version else { return nil }
            func get<T: FixedWidthInteger>(_ at: Int, _: T.Type) -> T { T(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: T.self)) }
            let first = get(1, UInt64.self)
            let n = Int(get(9, UInt32.self))
            let end = 13 + n * Self.deltaSize
            guard first > 0, raw.count >= end else { return nil }
            var deltas: [CellDelta] = []
            deltas.reserveCapacity(n)
            var at = 13
            for _ in 0..<n {
                var cell = CellKey(office: 0, user: 0, campaign: 0, source: .other, status: .new, initialStatus: .new, leadType: .contact)
                cell.people = get(at + 8, UInt64.self)
                cell.rest = get(at + 16, UInt64.self)
                deltas.append(
                    CellDelta(
                        account: get(at, UInt32.self), day: Day(number: get(at + 4, Int32.self)), cell: cell,
                        count: get(at + 24, Int32.self)))
                at += Self.deltaSize
            }
            return (first, deltas, end)
        }
        guard let (first, deltas, end) = parsed, let block = RecordBlock(Array(bytes[end...])), block.events > 0,
            Self.numbers(block, from: first)
        else {
            return nil
        }
        self.init(first: first, deltas: deltas, block: block)
    }
}
