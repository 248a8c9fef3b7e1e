//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import FuzzSupport
import LeadstreamCore

// The change/partial codecs on both of their network edges. The input is read twice:
//   - as a worker's `partial` reply, which the aggregator decodes (`Partial(decoding:)`): a decoded
//     partial must encode back to exactly the input (the layout has no slack), and name its sequences;
//   - as a forwarded `changes` message, `id:u64 (big-endian, the id frame) block`, which a worker
//     counts (`Partial(counting:first:)`): the result must survive its own encoding.

Fuzz.main(
    seeds: { lines in
        var first: UInt64 = 1
        var seeds: [[UInt8]] = []
        for block in Seeds.blocks(lines).blocks {
            if let partial = Partial(counting: block.bytes, first: first) { seeds.append(partial.encoded) }
            seeds.append(bigEndian(first) + block.bytes)
            first += UInt64(block.events)
        }
        return seeds
    },
    test: { testOneInput($0, $1) })

func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    if let partial = Partial(decoding: bytes) {
        Fuzz.check(partial.encoded == bytes, "a decoded partial encodes to other bytes")
        Fuzz.check(partial.sequences.count == partial.block.events, "sequences do not match the block")
    }
    if bytes.count >= 8, let partial = Partial(counting: Array(bytes[8...]), first: readBigEndian(bytes[0..<8])) {
        _ = partial.sequences
        let again = Partial(decoding: partial.encoded)
        Fuzz.check(again?.encoded == partial.encoded, "a counted partial does not decode back")
    }
    return 0
}

func bigEndian(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: v >> (56 - 8 * UInt64($0))) } }

func readBigEndian(_ b: ArraySlice<UInt8>) -> UInt64 { b.reduce(0) { $0 << 8 | UInt64($1) } }
