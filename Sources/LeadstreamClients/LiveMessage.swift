//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore

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
    ///
    /// The aggregator writes them first, compact (`{"topic":"…","version":N,"previous_version":M,…`): such a
    /// line is checked for syntax and read without building the object (the web face reads every message);
    /// any other spelling is parsed whole.
    public init(json: String) throws(LiveMessageError) {
        var json = json
        if let (topic, version, previous, valid) = json.withUTF8({ Self.prefix(UnsafeRawBufferPointer($0)) }) {
            guard valid else { throw LiveMessageError(reason: "not a JSON object", line: json) }
            guard version >= 1 else { throw LiveMessageError(reason: "no positive integer \"version\"", line: json) }
            guard previous <= version else {
                throw LiveMessageError(reason: "no \"previous_version\" in 0...version", line: json)
            }
            self.init(topic: topic, version: version, previousVersion: previous, json: json)
            return
        }
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
        // Equal to `version`: a correction (a repair restating the figures at that version).
        guard let previous = object["previous_version"] as? Int, previous >= 0, previous <= version else {
            throw LiveMessageError(reason: "no \"previous_version\" in 0...version", line: json)
        }
        self.init(topic: topic, version: version, previousVersion: previous, json: json)
    }

    /// The three keys of the aggregator's own prefix when the line starts with it, and whether the whole line is
    /// one JSON object (the scanner of the event decoder, which refuses what SPEC §2 refuses, trailing commas too).
    private static func prefix(_ b: UnsafeRawBufferPointer) -> (String, Int, Int, Bool)? {
        var i = 0
        func literal(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard b.count - i >= n, memcmp(b.baseAddress! + i, s.utf8Start, n) == 0 else { return false }
            i += n
            return true
        }
        func number() -> Int? {
            var v = 0, digits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39, digits < 18 {
                v = v * 10 + Int(b[i] - 0x30)
                i += 1
                digits += 1
            }
            // A leading zero is JSON only alone.
            return digits == 0 || (digits > 1 && b[i - digits] == 0x30) ? nil : v
        }
        guard literal(#"{"topic":""#) else { return nil }
        let start = i
        while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\"), b[i] >= 0x20 { i += 1 }
        let end = i
        guard literal(#"","version":"#), let version = number(), literal(#","previous_version":"#),
            let previous = number(), i < b.count, b[i] == UInt8(ascii: ",") || b[i] == UInt8(ascii: "}")
        else { return nil }
        let topic = String(decoding: UnsafeRawBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        return (topic, version, previous, JSONSyntax.isObject(b))
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
