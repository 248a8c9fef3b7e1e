/// Why an operation on the journal failed.
public enum JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The journal was closed before the batch could be committed; nothing of it was acknowledged.
    case closed
    /// An earlier commit failed. After a failed fsync the state of the file is uncertain (a later fsync can
    /// report success for pages the kernel already dropped), so the journal refuses further writes rather
    /// than acknowledge on top of a hole; reopening runs SQLite's recovery and resumes from what is on disk.
    case failed(String)
    /// SQLite refused a statement.
    case sqlite(code: Int32, message: String)
    /// A read was asked for something that cannot exist (a limit below zero).
    case invalidArgument(String)
    /// A stored block's checksum does not match its bytes: the file was damaged after the commit. Nothing is
    /// rebuilt or replayed from it; the journal is the source of truth, so this needs an operator (a backup).
    case corrupt(first: UInt64, last: UInt64)
    /// The disk is full (`SQLITE_FULL`): the transaction was rolled back, nothing of it is in the journal, and
    /// the journal keeps taking appends (they succeed once space returns). Unlike `failed`, nothing is uncertain:
    /// SQLite's write failed before its commit, so no fsync was asked to vouch for lost pages.
    case full(String)

    public var description: String {
        switch self {
        case .closed: "journal is closed"
        case .failed(let reason): "journal stopped after a failed commit: \(reason)"
        case .sqlite(let code, let message): "sqlite error \(code): \(message)"
        case .invalidArgument(let message): "invalid argument: \(message)"
        case .full(let reason): "journal disk full, nothing committed: \(reason)"
        case .corrupt(let first, let last):
            "journal block \(first)…\(last) fails its checksum: the file was damaged after it was written"
        }
    }
}
