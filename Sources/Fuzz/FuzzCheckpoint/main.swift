//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import FuzzSupport
import LeadstreamCore

// The aggregator's checkpoint reader. `Checkpoint.load` (LeadstreamAggregator) reads the file and
// hands its bytes to `RegistryCodec.decode`; this target calls the decoder directly so the fuzz build
// does not compile the aggregator's dependencies (token store, crypto, GRDB) for a file read.
// The input is a checkpoint file. When it decodes, the state must be usable as the aggregator uses
// it on load (each account's tally counted from its rows), and a re-encoding must be a fixed point:
// decode(encode(x)) encodes to the same bytes again.

Fuzz.main(
    seeds: { lines in
        // Checkpoints of growing prefixes of the stream, as the aggregator writes them every 5 s.
        let steps = lines.isEmpty ? [0] : [0, lines.count / 8, lines.count / 2, lines.count]
        return steps.map { n in
            let state = Seeds.blocks(Array(lines.prefix(n))).state
            return RegistryCodec.encode(state.registry, names: state.names)
        }
    },
    test: { testOneInput($0, $1) })

func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let (registry, names) = RegistryCodec.decode(Fuzz.bytes(data, size)) else { return 0 }
    for state in registry.accounts.values { _ = AccountTally(state).named(state.names) }
    let once = RegistryCodec.encode(registry, names: names)
    guard let (again, againNames) = RegistryCodec.decode(once) else {
        Fuzz.check(false, "a re-encoded checkpoint does not decode")
        return 0
    }
    Fuzz.check(RegistryCodec.encode(again, names: againNames) == once, "re-encoding is not a fixed point")
    return 0
}
