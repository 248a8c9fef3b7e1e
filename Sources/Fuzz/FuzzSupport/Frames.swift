//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// A multipart message as one fuzz input: each frame `length:u16 (little-endian) bytes`; a last
/// frame shorter than its length takes what is left. A ZeroMQ frame is a length and bytes too, so
/// every message a socket can deliver (of frames under 64 KiB) has an input, and most inputs are one.
public enum Frames {
    public static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var frames: [[UInt8]] = []
        var at = 0
        while bytes.count - at >= 2 {
            let n = Int(bytes[at]) | Int(bytes[at + 1]) << 8
            at += 2
            let end = min(bytes.count, at + n)
            frames.append(Array(bytes[at..<end]))
            at = end
        }
        return frames
    }

    public static func join(_ frames: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        for frame in frames {
            let n = min(frame.count, 0xFFFF)
            out.append(UInt8(n & 0xFF))
            out.append(UInt8(n >> 8))
            out.append(contentsOf: frame.prefix(n))
        }
        return out
    }
}
