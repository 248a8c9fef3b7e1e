//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import FuzzSupport
import LeadstreamCore

// The record block reader: a journal row's body (`StoredBlock.body`, read back at a gateway's
// restart, by `replay` and by `leadstream journal`) and a forwarded message's body are the same
// bytes. The input is one block; when `RecordBlock` accepts it, every consumer of journal records
// must take it without trapping: the gateway's restart (`RecordingRegistry.replay`), the
// aggregator's merge and a worker's count. What a corrupt block may do is be refused, not crash.

Fuzz.main(
    // The encoder's blocks, and the same blocks with account 1 erased (placeholders, an erased id slot).
    seeds: { lines in
        let blocks = Seeds.blocks(lines).blocks
        return blocks.map(\.bytes) + blocks.compactMap { $0.erasing(account: 1)?.bytes }
    },
    test: { testOneInput($0, $1) })

func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    guard let block = RecordBlock(bytes) else { return 0 }
    var events = 0
    block.forEach { if $0.isEvent { events += 1 } }
    Fuzz.check(events == block.events, "forEach met \(events) events, the block says \(block.events)")
    Fuzz.check(block.eventIDs.count == events, "eventIDs has \(block.eventIDs.count) ids for \(events) events")

    var gateway = RecordingRegistry()
    _ = gateway.replay(block)

    var registry = LeadRegistry()
    var names = InternedNames()
    block.forEach { _ = registry.merge($0, of: block, names: &names, admitting: false) }
    for state in registry.accounts.values { _ = AccountTally(state) }

    _ = CellDelta.of(block, first: 1)

    // Tenant erasure: erasing any account of an accepted block gives an accepted block with as many events.
    var accounts: Set<UInt32> = []
    block.forEach { if let a = $0.account { accounts.insert(a) } }
    for a in accounts {
        guard let erased = block.erasing(account: a) else { continue }
        let again = RecordBlock(erased.bytes)
        Fuzz.check(again?.events == block.events, "erasing account \(a) changed the block's events or broke it")
    }
    return 0
}
