//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Testing

@testable import LeadstreamCore

/// The scanner: strict RFC 8259, `malformed_json` for anything else.
@Suite struct EventDecoderJSONTests {
    @Test func syntaxErrorNamesThePositionLikePython() {
        #expect(
            summary(#"{"type": "lead.created", "event_id": "m1", "account": "acme""#)
                == "malformed_json -: invalid JSON: Expecting ',' delimiter: line 1 column 61 (char 60)")
        // Positions count characters, not bytes.
        #expect(
            summary(#"{"é": 1 "#) == "malformed_json -: invalid JSON: Expecting ',' delimiter: line 1 column 9 (char 8)"
        )
    }

    @Test(arguments: ["[1, 2]", #""lead.created""#, "null", "42", " [] "])
    func topLevelValueThatIsNotAnObjectIsMalformed(line: String) {
        #expect(summary(line) == "malformed_json -: event must be a JSON object")
    }

    @Test(arguments: [("NaN", "NaN"), ("Infinity", "Infinity"), ("-Infinity", "-Infinity")])
    func nonStandardConstantsAreMalformed(value: String, name: String) {
        #expect(
            summary(Line.created(["score": value]))
                == "malformed_json -: invalid JSON: non-standard JSON constant \(name)")
        #expect(summary("[\(value)]") == "malformed_json -: invalid JSON: non-standard JSON constant \(name)")
    }

    @Test func invalidUTF8AnywhereIsMalformedEvenAfterASyntaxError() {
        let good = Array(Line.created(["lead_id": #""m3""#]).utf8)
        let i = good.firstIndex(of: UInt8(ascii: "3"))!
        for bad: [UInt8] in [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            var line = good
            line.insert(contentsOf: bad, at: i + 1)
            #expect(rejection(line)?.message == "line is not valid UTF-8")
        }
        // A syntax error first, bad UTF-8 later: the whole line is not UTF-8.
        #expect(rejection(Array("{x ".utf8) + [0xFF])?.message == "line is not valid UTF-8")
        // Bad UTF-8 outside any string.
        #expect(rejection([UInt8(ascii: "{"), 0xC3])?.message == "line is not valid UTF-8")
    }

    @Test func validMultibyteTextIsAccepted() {
        #expect(summary(Line.created(["note": #""café ☕ 😀""#])) == "accepted")
    }

    @Test(arguments: [
        #"{"a": 1} x"#, #"{"a": 1,}"#, #"{"a" 1}"#, #"{a: 1}"#, #"{'a': 1}"#, #"{"a": [1,]}"#, #"{"a": [1 2]}"#,
        #"{"a": 01}"#, #"{"a": 1.}"#, #"{"a": .5}"#, #"{"a": +1}"#, #"{"a": -}"#, #"{"a": 1e}"#, #"{"a": tru}"#,
        #"{"a": nul}"#, #"{"a": "\x"}"#, #"{"a": "\u12G4"}"#, #"{"a": "open}"#, #"{"a": 1} // c"#, #"{"a": "\"#,
        #"{"a": TRUE}"#, #"{"a": -NaN}"#, "{", #"{"a":"#, "{\"a\": \"tab\there\"}", #"{"a": {"b": 1}"#, "}",
    ])
    func malformedSyntaxIsRejected(line: String) {
        #expect(rejection(line)?.code == .malformedJSON)
        #expect(rejection(line)?.field == nil)
    }

    @Test func rawControlCharacterInsideAStringIsMalformed() {
        let line: [UInt8] = Array(#"{"a": "x"#.utf8) + [0x01] + Array(#""}"#.utf8)
        #expect(rejection(line)?.message == "invalid JSON: Invalid control character at: line 1 column 9 (char 8)")
    }

    @Test func messagesForCommonMistakes() {
        #expect(rejection(#"{"a": 1} x"#)?.message == "invalid JSON: Extra data: line 1 column 10 (char 9)")
        #expect(rejection(#"{"a": }"#)?.message == "invalid JSON: Expecting value: line 1 column 7 (char 6)")
        #expect(
            rejection(#"{"a": "open"#)?.message
                == "invalid JSON: Unterminated string starting at: line 1 column 7 (char 6)")
        #expect(
            rejection(#"{1: 2}"#)?.message
                == "invalid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)")
    }

    @Test(arguments: [
        "-0", "0", "1.5e+10", "0E-2", "-12.25", "1e5", "true", "false", "null", #""\"\\\/\b\f\n\r\t\u00e9""#,
        "[]", "{}", #"[[], {}, [{"x": [null]}]]"#, " \t[ 1 , 2 ] ",
    ])
    func everyJSONValueIsAcceptedInAnUnknownField(value: String) {
        #expect(summary(Line.created(["x": value])) == "accepted")
    }

    @Test func deepNestingIsScannedWithoutRecursion() {
        let depth = 100_000
        let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(summary(Line.created(["x": deep])) == "accepted")
        #expect(rejection(Line.created(["x": String(repeating: "[{\"a\":", count: depth)]))?.code == .malformedJSON)
    }

    @Test func escapesAndSurrogatePairsDecode() throws {
        // Kept values and keys with escapes decode before the rules see them.
        let line =
            #"{"\u0074ype": "lead.deleted", "event_id": "\u0065\u0031", "account": "a.b\u002Dc", "#
            + #""occurred_at": "2026-11-20T10:00:00\u005a", "lead_id": "L\u0031"}"#
        let e = try #require(decodedEvent(line))
        #expect(e.eventID == "e1" && e.account == "a.b-c" && e.leadID == "L1")
        // Messages show decoded text: a pair is one scalar, a lone surrogate U+FFFD.
        #expect(
            rejection(Line.created(["type": #""\ud83d\ude00 \"q\" \\ \u00e9 \ud800x \udc00""#]))?.message
                == "unknown event type '😀 \"q\" \\ é \u{FFFD}x \u{FFFD}'")
    }

    @Test func unescapeHandlesEveryEscape() {
        let text = #"a\"b\\c\/d\be\ff\ng\rh\ti\u0041\u00e9\u20ac\ud83d\ude00\udbff"#
        let bytes = Array(text.utf8)
        let out = bytes.withUnsafeBufferPointer { JSONScanner.unescape($0.baseAddress!, start: 0, end: $0.count) }
        #expect(String(decoding: out, as: UTF8.self) == "a\"b\\c/d\u{8}e\u{C}f\ng\rh\tiAé€😀\u{FFFD}")
    }
}
