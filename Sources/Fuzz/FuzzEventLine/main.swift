//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import FuzzSupport
import LeadstreamCore

// The event line decoder, differentially: every input line is decoded by `EventDecoder` and parsed
// by Foundation's `JSONSerialization`, and the two must agree on whether it is JSON at all and, when
// it is an object, on the whole verdict (`Oracle`): the same event, or the same rejection code and
// field. The only disagreements allowed are the ones docs/decisions.md declares (`declared`).

Fuzz.main(seeds: { lines in lines }, test: { testOneInput($0, $1) })  // the seeds: the fixture lines themselves

func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    // A line is what comes before its "\n": the input's first line.
    var line = Array(Fuzz.bytes(data, size).prefix { $0 != UInt8(ascii: "\n") })
    var decoded = EventDecoder.decode(line)
    // Foundation accepts trailing commas (`{"a": 1,}`, `[1,]`); strict RFC 8259 does not. Such a line
    // must be malformed, and without its trailing commas it is compared like any other.
    if var strict = withoutTrailingCommas(line) {
        Fuzz.check(isMalformed(decoded), "a trailing comma accepted: \(describe(decoded))")
        // `[1, ,]` loses its last comma and has a trailing one again: remove them until none is left.
        while let stricter = withoutTrailingCommas(strict) { strict = stricter }
        line = strict
        decoded = EventDecoder.decode(line)
    }
    if let declared = declared(line) {
        Fuzz.check(declared(decoded), "decoder's \(describe(decoded)) breaks a declared rule")
        return 0
    }
    let parsed: Any
    do { parsed = try JSONSerialization.jsonObject(with: Data(line)) } catch {
        let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        if foundationOnly(reason) { return 0 }
        Fuzz.check(isMalformed(decoded), "Foundation rejects (\(reason)), the decoder says \(describe(decoded))")
        return 0
    }
    guard let object = parsed as? [String: Any] else {
        Fuzz.check(isMalformed(decoded), "not an object for Foundation, the decoder says \(describe(decoded))")
        return 0
    }
    let expected = Oracle.verdict(object)
    Fuzz.check(verdict(decoded) == expected, "decoder: \(describe(decoded)); Foundation + rules: \(expected)")
    return 0
}

/// A rule of docs/decisions.md under which Foundation is no reference, with what the decoder must
/// then say; `nil` when Foundation's verdict applies.
func declared(_ line: [UInt8]) -> ((DecodedLine) -> Bool)? {
    // "A line of only spaces, tabs and `\r` is blank."
    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
        return { if case .blank = $0 { true } else { false } }
    }
    // Lines are UTF-8: Foundation takes a NUL byte as a sign of UTF-16/32 and decodes those; a NUL is
    // never valid in a line's JSON (outside a string it is no token, inside one a control character).
    if line.contains(0) { return isMalformed }
    // Foundation skips a UTF-8 byte-order mark; the decoder, like Python's `json.loads`, refuses it.
    if line.starts(with: [0xEF, 0xBB, 0xBF]) { return isMalformed }
    return nil
}

/// Foundation's refusals that docs/decisions.md declares valid JSON for the decoder: a lone
/// surrogate (it decodes to U+FFFD), nesting deeper than Foundation's 512 levels (unlimited), and a
/// number beyond `Double` (numbers are checked for syntax only). The decoder's verdict is free there.
func foundationOnly(_ reason: String) -> Bool {
    ["surrogate", "no high character", "Too many nested", "not representable"].contains { reason.contains($0) }
}

/// `line` without the commas that only whitespace separates from a `}` or `]` (outside strings),
/// `nil` when it has none. Bytes suffice: in UTF-8 no byte of a multi-byte character is `"` or `\\`.
func withoutTrailingCommas(_ line: [UInt8]) -> [UInt8]? {
    var out: [UInt8] = []
    var inString = false
    var escaped = false
    var removed = false
    for (i, b) in line.enumerated() {
        if inString {
            if escaped {
                escaped = false
            } else if b == UInt8(ascii: "\\") {
                escaped = true
            } else if b == UInt8(ascii: "\"") {
                inString = false
            }
        } else if b == UInt8(ascii: "\"") {
            inString = true
        } else if b == UInt8(ascii: ","),
            let next = line[(i + 1)...].first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }),
            next == UInt8(ascii: "}") || next == UInt8(ascii: "]")
        {
            removed = true
            continue
        }
        out.append(b)
    }
    return removed ? out : nil
}

func isMalformed(_ d: DecodedLine) -> Bool {
    if case .rejected(let r) = d { r.code == .malformedJSON } else { false }
}

func verdict(_ d: DecodedLine) -> Oracle.Verdict? {
    switch d {
    case .blank: nil
    case .event(let e): .event(e)
    case .rejected(let r): .rejected(r.code, r.field)
    }
}

func describe(_ d: DecodedLine) -> String {
    switch d {
    case .blank: "blank"
    case .event(let e): "event \(e)"
    case .rejected(let r): "rejected \(r.summary)"
    }
}
