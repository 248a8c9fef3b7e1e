import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A file that holds one payload under a header naming its kind and format version and a SHA-256 of both,
/// replaced atomically: the checkpoints of the aggregator and of the gateway (docs/journal.md, "Sealed files").
///
/// Why a seal: a checkpoint is derived state that the process trusts on start instead of replaying the journal.
/// A torn write, a truncated copy or one flipped bit on disk must make it *refuse* the file (and replay), never
/// serve figures from it; the payload decoders check their bounds but cannot see a wrong value that still
/// parses. The version says which payload encoding the bytes are, so a file from another release is refused by
/// name rather than misread.
///
/// Layout, little-endian: `kind` (8 bytes, ASCII, zero-padded), `version: u32`, `length: u64` (of the payload),
/// `sha256` (32 bytes, of the 20 bytes before it and the payload), then the payload.
public struct SealedFile: Sendable {
    public let path: String
    /// What the file is (`"aggrckpt"`, `"gateckpt"`): a file of another kind is refused.
    public let kind: String
    /// The payload encoding's version this reader and writer speak.
    public let version: UInt32

    /// The bytes before the payload.
    static let headerSize = 8 + 4 + 8 + 32

    public init(path: String, kind: String, version: UInt32) {
        precondition(kind.utf8.count <= 8, "a sealed file's kind is at most 8 bytes")
        self.path = path
        self.kind = kind
        self.version = version
    }

    /// The payload; `nil` when there is no file. Throws a `SealError` that says what is wrong with it.
    public func read() throws(SealError) -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        return try unseal(bytes)
    }

    /// Checks the header and checksum of a whole file's bytes and returns the payload.
    public func unseal(_ bytes: [UInt8]) throws(SealError) -> [UInt8] {
        guard bytes.count >= Self.headerSize else {
            throw .truncated(path: path, size: bytes.count, expected: Self.headerSize)
        }
        guard Array(bytes[0..<8]) == Self.kindBytes(kind) else { throw .wrongKind(path: path, expected: kind) }
        let found = Self.little(UInt32.self, bytes, at: 8)
        let length = Self.little(UInt64.self, bytes, at: 12)
        let expected = UInt64(Self.headerSize).addingReportingOverflow(length).partialValue
        guard UInt64(bytes.count) == expected else {
            // A wrong version may also change the layout; name the version first, it is the likelier cause.
            if found != version { throw .wrongVersion(path: path, found: found, expected: version) }
            throw .truncated(path: path, size: bytes.count, expected: Int(clamping: expected))
        }
        var hash = SHA256()
        hash.update(data: bytes[0..<20])
        hash.update(data: bytes[Self.headerSize...])
        guard Array(hash.finalize()) == Array(bytes[20..<52]) else { throw .checksumMismatch(path: path) }
        guard found == version else { throw .wrongVersion(path: path, found: found, expected: version) }
        return Array(bytes[Self.headerSize...])
    }

    /// The file's bytes for `payload`: header, checksum, payload.
    public func seal(_ payload: [UInt8]) -> [UInt8] {
        var out = Self.kindBytes(kind)
        withUnsafeBytes(of: version.littleEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { out.append(contentsOf: $0) }
        var hash = SHA256()
        hash.update(data: out)
        hash.update(data: payload)
        out.append(contentsOf: hash.finalize())
        out.append(contentsOf: payload)
        return out
    }

    /// Replaces the file with `payload`, atomically: a temporary file, fsync, rename, fsync of the folder, so a
    /// crash leaves the old file or the new one, never a mix (and the seal catches what the disk mangles later).
    public func write(_ payload: [UInt8]) throws(SealError) {
        let bytes = seal(payload)
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .unwritable(path: temporary, reason: Self.lastError()) }
        var ok = bytes.withUnsafeBytes { buf -> Bool in
            var off = 0
            while off < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + off, buf.count - off)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                off += n
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        let reason = ok ? "" : Self.lastError()
        close(fd)
        guard ok else {
            unlink(temporary)
            throw .unwritable(path: temporary, reason: reason)
        }
        guard rename(temporary, path) == 0 else { throw .unwritable(path: path, reason: Self.lastError()) }
        let folder = (path as NSString).deletingLastPathComponent
        let dir = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY)
        if dir >= 0 {
            fsync(dir)
            close(dir)
        }
    }

    /// Moves a refused file aside (`PATH.rejected`), so the operator can look at it and the next save does not
    /// have to overwrite the evidence; returns the new path, or nil when it could not be moved.
    @discardableResult
    public func setAside() -> String? {
        let target = path + ".rejected"
        unlink(target)
        return rename(path, target) == 0 ? target : nil
    }

    /// Removes the copies a tenant erasure must not leave behind: the refused file (`PATH.rejected`), a
    /// temporary file a killed save left, and with `current` the file itself; the folder is synced after.
    /// Returns the paths removed.
    @discardableResult
    public func removeStale(current: Bool = false) -> [String] {
        var removed: [String] = []
        for p in (current ? [path] : []) + [path + ".rejected", path + ".tmp"] where unlink(p) == 0 { removed.append(p) }
        let folder = (path as NSString).deletingLastPathComponent
        let dir = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY)
        if dir >= 0 {
            fsync(dir)
            close(dir)
        }
        return removed
    }

    private static func kindBytes(_ kind: String) -> [UInt8] {
        Array(kind.utf8) + [UInt8](repeating: 0, count: 8 - kind.utf8.count)
    }

    private static func little<T: FixedWidthInteger>(_: T.Type, _ bytes: [UInt8], at offset: Int) -> T {
        var v: T = 0
        for i in 0..<MemoryLayout<T>.size { v |= T(bytes[offset + i]) << (8 * i) }
        return v
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
