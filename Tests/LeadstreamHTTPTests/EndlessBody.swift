//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import NIOCore

/// A request body that never ends (1 KiB chunks forever, no `Content-Length`):
/// a server that buffered bodies unbounded would never answer it.
struct EndlessBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    struct AsyncIterator: AsyncIteratorProtocol {
        let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 1024)
        mutating func next() async -> ByteBuffer? { chunk }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator() }
}
