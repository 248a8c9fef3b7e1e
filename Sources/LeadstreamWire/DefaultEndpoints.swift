//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// SPEC §11's endpoint defaults, once: servers bind them, clients connect to
/// them, and every command and configuration takes its default from here.
/// A user-facing port never moves.
public enum DefaultEndpoints {
    /// The gateway's acknowledged capture (ROUTER): `send`, `load`, and the aggregator's `head`/`replay`.
    public static let ingest = "tcp://127.0.0.1:5550"
    /// The gateway's committed changes to the workers (PUSH).
    public static let forward = "tcp://127.0.0.1:5551"
    /// The workers' partial counts to the aggregator (PULL).
    public static let partials = "tcp://127.0.0.1:5552"
    /// The aggregator's live results (PUB): `subscribe`, the web face.
    public static let publish = "tcp://127.0.0.1:5553"
    /// The aggregator's report queries and snapshots (ROUTER): `report`, the web face.
    public static let query = "tcp://127.0.0.1:5554"
    /// HTTP: events, reports, the live stream, the page, metrics.
    public static let http = "\(httpHost):\(httpPort)"
    public static let httpHost = "127.0.0.1"
    public static let httpPort = 8080
    /// Where a component keeps its files.
    public static let data = "./leadstream-data"
}
