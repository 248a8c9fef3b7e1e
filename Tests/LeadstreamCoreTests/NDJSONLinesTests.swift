//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Testing

@testable import LeadstreamCore

/// Line splitting and numbering of bulk input (SPEC §2, §11).
@Suite struct NDJSONLinesTests {
    /// The lines of `text` as (number, text) pairs.
    func lines(_ text: String) -> [(Int, String)] {
        Array(text.utf8).withUnsafeBytes { buffer in
            NDJSONLines(buffer).map { ($0.number, String(decoding: $0.bytes, as: UTF8.self)) }
        }
    }

    @Test func numbersEveryLineIncludingBlankOnes() {
        let got = lines("a\n\n  \nb\n")
        #expect(got.map(\.0) == [1, 2, 3, 4])
        #expect(got.map(\.1) == ["a", "", "  ", "b"])
    }

    @Test func finalLineWithoutNewlineStillCounts() {
        #expect(lines("a\nb").map(\.1) == ["a", "b"])
        #expect(lines("only").map(\.0) == [1])
    }

    @Test func trailingNewlineAddsNoEmptyLine() {
        #expect(lines("a\n").count == 1)
        #expect(lines("\n\n").map(\.1) == ["", ""])
    }

    @Test func emptyBufferHasNoLines() {
        #expect(lines("").isEmpty)
        #expect(NDJSONLines(UnsafeRawBufferPointer(start: nil, count: 0)).map(\.number).isEmpty)
    }

    @Test func carriageReturnStaysForTheDecoderToIgnore() {
        #expect(lines("a\r\nb\r\n").map(\.1) == ["a\r", "b\r"])
    }
}
