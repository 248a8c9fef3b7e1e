//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation

/// One live result as the aggregator publishes it (docs/cluster.md, "Live results"): the report
/// body of SPEC §6–8 with `"topic"`, `"version"` and `"previous_version"` first.
///
/// Only the three keys the Clone pattern needs are parsed; the line itself is kept byte for byte,
/// so `leadstream subscribe` prints exactly what was published.
///
/// ```swift
/// let line = #"{"topic":"exec/acme/2026-W47","version":31,"previous_version":17,"total":12}"#
/// let message = try LiveMessage(json: line)
/// message.topic            // "exec/acme/2026-W47"
/// message.version          // 31
/// message.previousVersion  // 17
/// ```
public struct LiveMessage: Hashable, Sendable {
    /// The topic, e.g. `exec/acme/2026-W47`.
    public var topic: String
    /// The merged sequence the topic's figures are as of: it only grows, also across an
    /// aggregator restart, but not by one per message.
    public var version: Int
    /// The version of the topic's message before this one (0 for its first): the link that makes
    /// a missed message visible.
    public var previousVersion: Int
    /// The JSON line as published, without a trailing newline.
    public var json: String

    public init(topic: String, version: Int, previousVersion: Int, json: String) {
        self.topic = topic
        self.version = version
        self.previousVersion = previousVersion
        self.json = json
    }

    /// Parses `topic`, `version` and `previous_version` out of a published JSON line.
    public init(json: String) throws(LiveMessageError) {
        guard let data = json.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw LiveMessageError(reason: "not a JSON object", line: json) }
        guard let topic = object["topic"] as? String else {
            throw LiveMessageError(reason: "no string \"topic\"", line: json)
        }
        // `as? Int` refuses 2.5 (NSNumber bridging is exact), so a version is never truncated.
        guard let version = object["version"] as? Int, version >= 1 else {
            throw LiveMessageError(reason: "no positive integer \"version\"", line: json)
        }
        guard let previous = object["previous_version"] as? Int, previous >= 0, previous < version else {
            throw LiveMessageError(reason: "no \"previous_version\" in 0..<version", line: json)
        }
        self.init(topic: topic, version: version, previousVersion: previous, json: json)
    }

    /// Parses a published line given as bytes (the second frame of `[topic, JSON]`).
    public init(bytes: [UInt8]) throws(LiveMessageError) {
        try self.init(json: String(decoding: bytes, as: UTF8.self))
    }

    /// Parses a `snapshot` reply body: NDJSON, one message per non-empty line.
    public static func parseLines(_ body: [UInt8]) throws(LiveMessageError) -> [LiveMessage] {
        var messages: [LiveMessage] = []
        for line in body.split(separator: 0x0A, omittingEmptySubsequences: true) {
            var bytes = Array(line)
            if bytes.last == 0x0D { bytes.removeLast() }
            messages.append(try LiveMessage(bytes: bytes))
        }
        return messages
    }
}

/// A published line or snapshot line that is not a live message.
public struct LiveMessageError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String
    /// The offending line, cut to 200 characters.
    public var line: String

    public init(reason: String, line: String) {
        self.reason = reason
        self.line = String(line.prefix(200))
    }

    public var description: String { "not a live message (\(reason)): \(line)" }
}
