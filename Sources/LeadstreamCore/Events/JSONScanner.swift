//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// The kind of a JSON value, which is all the event rules need to know about
/// most values ("is it a string?", "is it null?").
enum JSONKind: UInt8 {
    /// The key did not occur.
    case absent
    case null, bool, number, string, array, object
}

/// A strict RFC 8259 scanner over one line's bytes.
///
/// Foundation's decoders build a dictionary of boxed values per line and are
/// an order of magnitude too slow for the ingest rate leadstream targets, so
/// the decoder walks the bytes itself: the scanner checks every value's
/// syntax (nested values of unknown fields included) but materialises
/// nothing; callers keep byte offsets of the few values they need and decode
/// those later. Containers are walked iteratively, so deep nesting cannot
/// overflow the stack.
///
/// Positions are byte offsets into the line. Past the end `byte` reads as 0,
/// which no grammar rule accepts outside a string, so most checks need no
/// separate bounds test. Error positions and wording follow Python's `json`
/// module, which the fixtures' messages come from (see `JSONSyntaxError`).
struct JSONScanner {
    let base: UnsafePointer<UInt8>
    let count: Int
    var pos: Int

    init(base: UnsafePointer<UInt8>, count: Int, pos: Int = 0) {
        self.base = base
        self.count = count
        self.pos = pos
    }

    /// The byte at `pos`, or 0 at the end.
    @inline(__always) var byte: UInt8 { pos < count ? base[pos] : 0 }

    @inline(__always) func byte(at i: Int) -> UInt8 { i < count ? base[i] : 0 }

    @inline(__always) mutating func skipWhitespace() {
        while pos < count {
            let b = base[pos]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            pos += 1
        }
    }

    // MARK: - Scalars

    /// Scans the string starting at `pos` (a `"`); returns its content's
    /// offsets (between the quotes) and whether it holds escapes.
    @inline(__always)
    mutating func scanString() throws(JSONSyntaxError) -> (start: Int, end: Int, escaped: Bool) {
        let quote = pos
        pos += 1
        let start = pos
        var escaped = false
        return try JSONScanner.stringClass.withUnsafeBufferPointer { (table) throws(JSONSyntaxError) in
            while true {
                while pos < count, table[Int(base[pos])] == 0 { pos += 1 }
                guard pos < count else { throw JSONSyntaxError(.unterminatedString, at: quote) }
                switch table[Int(base[pos])] {
                case 1:  // closing quote
                    pos += 1
                    return (start, pos - 1, escaped)
                case 2:
                    escaped = true
                    try scanEscape(stringStart: quote)
                case 3:
                    throw JSONSyntaxError(.controlCharacter, at: pos)
                default:
                    let n = UTF8Check.sequenceLength(base, at: pos, count: count)
                    guard n > 0 else { throw JSONSyntaxError(.invalidUTF8, at: pos) }
                    pos += n
                }
            }
        }
    }

    /// Scans one escape sequence at `pos` (a backslash).
    private mutating func scanEscape(stringStart quote: Int) throws(JSONSyntaxError) {
        let backslash = pos
        pos += 1
        guard pos < count else { throw JSONSyntaxError(.unterminatedString, at: quote) }
        switch base[pos] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            pos += 1
        case UInt8(ascii: "u"):
            guard JSONScanner.hex4(base, at: pos + 1, count: count) != nil else {
                throw JSONSyntaxError(.invalidUnicodeEscape, at: backslash)
            }
            pos += 5
        default:
            throw JSONSyntaxError(.invalidEscape, at: backslash)
        }
    }

    /// The value of the four hex digits at `i`, or `nil`.
    static func hex4(_ base: UnsafePointer<UInt8>, at i: Int, count: Int) -> UInt32? {
        guard i + 4 <= count else { return nil }
        var v: UInt32 = 0
        for k in i..<(i + 4) {
            let b = base[k]
            let d: UInt8
            switch b {
            case 0x30...0x39: d = b - 0x30
            case 0x41...0x46: d = b - 0x41 + 10
            case 0x61...0x66: d = b - 0x61 + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    /// Scans a number as Python's `json` does: the longest prefix matching
    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`; what follows is the
    /// caller's to reject (`01` ends after `0`, then `1` is not a delimiter).
    private mutating func scanNumber() throws(JSONSyntaxError) {
        let start = pos
        if byte == UInt8(ascii: "-") { pos += 1 }
        let first = byte
        if first == UInt8(ascii: "0") {
            pos += 1
        } else if first &- 0x31 <= 8 {
            pos += 1
            skipDigits()
        } else {
            if first == UInt8(ascii: "I"), matches("Infinity") {
                throw JSONSyntaxError(.nonStandard("-Infinity"), at: start)
            }
            throw JSONSyntaxError(.expectingValue, at: start)
        }
        if byte == UInt8(ascii: "."), byte(at: pos + 1) &- 0x30 <= 9 {
            pos += 2
            skipDigits()
        }
        if byte | 0x20 == UInt8(ascii: "e") {
            var q = pos + 1
            if byte(at: q) == UInt8(ascii: "+") || byte(at: q) == UInt8(ascii: "-") { q += 1 }
            if byte(at: q) &- 0x30 <= 9 {
                pos = q + 1
                skipDigits()
            }
        }
    }

    @inline(__always) private mutating func skipDigits() {
        while pos < count, base[pos] &- 0x30 <= 9 { pos += 1 }
    }

    /// Whether the bytes at `pos` spell `word` (ASCII).
    private func matches(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard pos + n <= count else { return false }
        for k in 0..<n where base[pos + k] != word.utf8Start[k] { return false }
        return true
    }

    /// Scans the literal `word` at `pos`, or fails with "Expecting value".
    private mutating func scanLiteral(_ word: StaticString) throws(JSONSyntaxError) {
        guard matches(word) else { throw JSONSyntaxError(.expectingValue, at: pos) }
        pos += word.utf8CodeUnitCount
    }

    /// Scans a value that is not a container, and says which kind it was.
    @inline(__always)
    mutating func scanScalar() throws(JSONSyntaxError) -> JSONKind {
        switch byte {
        case UInt8(ascii: "\""):
            _ = try scanString()
            return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try scanNumber()
            return .number
        case UInt8(ascii: "t"):
            try scanLiteral("true")
            return .bool
        case UInt8(ascii: "f"):
            try scanLiteral("false")
            return .bool
        case UInt8(ascii: "n"):
            try scanLiteral("null")
            return .null
        case UInt8(ascii: "N") where matches("NaN"):
            throw JSONSyntaxError(.nonStandard("NaN"), at: pos)
        case UInt8(ascii: "I") where matches("Infinity"):
            throw JSONSyntaxError(.nonStandard("Infinity"), at: pos)
        default:
            throw JSONSyntaxError(.expectingValue, at: pos)
        }
    }

    /// Scans any value at `pos` and says which kind it was.
    mutating func scanValue() throws(JSONSyntaxError) -> JSONKind {
        let b = byte
        guard b == UInt8(ascii: "{") || b == UInt8(ascii: "[") else { return try scanScalar() }
        try scanContainer()
        return b == UInt8(ascii: "{") ? .object : .array
    }

    /// 0: ordinary string byte, 1: `"`, 2: `\`, 3: control character, 4: non-ASCII.
    static let stringClass: [UInt8] = [
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
        4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
        4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
        4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
        4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
        4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
        4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
        4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    ]
}
