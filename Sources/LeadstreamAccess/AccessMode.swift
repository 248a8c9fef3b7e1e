//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// `--access open|tokens` (SPEC §10).
public enum AccessMode: String, Sendable, Hashable, CaseIterable {
    /// Everyone is answered, as on a single trusted host: the default.
    case open
    /// Every request needs a token, and answers stay within its scope.
    case tokens
}

/// Whether an address stays on this host: the check behind "a component that
/// binds beyond loopback refuses to start without tokens and CURVE (and TLS)".
public enum Exposure {
    /// `true` for `inproc://`, `ipc://` and `tcp://` on 127.0.0.0/8,
    /// `localhost` or `[::1]`. A wildcard (`*`, `0.0.0.0`), an interface
    /// name or any other host is exposed.
    public static func isLocal(endpoint: String) -> Bool {
        if endpoint.hasPrefix("inproc://") || endpoint.hasPrefix("ipc://") { return true }
        guard endpoint.hasPrefix("tcp://") else { return false }
        let rest = endpoint.dropFirst("tcp://".count)
        guard let colon = rest.lastIndex(of: ":") else { return false }
        return isLoopback(host: String(rest[..<colon]))
    }

    /// `HOST:PORT` as `--http` takes it.
    public static func isLocal(hostPort: String) -> Bool {
        guard let colon = hostPort.lastIndex(of: ":") else { return false }
        return isLoopback(host: String(hostPort[..<colon]))
    }

    public static func isLoopback(host: String) -> Bool {
        var host = host
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { p in UInt8(p) != nil }
    }
}
