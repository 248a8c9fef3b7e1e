//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// Appends one JSON object per line straight to a byte buffer.
///
/// The generator feeds `leadstream load` at over a million events per second,
/// so it writes bytes, not `JSONValue`s or `String`s. Every value it writes is
/// an identifier, a name from SPEC §2–§4 or a timestamp, none of which needs
/// escaping, so keys and values are copied as they are.
struct LineWriter {
    var bytes: [UInt8]
    private var first = true

    init(into bytes: [UInt8]) { self.bytes = bytes }

    mutating func begin() {
        bytes.append(UInt8(ascii: "{"))
        first = true
    }

    mutating func end() {
        bytes.append(UInt8(ascii: "}"))
        bytes.append(0x0A)
    }

    private mutating func key(_ name: StaticString) {
        if !first { bytes.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")]) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: " ")])
    }

    mutating func string(_ name: StaticString, _ value: String) {
        key(name)
        bytes.append(UInt8(ascii: "\""))
        var v = value
        v.withUTF8 { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `"name": "<prefix><n>"`, e.g. `"lead_id": "L42"`, without building a String.
    mutating func numbered(_ name: StaticString, prefix: UInt8, _ n: Int, width: Int = 0) {
        key(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(prefix)
        decimal(n, width: width)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func bool(_ name: StaticString, _ value: Bool) {
        key(name)
        let text: StaticString = value ? "true" : "false"
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func strings(_ name: StaticString, _ values: [String]) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")]) }
            var v = v
            bytes.append(UInt8(ascii: "\""))
            v.withUTF8 { bytes.append(contentsOf: $0) }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// An unknown nested field, as CRM front ends send (SPEC §2 ignores it).
    mutating func raw(_ name: StaticString, _ json: StaticString) {
        key(name)
        json.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// An RFC 3339 time: `microseconds` since the epoch (UTC), written in a
    /// producer's local offset with 0, 3 or 6 fraction digits.
    mutating func timestamp(_ name: StaticString, microseconds: Int64, offsetMinutes: Int, fractionDigits: Int) {
        key(name)
        let local = microseconds + Int64(offsetMinutes) * 60_000_000
        let seconds = local >= 0 ? local / 1_000_000 : (local - 999_999) / 1_000_000
        let micros = Int(local - seconds * 1_000_000)
        let dayNumber = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - dayNumber * 86_400)
        let (y, m, d) = Day(number: Int32(dayNumber)).civil
        bytes.append(UInt8(ascii: "\""))
        decimal(y, width: 4)
        bytes.append(UInt8(ascii: "-"))
        decimal(m, width: 2)
        bytes.append(UInt8(ascii: "-"))
        decimal(d, width: 2)
        bytes.append(UInt8(ascii: "T"))
        decimal(secondOfDay / 3600, width: 2)
        bytes.append(UInt8(ascii: ":"))
        decimal(secondOfDay / 60 % 60, width: 2)
        bytes.append(UInt8(ascii: ":"))
        decimal(secondOfDay % 60, width: 2)
        if fractionDigits == 3 {
            bytes.append(UInt8(ascii: "."))
            decimal(micros / 1000, width: 3)
        } else if fractionDigits == 6 {
            bytes.append(UInt8(ascii: "."))
            decimal(micros, width: 6)
        }
        if offsetMinutes == 0 {
            bytes.append(UInt8(ascii: "Z"))
        } else {
            bytes.append(UInt8(ascii: offsetMinutes > 0 ? "+" : "-"))
            decimal(abs(offsetMinutes) / 60, width: 2)
            bytes.append(UInt8(ascii: ":"))
            decimal(abs(offsetMinutes) % 60, width: 2)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A non-negative integer in decimal, zero-padded to `width`.
    private mutating func decimal(_ n: Int, width: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var v = n
        withUnsafeMutableBytes(of: &digits) { buf in
            repeat {
                buf[count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            } while v > 0
            while count < width {
                buf[count] = UInt8(ascii: "0")
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(buf[i]) }
        }
    }
}
