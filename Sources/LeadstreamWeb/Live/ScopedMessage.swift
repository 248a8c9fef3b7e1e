//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamClients
import Foundation
import LeadstreamLive

/// A coordinator's or advisor's view of a topic in the shape of a published
/// message (docs/web.md): `topic`, `version`, `previous_version`, then the
/// report body the aggregator gave that viewer, compact, keys in report order.
enum ScopedMessage {
    static func make(topic: String, version: Int, previousVersion: Int, body: String) -> LiveMessage {
        var json = "{\"topic\":\"\(quoted(topic))\",\"version\":\(version),\"previous_version\":\(previousVersion)"
        let rest = body.drop { $0 != "{" }.dropFirst()
        json += rest.first == "}" ? String(rest) : "," + rest
        return LiveMessage(topic: topic, version: version, previousVersion: previousVersion, json: json)
    }

    /// JSON text without whitespace outside strings: the report's pretty form made compact, byte for
    /// byte what the compact writer would print (the writers differ only in whitespace).
    static func compact(_ pretty: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(pretty.utf8.count)
        var inString = false
        var escaped = false
        for byte in pretty.utf8 {
            if inString {
                out.append(byte)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                out.append(byte)
            } else if byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09 {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The compact body without its `"as_of":{…}` member, to tell a changed view from a newer one.
    static func withoutAsOf(_ body: String) -> String {
        guard let start = body.range(of: #","as_of":{"#) ?? body.range(of: #""as_of":{"#) else { return body }
        guard let end = body[start.upperBound...].firstIndex(of: "}") else { return body }
        return String(body[..<start.lowerBound] + body[body.index(after: end)...])
    }

    private static func quoted(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
