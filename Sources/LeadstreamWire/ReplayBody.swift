//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// The body of a `changes` reply to `replay`: journal blocks as stored, each
/// `first:u64 length:u32 block` (little-endian), in sequence order.
public enum ReplayBody {
    public static func encode(_ blocks: [(first: UInt64, body: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(blocks.reduce(0) { $0 + 12 + $1.body.count })
        for (first, body) in blocks {
            withUnsafeBytes(of: first.littleEndian) { out.append(contentsOf: $0) }
            withUnsafeBytes(of: UInt32(body.count).littleEndian) { out.append(contentsOf: $0) }
            out.append(contentsOf: body)
        }
        return out
    }

    /// The blocks of a reply; `nil` when the framing does not add up.
    public static func decode(_ bytes: [UInt8]) -> [(first: UInt64, body: [UInt8])]? {
        var out: [(UInt64, [UInt8])] = []
        var at = 0
        while at < bytes.count {
            guard bytes.count - at >= 12 else { return nil }
            let (first, n) = bytes.withUnsafeBytes { raw in
                (UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)),
                 Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at + 8, as: UInt32.self))))
            }
            at += 12
            guard bytes.count - at >= n else { return nil }
            out.append((first, Array(bytes[at..<(at + n)])))
            at += n
        }
        return out
    }
}
