//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Testing

@testable import LeadstreamCore

/// An `application/json` body as the one NDJSON line it stands for (`JSONSyntax.oneLine`).
@Suite struct JSONDocumentLineTests {
    func oneLine(_ text: String) -> String? {
        JSONSyntax.oneLine(Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func aPrettyPrintedObjectBecomesOneLineWithItsStringsUntouched() {
        let text = "\n{\r\n  \"type\": \"lead.created\",\n  \"note\": \"two\\nlines\",\n  \"n\": {\n    \"a\": 1\n  }\n}\n\n"
        let line = oneLine(text)
        #expect(line == "{    \"type\": \"lead.created\",   \"note\": \"two\\nlines\",   \"n\": {     \"a\": 1   } }")
        #expect(line.map { Array($0.utf8).withUnsafeBytes(JSONSyntax.isObject) } == true)
    }

    @Test func aBodyAlreadyOnOneLineIsLeftAsItIs() {
        #expect(oneLine(#"{"a":1}"#) == nil)
        #expect(oneLine("\n\n" + #"{"a":1}"# + "\n") == nil)
    }

    @Test func ndjsonKeepsItsLinesEvenWithABrokenFirstLine() {
        #expect(oneLine(#"{"a":1}"# + "\n" + #"{"b":2}"#) == nil)
        #expect(oneLine("{broken\n" + #"{"b":2}"# + "\n") == nil)
    }

    /// Read line by line, every line (or all but an array's last element) would be rejected.
    @Test func aBrokenOrNonObjectDocumentOverSeveralLinesIsOneLineToRejectOnce() {
        #expect(oneLine("{\n  \"a\": 1,\n") == "{   \"a\": 1,")
        #expect(oneLine("[\n {\"a\": 1},\n {\"b\": 2}\n]") == "[  {\"a\": 1},  {\"b\": 2} ]")
    }
}
