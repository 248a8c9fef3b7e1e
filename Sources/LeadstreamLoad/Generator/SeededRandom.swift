//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// The load generator's seeded source (`SplitMix64`) with the draws it needs.
///
/// The stream must be the same bytes for the same seed on every platform and
/// Swift version, so the generator does its own range reduction instead of
/// `Int.random(in:using:)`, whose algorithm the standard library may change.
struct SeededRandom: Sendable {
    private var source: SplitMix64

    init(seed: UInt64) { source = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { source.next() }

    /// Uniform in [0, 1), 53 bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in 0..<n (n > 0); the multiply-high reduction, bias below 2⁻³².
    mutating func below(_ n: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Uniform in the closed range.
    mutating func within(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func element<T>(of items: [T]) -> T { items[below(items.count)] }

    /// About Normal(0, sigma): the Irwin–Hall sum of four uniforms, rescaled. Plain arithmetic
    /// (no `log`/`cos`, whose last bit may differ between C libraries) keeps the bytes portable.
    mutating func gaussian(sigma: Double) -> Double {
        let sum = unit() + unit() + unit() + unit()
        return sigma * (sum - 2) * 1.7320508075688772
    }
}

/// A weighted choice with one draw and a binary search over cumulative weights.
struct WeightedPick<Item: Sendable>: Sendable {
    private let items: [Item]
    private let cumulative: [Double]

    init(_ pairs: [(Item, Double)]) {
        items = pairs.map(\.0)
        var total = 0.0
        cumulative = pairs.map {
            total += $0.1
            return total
        }
    }

    func pick(_ rng: inout SeededRandom) -> Item {
        let x = rng.unit() * cumulative[cumulative.count - 1]
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        return items[lo]
    }
}
