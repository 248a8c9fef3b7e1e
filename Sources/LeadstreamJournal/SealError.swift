/// Why a sealed file (a checkpoint) was refused: each case names one way a file goes bad, so a test and an
/// operator's log can tell a torn write from a flipped bit from a file of another release.
public enum SealError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Shorter (or longer) than its header says: a torn write or a truncated copy.
    case truncated(path: String, size: Int, expected: Int)
    /// The header does not name this kind of file.
    case wrongKind(path: String, expected: String)
    /// A payload encoding this release does not read.
    case wrongVersion(path: String, found: UInt32, expected: UInt32)
    /// The SHA-256 does not match: some byte changed after it was written.
    case checksumMismatch(path: String)
    /// The checksum matched but the payload did not decode (a bug, or a file sealed by a broken writer).
    case undecodable(path: String, reason: String)
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .truncated(let path, let size, let expected):
            "\(path): truncated (\(size) bytes, the header says \(expected))"
        case .wrongKind(let path, let expected): "\(path): not a \(expected) file"
        case .wrongVersion(let path, let found, let expected):
            "\(path): format version \(found); this leadstream reads version \(expected)"
        case .checksumMismatch(let path): "\(path): checksum mismatch (the file changed after it was written)"
        case .undecodable(let path, let reason): "\(path): checksum matches but the payload does not decode: \(reason)"
        case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
        case .unwritable(let path, let reason): "\(path): cannot write: \(reason)"
        }
    }
}
