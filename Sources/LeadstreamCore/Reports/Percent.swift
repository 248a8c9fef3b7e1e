//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// SPEC §1: a percentage is `(100·a)/b` in double precision, not rounded;
/// SPEC §6: any percentage whose denominator is 0 is `null`.
@inlinable
public func percent(_ numerator: Int, of denominator: Int) -> Double? {
    denominator == 0 ? nil : Double(100 * numerator) / Double(denominator)
}

extension Period {
    /// `{"id", "from", "to", "timezone"}` (SPEC §5).
    public func json(timezone: String) -> JSONValue {
        .object([
            ("id", .string(id)), ("from", .string(from.isoString)), ("to", .string(to.isoString)),
            ("timezone", .string(timezone)),
        ])
    }
}

/// Identifier order of SPEC §1: by Unicode code point, case-sensitive.
@inlinable
func codePointLess(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}
