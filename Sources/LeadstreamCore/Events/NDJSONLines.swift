//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lines of an NDJSON buffer (a whole file read or mapped), numbered from 1.
///
/// SPEC §11 reports rejected events by line number, so every line counts,
/// blank ones included; a last line without `"\n"` still counts, and a
/// buffer ending in `"\n"` has no extra empty line after it. Each line
/// excludes its `"\n"` but keeps a `"\r"` before it: the decoder ignores
/// one trailing `"\r"`. Lines are found with `memchr`, which scans many
/// bytes per instruction, and are slices of the buffer: nothing is copied.
public struct NDJSONLines: Sequence {
    /// One line: its 1-based number and its bytes (valid as long as the buffer is).
    public typealias Element = (number: Int, bytes: UnsafeRawBufferPointer)

    public let buffer: UnsafeRawBufferPointer

    /// The lines of `buffer`, which must outlive the iteration.
    public init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

    public func makeIterator() -> Iterator { Iterator(buffer) }

    /// Walks the buffer front to back.
    public struct Iterator: IteratorProtocol {
        private let base: UnsafeRawPointer?
        private let count: Int
        private var offset = 0
        private var number = 0

        init(_ buffer: UnsafeRawBufferPointer) {
            base = buffer.baseAddress
            count = buffer.count
        }

        public mutating func next() -> Element? {
            guard let base, offset < count else { return nil }
            let start = base + offset
            let remaining = count - offset
            let length: Int
            if let newline = memchr(start, 0x0A, remaining) {
                length = UnsafeRawPointer(newline) - start
                offset += length + 1
            } else {
                length = remaining
                offset = count
            }
            number += 1
            return (number, UnsafeRawBufferPointer(start: start, count: length))
        }
    }
}
