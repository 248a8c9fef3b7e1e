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

    @Test func figuresWithoutAsOfIgnoreOnlyTheSequence() {
        var later = report
        if case .object(var pairs) = later {
            pairs[pairs.count - 1] = ("as_of", .object([("seq", .int(9999))]))
            later = .object(pairs)
        }
        #expect(ScopedMessage.withoutAsOf(report.compact) == ScopedMessage.withoutAsOf(later.compact))
        #expect(!ScopedMessage.withoutAsOf(report.compact).contains("as_of"))
        #expect(ScopedMessage.withoutAsOf(report.compact).hasSuffix(#""empty":[]}"#))
    }
}
