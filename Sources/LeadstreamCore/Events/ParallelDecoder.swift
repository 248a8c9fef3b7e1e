//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decodes a large NDJSON buffer on several threads while the caller consumes
/// the results in file order on its own thread.
///
/// Decoding is independent per line, applying is not (SPEC §2: arrival
/// order), so the buffer is cut into chunks at line boundaries, chunks are
/// decoded ahead on the global queue (a bounded number in flight, so memory
/// stays flat), and `body` sees chunk after chunk, in order.
public enum ParallelDecoder {
    /// The decoded non-blank lines of one chunk, with their 1-based line numbers.
    public struct Chunk: Sendable {
        public var lines: [(number: Int, line: DecodedLine)] = []
    }

    /// Calls `body` once per chunk, in order, on the calling thread.
    /// - Parameters:
    ///   - chunkBytes: the target chunk size; lines are never split.
    ///   - ahead: chunks decoded ahead of the one `body` is working on.
    public static func decode(
        _ bytes: UnsafeRawBufferPointer, chunkBytes: Int = 1 << 20, ahead: Int = 4,
        _ body: (Chunk) throws -> Void
    ) rethrows {
        let ranges = chunkRanges(bytes, target: chunkBytes)
        guard ranges.count > 1 else {
            try body(decodeChunk(bytes, firstLine: 1))
            return
        }
        let shared = SharedBuffer(bytes: bytes)
        let slots = ranges.map { _ in Slot() }
        func start(_ i: Int) {
            let slot = slots[i]
            let range = ranges[i]
            DispatchQueue.global().async {
                let part = UnsafeRawBufferPointer(rebasing: shared.bytes[range.bytes])
                slot.chunk = decodeChunk(part, firstLine: range.firstLine)
                slot.done.signal()
            }
        }
        for i in 0..<min(ahead, ranges.count) { start(i) }
        for i in ranges.indices {
            slots[i].done.wait()
            if i + ahead < ranges.count { start(i + ahead) }
            let chunk = slots[i].chunk
            slots[i].chunk = Chunk()
            do { try body(chunk) } catch {
                // Let the chunks in flight finish: they read `bytes`, which the caller may free.
                for j in (i + 1)..<min(i + 1 + ahead, ranges.count) { slots[j].done.wait() }
                throw error
            }
        }
    }

    /// Decodes the lines of one chunk, numbering them from `firstLine`.
    static func decodeChunk(_ bytes: UnsafeRawBufferPointer, firstLine: Int) -> Chunk {
        var chunk = Chunk()
        chunk.lines.reserveCapacity(bytes.count / 128)
        for line in NDJSONLines(bytes) {
            let decoded = EventDecoder.decode(line.bytes)
            if case .blank = decoded { continue }
            chunk.lines.append((line.number + firstLine - 1, decoded))
        }
        return chunk
    }

    /// Cuts `bytes` after a newline near every `target` bytes, counting lines so
    /// each chunk knows its first line number.
    static func chunkRanges(_ bytes: UnsafeRawBufferPointer, target: Int) -> [(bytes: Range<Int>, firstLine: Int)] {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return [(0..<0, 1)] }
        var ranges: [(bytes: Range<Int>, firstLine: Int)] = []
        var start = 0
        var line = 1
        while start < bytes.count {
            var end = min(bytes.count, start + target)
            if end < bytes.count, let nl = memchr(base + end, 0x0A, bytes.count - end) {
                end = UnsafeRawPointer(nl) - base + 1
            } else {
                end = bytes.count
            }
            ranges.append((start..<end, line))
            line += newlines(in: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            start = end
        }
        return ranges
    }

    private static func newlines(in bytes: UnsafeRawBufferPointer) -> Int {
        guard var p = bytes.baseAddress else { return 0 }
        let end = p + bytes.count
        var n = 0
        while p < end, let nl = memchr(p, 0x0A, end - p) {
            n += 1
            p = UnsafeRawPointer(nl) + 1
        }
        return n
    }

    /// The caller's buffer, read-only while `decode` runs.
    private struct SharedBuffer: @unchecked Sendable { let bytes: UnsafeRawBufferPointer }

    /// One chunk's result, handed from a decoding thread to the caller;
    /// `done` orders the write before the read.
    private final class Slot: @unchecked Sendable {
        var chunk = Chunk()
        let done = DispatchSemaphore(value: 0)
    }
}
