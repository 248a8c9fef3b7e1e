//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// Why and where a line is not a JSON value.
///
/// The wording and the `line L column C (char N)` suffix are those of
/// Python's `json` module (3.13), in which the fixtures' expected messages
/// were written, e.g. `invalid JSON: Expecting ',' delimiter: line 1 column
/// 61 (char 60)`; positions count characters, not bytes.
struct JSONSyntaxError: Error {
    enum Reason {
        case expectingValue
        case expectingPropertyName
        case expectingColon
        case expectingComma
        case trailingCommaInObject
        case trailingCommaInArray
        case unterminatedString
        case controlCharacter
        case invalidEscape
        case invalidUnicodeEscape
        case extraData
        /// `NaN`, `Infinity` or `-Infinity`: accepted by many encoders, not JSON.
        case nonStandard(StaticString)
        case invalidUTF8
        /// Valid JSON, but not an object.
        case notAnObject
    }

    var reason: Reason
    /// Byte offset in the line.
    var offset: Int

    init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// The message for a person, given the line the offset is in.
    func message(in line: UnsafeRawBufferPointer) -> String {
        let text: String
        switch reason {
        case .invalidUTF8: return "line is not valid UTF-8"
        case .notAnObject: return "event must be a JSON object"
        case .nonStandard(let name): return "invalid JSON: non-standard JSON constant \(name)"
        case .expectingValue: text = "Expecting value"
        case .expectingPropertyName: text = "Expecting property name enclosed in double quotes"
        case .expectingColon: text = "Expecting ':' delimiter"
        case .expectingComma: text = "Expecting ',' delimiter"
        case .trailingCommaInObject: text = "Illegal trailing comma before end of object"
        case .trailingCommaInArray: text = "Illegal trailing comma before end of array"
        case .unterminatedString: text = "Unterminated string starting at"
        case .controlCharacter: text = "Invalid control character at"
        case .invalidEscape: text = "Invalid \\escape"
        case .invalidUnicodeEscape: text = "Invalid \\uXXXX escape"
        case .extraData: text = "Extra data"
        }
        // Python counts characters: every byte but UTF-8 continuation bytes.
        var char = 0
        var lineNumber = 1
        var lineStart = 0
        for i in 0..<min(offset, line.count) where line[i] & 0xC0 != 0x80 {
            if line[i] == 0x0A {
                lineNumber += 1
                lineStart = char + 1
            }
            char += 1
        }
        return "invalid JSON: \(text): line \(lineNumber) column \(char - lineStart + 1) (char \(char))"
    }
}

/// Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates,
/// nothing above U+10FFFF — what Python's decoder refuses too.
enum UTF8Check {
    /// The length of the valid sequence starting at `i` (a byte ≥ 0x80), or 0.
    @inline(__always)
    static func sequenceLength(_ p: UnsafePointer<UInt8>, at i: Int, count: Int) -> Int {
        let lead = p[i]
        @inline(__always) func cont(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < count && p[i + k] >= low && p[i + k] <= high
        }
        switch lead {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xE1...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    /// Whether all of `bytes` is valid UTF-8.
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let raw = bytes.baseAddress else { return true }
        let p = raw.assumingMemoryBound(to: UInt8.self)
        var i = 0
        while i < bytes.count {
            if p[i] < 0x80 {
                i += 1
                continue
            }
            let n = sequenceLength(p, at: i, count: bytes.count)
            guard n > 0 else { return false }
            i += n
        }
        return true
    }
}
