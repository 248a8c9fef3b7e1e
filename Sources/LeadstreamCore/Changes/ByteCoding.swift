//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// Appends little-endian integers and length-prefixed strings.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }
    mutating func string(_ s: String) {
        let utf8 = s.utf8
        u32(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    mutating func facts(_ f: LeadFacts) {
        string(f.leadID)
        string(f.office)
        string(f.campaign)
        string(f.user)
        string(f.occurrenceUser)
        u8(f.leadType.rawValue)
        u8(f.source.rawValue)
        u8(f.status.rawValue)
        u8(f.initialStatus.rawValue)
        u8(f.deleted ? 1 : 0)
        i64(f.createdAt.microseconds)
        u32(UInt32(bitPattern: f.createdDay.number))
        i64(f.statusAt.microseconds)
        u32(UInt32(f.occurrences))
    }
}

/// Reads what `ByteWriter` wrote; every read is bounds-checked and `nil` past the end.
struct ByteReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { offset == bytes.count }
    var remaining: Int { bytes.count - offset }
    func peek(_ n: Int) -> ArraySlice<UInt8> { bytes[offset..<(offset + n)] }
    mutating func skip(_ n: Int) { offset += n }

    mutating func u8() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    private mutating func little<T: FixedWidthInteger>(_: T.Type) -> T? {
        let size = MemoryLayout<T>.size
        guard bytes.count - offset >= size else { return nil }
        var v: T = 0
        for i in 0..<size { v |= T(bytes[offset + i]) << (8 * i) }
        offset += size
        return v
    }

    mutating func u32() -> UInt32? { little(UInt32.self) }
    mutating func u64() -> UInt64? { little(UInt64.self) }
    mutating func i64() -> Int64? { u64().map { Int64(bitPattern: $0) } }

    mutating func string() -> String? {
        guard let n = u32().map(Int.init), bytes.count - offset >= n else { return nil }
        defer { offset += n }
        return String(validating: bytes[offset..<(offset + n)], as: UTF8.self)
    }

    mutating func facts() -> LeadFacts? {
        guard let id = string(), let office = string(), let campaign = string(), let user = string(),
            let occUser = string(), let type = u8().flatMap(LeadType.init(rawValue:)),
            let source = u8().flatMap(Source.init(rawValue:)), let status = u8().flatMap(LeadStatus.init(rawValue:)),
            let initial = u8().flatMap(LeadStatus.init(rawValue:)), let deleted = u8(), let createdAt = i64(),
            let day = u32(), let statusAt = i64(), let occurrences = u32()
        else { return nil }
        return LeadFacts(
            leadID: id, office: office, campaign: campaign, leadType: type,
            createdAt: Timestamp(microseconds: createdAt), createdDay: Day(number: Int32(bitPattern: day)),
            source: source, user: user, status: status, initialStatus: initial,
            statusAt: Timestamp(microseconds: statusAt), occurrences: Int(occurrences), occurrenceUser: occUser,
            deleted: deleted == 1)
    }
}
