//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// What one input line turned out to be.
public enum DecodedLine: Sendable {
    /// Empty or only JSON whitespace: ignored (SPEC §2), but still numbered.
    case blank
    /// A valid event, ready for the registry's duplicate and lead-state rules.
    case event(Event)
    /// The line breaks SPEC §2's validation: the first failing rule decides.
    case rejected(Rejection)
}

/// Turns one NDJSON line into a validated `Event` (SPEC §1–§2, step 1).
///
/// This is the ingest hot path, so it avoids Foundation: a strict scanner
/// walks the line once, keeping only the byte offsets of the fields the
/// rules read; then the fields are validated in SPEC order straight from
/// the bytes, and only the values an `Event` keeps become `String`s
/// (identifiers are short, so these are mostly small inline strings that
/// cost no allocation).
public enum EventDecoder {
    /// SPEC §2: a line over 1 MiB is `too_large`, whatever it holds.
    public static let maxLineBytes = 1_048_576

    /// Decodes one line, which excludes its `"\n"`; one trailing `"\r"` is ignored.
    ///
    /// - Parameter account: with an ingest token, the only account accepted
    ///   (another is rejected `forbidden`, SPEC §10); `nil` takes any.
    public static func decode(_ line: UnsafeRawBufferPointer, account: String? = nil) -> DecodedLine {
        // The length first: a huge line is refused without being read.
        guard line.count <= maxLineBytes else {
            return .rejected(Rejection(.tooLarge, field: nil, "line exceeds \(maxLineBytes) bytes"))
        }
        guard let raw = line.baseAddress else { return .blank }
        let p = raw.assumingMemoryBound(to: UInt8.self)
        var n = line.count
        if n > 0, p[n - 1] == 0x0D { n -= 1 }
        var first = 0
        while first < n, p[first] == 0x20 || p[first] == 0x09 || p[first] == 0x0D { first += 1 }
        if first == n { return .blank }

        return withUnsafeTemporaryAllocation(of: JSONSlot.self, capacity: EventKey.count) { slots in
            slots.initialize(repeating: .absent)
            do throws(JSONSyntaxError) {
                try scanObject(p, count: n, from: first, into: slots)
            } catch {
                return .rejected(malformed(error, line: UnsafeRawBufferPointer(start: raw, count: n)))
            }
            do throws(Rejection) {
                return .event(try EventFields(base: p, slots: UnsafeBufferPointer(slots)).event(only: account))
            } catch {
                return .rejected(error)
            }
        }
    }

    /// Decodes a line given as text (tests, one-off callers).
    public static func decode(_ line: some StringProtocol, account: String? = nil) -> DecodedLine {
        var text = String(line)
        return text.withUTF8 { decode(UnsafeRawBufferPointer($0), account: account) }
    }

    /// Decodes a line given as bytes (tests, one-off callers).
    public static func decode(_ line: [UInt8]) -> DecodedLine {
        line.withUnsafeBytes { decode($0) }
    }

    /// The `malformed_json` rejection for a syntax error.
    ///
    /// The reference decodes the whole line as UTF-8 before parsing, so bad
    /// UTF-8 anywhere wins over a syntax error earlier in the line; the
    /// scanner only checks UTF-8 inside strings, so the rest is checked
    /// here, on this (cold) error path.
    private static func malformed(_ error: JSONSyntaxError, line: UnsafeRawBufferPointer) -> Rejection {
        var error = error
        if case .notAnObject = error.reason {
        } else if !UTF8Check.isValid(line) {
            error.reason = .invalidUTF8
        }
        return Rejection(.malformedJSON, field: nil, error.message(in: line))
    }

    /// Scans the line as one JSON object, filling `slots` with the kept keys'
    /// values (the last one wins when a key repeats, as in Python's `json`).
    private static func scanObject(
        _ p: UnsafePointer<UInt8>, count n: Int, from start: Int, into slots: UnsafeMutableBufferPointer<JSONSlot>
    ) throws(JSONSyntaxError) {
        var s = JSONScanner(base: p, count: n, pos: start)
        guard s.byte == UInt8(ascii: "{") else {
            // Any other value: its syntax errors first, like a parser that
            // checks the type of what it parsed.
            _ = try s.scanValue()
            s.skipWhitespace()
            guard s.pos == n else { throw JSONSyntaxError(.extraData, at: s.pos) }
            throw JSONSyntaxError(.notAnObject, at: start)
        }
        s.pos += 1
        s.skipWhitespace()
        if s.byte == UInt8(ascii: "}") {
            s.pos += 1
        } else {
            while true {
                let key = try s.scanKeyAndColon()
                let kept =
                    key.escaped
                    ? matchEscaped(p, key.start, key.end) : EventKey.match(p + key.start, key.end - key.start)
                let slot: JSONSlot
                if s.byte == UInt8(ascii: "\"") {
                    let v = try s.scanString()
                    slot = JSONSlot(kind: .string, escaped: v.escaped, start: Int32(v.start), end: Int32(v.end))
                } else {
                    let valueStart = s.pos
                    let kind = try s.scanValue()
                    slot = JSONSlot(kind: kind, escaped: false, start: Int32(valueStart), end: Int32(s.pos))
                }
                if let kept { slots[kept.rawValue] = slot }
                s.skipWhitespace()
                let b = s.byte
                if b == UInt8(ascii: ",") {
                    let comma = s.pos
                    s.pos += 1
                    s.skipWhitespace()
                    if s.byte == UInt8(ascii: "}") { throw JSONSyntaxError(.trailingCommaInObject, at: comma) }
                } else if b == UInt8(ascii: "}") {
                    s.pos += 1
                    break
                } else {
                    throw JSONSyntaxError(.expectingComma, at: s.pos)
                }
            }
        }
        s.skipWhitespace()
        guard s.pos == n else { throw JSONSyntaxError(.extraData, at: s.pos) }
    }

    /// A key written with escapes (`"\u0074ype"` is `type`).
    private static func matchEscaped(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> EventKey? {
        let bytes = JSONScanner.unescape(p, start: start, end: end)
        return bytes.withUnsafeBufferPointer { b in b.baseAddress.flatMap { EventKey.match($0, b.count) } }
    }
}
