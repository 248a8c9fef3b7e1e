//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// The event decoder's JSON scanner, for whole documents: a syntax check
/// that builds nothing (a live message is checked once per subscriber).
public enum JSONSyntax {
    /// Whether `bytes` is one JSON object, with only whitespace around it.
    public static func isObject(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), !bytes.isEmpty else { return false }
        var s = JSONScanner(base: base, count: bytes.count)
        s.skipWhitespace()
        guard s.byte == UInt8(ascii: "{") else { return false }
        do { _ = try s.scanValue() } catch { return false }
        s.skipWhitespace()
        return s.pos == bytes.count
    }
}
