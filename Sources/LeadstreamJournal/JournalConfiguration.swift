/// How the journal trades commit latency for what it survives.
///
/// Both modes run SQLite in WAL mode; they differ in `PRAGMA synchronous`:
///
/// - ``Durability/full`` (default): every commit fsyncs the WAL before `append` returns. An acknowledged
///   event survives a killed process *and* a power loss or kernel crash.
/// - ``Durability/normal``: a commit only `write(2)`s the WAL; fsync happens at checkpoints. An acknowledged
///   event survives a killed process (`kill -9`: the bytes are in the OS page cache, which outlives the
///   process), but the last commits before a power loss can be lost. The database is never corrupted.
///
/// The gateway's promise is "a process that is killed loses no acknowledged event", which `normal`
/// meets; `full` is the default because an acknowledgement is a promise to a client who will not resend,
/// and group commit makes its cost small for batched traffic (docs/journal.md has the figures).
public struct JournalConfiguration: Sendable, Hashable {
    /// What a commit survives before `append` returns.
    public enum Durability: String, Sendable, Hashable, CaseIterable {
        /// `PRAGMA synchronous = FULL`: survives process kill and power loss.
        case full
        /// `PRAGMA synchronous = NORMAL`: survives process kill, not power loss.
        case normal

        var pragmaValue: String {
            switch self {
            case .full: "FULL"
            case .normal: "NORMAL"
            }
        }
    }

    /// `PRAGMA synchronous` for the writer and readers.
    public var durability: Durability
    /// The WAL size, in pages, that triggers an automatic checkpoint (SQLite's default is 1000, which is
    /// 64 MiB with 64 KiB pages). Larger values make checkpoints rarer but the WAL, and a crash recovery,
    /// longer; between 63 and 1000 pages of 64 KiB the measured throughput did not change.
    public var autoCheckpointPages: Int

    /// The page size of a *new* journal file, in bytes (a power of two, 512–65536); an existing file keeps
    /// its own. The default, 64 KiB, means 16× fewer WAL frames than SQLite's 4 KiB, so fewer write calls,
    /// checksums and B-tree splits per event: +40 % for batches of 1,000 (docs/journal.md). It costs
    /// single-event commits about a quarter of their rate, since each commit writes at least one whole page;
    /// the gateway's traffic is batched and group commit merges the rest.
    public var pageSize: Int

    public init(durability: Durability = .full, autoCheckpointPages: Int = 1000, pageSize: Int = 65536) {
        self.durability = durability
        self.autoCheckpointPages = autoCheckpointPages
        self.pageSize = pageSize
    }
}
