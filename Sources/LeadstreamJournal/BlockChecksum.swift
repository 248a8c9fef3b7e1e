import Crypto

/// The SHA-256 of a block's event count (u32, little-endian) and body, stored beside it and checked on every
/// read (journal format version 3).
///
/// SQLite checks its WAL frames but not the pages of the database file, so a bit flipped on disk would be
/// served as a valid record. SHA-256 rather than a CRC: swift-crypto is already a dependency and, with the
/// CPU's SHA instructions (BoringSSL), hashes well over 1 GB/s, far above the journal's ~100 MB/s of bodies;
/// it is computed on the appender's task, not on the writer thread.
struct BlockChecksum: Sendable, Hashable {
    let bytes: [UInt8]

    init(events: Int, body: [UInt8]) {
        var hash = SHA256()
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: events).littleEndian) { hash.update(bufferPointer: $0) }
        hash.update(data: body)
        bytes = Array(hash.finalize())
    }
}
