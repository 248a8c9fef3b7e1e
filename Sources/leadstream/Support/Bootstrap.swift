//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import Logging

/// Sets up swift-log once for a long-running command (stderr, the given level)
/// and returns the command's logger.
func bootstrapLogging(level: String, label: String) -> Logger {
    let parsed = Logger.Level(rawValue: level) ?? .info
    LoggingSystem.bootstrap { name in
        var handler = StreamLogHandler.standardError(label: name)
        handler.logLevel = parsed
        return handler
    }
    return Logger(label: label)
}

/// `HOST:PORT` as the `--http` option takes it.
enum HostPort {
    static func parse(_ text: String) throws -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65_535).contains(port), colon != text.startIndex
        else {
            throw UsageError(.invalidValue, "--http takes HOST:PORT, e.g. 127.0.0.1:8080 (got '\(text)')")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port)
    }
}
