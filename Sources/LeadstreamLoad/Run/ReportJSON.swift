//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation

/// Reads the few things `leadstream load` needs from report JSON.
enum AsOf {
    /// The `N` of `"as_of": {"seq": N}` without parsing the whole report: the
    /// subscriber sees every live result, thousands a second.
    static func sequence(in json: [UInt8]) -> UInt64? {
        json.withUnsafeBufferPointer { p -> UInt64? in
            guard let key = find(Array(#""as_of""#.utf8), in: p, from: 0),
                let seq = find(Array(#""seq""#.utf8), in: p, from: key)
            else { return nil }
            var i = seq + 5
            while i < p.count, p[i] == UInt8(ascii: " ") || p[i] == UInt8(ascii: ":") { i += 1 }
            var value: UInt64 = 0
            var digits = 0
            while i < p.count, p[i] >= UInt8(ascii: "0"), p[i] <= UInt8(ascii: "9") {
                value = value &* 10 &+ UInt64(p[i] - UInt8(ascii: "0"))
                digits += 1
                i += 1
            }
            return digits > 0 ? value : nil
        }
    }

    /// The offset of the last occurrence of `needle` at or after `from` (as_of is near the end).
    private static func find(_ needle: [UInt8], in p: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard p.count >= needle.count else { return nil }
        var i = p.count - needle.count
        while i >= from {
            if p[i] == needle[0], (1..<needle.count).allSatisfy({ p[i + $0] == needle[$0] }) { return i }
            i -= 1
        }
        return nil
    }
}

/// Compares a live result with a query's answer (docs/cluster.md: the message is the
/// report body plus `topic`, `version` and `previous_version`; `as_of` may differ while events still arrive).
public enum ReportComparison {
    public static let ignoredKeys: Set<String> = ["topic", "version", "previous_version", "as_of"]

    /// Nil when both are the same JSON object apart from the ignored keys;
    /// otherwise a short reason (the differing top-level keys).
    public static func difference(published: [UInt8], answered: [UInt8]) -> String? {
        guard let a = object(published) else { return "the published message is not a JSON object" }
        guard let b = object(answered) else { return "the answer is not a JSON object" }
        let keys = Set(a.keys).union(b.keys).subtracting(ignoredKeys)
        let differing = keys.filter { key in
            switch (a[key], b[key]) {
            case (nil, nil): false
            case (let x?, let y?): !equal(x, y)
            default: true
            }
        }
        return differing.isEmpty ? nil : "differs in " + differing.sorted().joined(separator: ", ")
    }

    /// Deep equality of JSONSerialization values (dictionaries, arrays, strings, numbers, null).
    static func equal(_ x: Any, _ y: Any) -> Bool {
        switch (x, y) {
        case (let a as [String: Any], let b as [String: Any]):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { equal(value, $0) } ?? false }
        case (let a as [Any], let b as [Any]):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (let a as String, let b as String):
            return a == b
        case (let a as NSNumber, let b as NSNumber):
            return a == b
        case (is NSNull, is NSNull):
            return true
        default:
            return false
        }
    }

    private static func object(_ bytes: [UInt8]) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }
}
