//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamClients
import LeadstreamCore
import LeadstreamLive
import Testing

@testable import LeadstreamWeb

@Suite struct ScopedMessageTests {
    let report = JSONValue.object([
        ("report", .string("executive")), ("account", .string("acme")), ("office", .string("o 1")),
        ("note", .string("a \"quoted\", spaced\nline \\ {brace}")), ("share_pct", .double(47.61904761904762)),
        ("by_source", .array([.object([("source", .string("web_chat")), ("leads", .int(5))])])), ("empty", .array([])),
        ("as_of", .object([("seq", .int(1234))])),
    ])

    @Test func thePrettyReportMadeCompactIsWhatTheCompactWriterPrints() {
        #expect(ScopedMessage.compact(report.pretty + "\n") == report.compact)
    }

    @Test func aViewHasTheShapeOfAPublishedMessage() throws {
        let message = ScopedMessage.make(topic: "exec/acme/2026-W47", version: 31, previousVersion: 17, body: report.compact)
        #expect(message.json.hasPrefix(#"{"topic":"exec/acme/2026-W47","version":31,"previous_version":17,"report":"executive""#))
        #expect(message.json.hasSuffix(#""as_of":{"seq":1234}}"#))
        #expect(message.version == 31 && message.previousVersion == 17 && message.topic == "exec/acme/2026-W47")
    }

    @Test func figuresWithoutAsOfIgnoreOnlyTheSequence() throws {
        var pairs = try #require(report.members)
        try #require(pairs.last?.0 == "as_of")
        pairs[pairs.count - 1] = ("as_of", .object([("seq", .int(9999))]))
        let later = JSONValue.object(pairs)
        #expect(later.compact != report.compact)  // the two differ in the sequence…
        #expect(ScopedMessage.withoutAsOf(report.compact) == ScopedMessage.withoutAsOf(later.compact))  // …only
        #expect(!ScopedMessage.withoutAsOf(report.compact).contains("as_of"))
        #expect(ScopedMessage.withoutAsOf(report.compact).hasSuffix(#""empty":[]}"#))
    }
}

extension JSONValue {
    /// An object's members, or nil for another value (for `try #require`).
    var members: [(String, JSONValue)]? { if case .object(let m) = self { m } else { nil } }
}
