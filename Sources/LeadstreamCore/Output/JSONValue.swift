//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// A JSON document with ordered object keys.
///
/// Reports are printed with their keys in SPEC order, and SPEC §11 wants the
/// offline and online answers to be identical byte for byte, so the output
/// side uses this small value type and one deterministic writer rather than
/// Foundation's encoders (whose key order is unspecified on Linux).
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.double(let x), .double(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .null: h.combine(0)
        case .bool(let v): h.combine(v)
        case .int(let v): h.combine(v)
        case .double(let v): h.combine(v)
        case .string(let v): h.combine(v)
        case .array(let v): h.combine(v)
        case .object(let v):
            for (k, x) in v {
                h.combine(k)
                h.combine(x)
            }
        }
    }

    /// `nil` becomes `null`.
    public static func string(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
    /// A percentage or other ratio; `nil` (a zero denominator) becomes `null`.
    public static func number(_ d: Double?) -> JSONValue { d.map { .double($0) } ?? .null }

    /// The value at `key` of an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.0 == key })?.1
    }
}

extension JSONValue {
    /// Compact UTF-8 JSON (no spaces), the wire form.
    public var compact: String {
        var out = ""
        write(to: &out, indent: nil, level: 0)
        return out
    }

    /// Indented JSON for people (one space per level, like the fixtures).
    public var pretty: String {
        var out = ""
        write(to: &out, indent: " ", level: 0)
        return out
    }

    func write(to out: inout String, indent: String?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): JSONValue.writeDouble(d, to: &out)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            writeContainer(items.map { (nil, $0) }, open: "[", close: "]", to: &out, indent: indent, level: level)
        case .object(let members):
            writeContainer(members.map { ($0.0, $0.1) }, open: "{", close: "}", to: &out, indent: indent, level: level)
        }
    }

    private func writeContainer(
        _ items: [(String?, JSONValue)], open: String, close: String, to out: inout String, indent: String?, level: Int
    ) {
        out += open
        guard !items.isEmpty else { return out += close }
        for (i, (key, value)) in items.enumerated() {
            if i > 0 { out += "," }
            if let indent { out += "\n" + String(repeating: indent, count: level + 1) }
            if let key {
                JSONValue.writeString(key, to: &out)
                out += indent == nil ? ":" : ": "
            }
            value.write(to: &out, indent: indent, level: level + 1)
        }
        if let indent { out += "\n" + String(repeating: indent, count: level) }
        out += close
    }

    /// Shortest round-trip form; integral values keep a `.0` so readers see a float.
    static func writeDouble(_ d: Double, to out: inout String) {
        guard d.isFinite else { return out += "null" }
        out += d.description
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        var plainStart = s.utf8.startIndex
        let utf8 = s.utf8
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let b = utf8[i]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 {
                out += String(s[plainStart..<i])
                switch b {
                case UInt8(ascii: "\""): out += "\\\""
                case UInt8(ascii: "\\"): out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                default:
                    let hex = Array("0123456789abcdef")
                    out += "\\u00" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 0xF)])
                }
                plainStart = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        out += String(s[plainStart..<utf8.endIndex])
        out += "\""
    }
}
