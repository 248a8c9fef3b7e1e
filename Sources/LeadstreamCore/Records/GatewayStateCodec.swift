//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// The gateway's whole admitting state as bytes: its checkpoint, so a restart replays only the journal after it.
///
/// The aggregator's encoding (`RegistryCodec`: rows, settings, names, counts) followed by what admitting new
/// events needs beyond it: each account's accepted event ids (SPEC §2's duplicates). The lead positions and
/// the days index are rebuilt from the rows on decode, so they cannot disagree with them.
///
/// Layout: `version:u8` `registry` (RegistryCodec) `accounts:u32` then per account, in name order,
/// `name` `ids:u32` `id*` (strings are `u32` length + UTF-8).
public enum GatewayStateCodec {
    /// Raised with any change here or in `RegistryCodec`'s layout.
    public static let version: UInt8 = 1

    public static func encode(_ state: RecordingRegistry) -> [UInt8] {
        var w = ByteWriter()
        w.u8(version)
        w.bytes += RegistryCodec.encode(state.registry, names: state.names)
        let accounts = state.registry.accounts.sorted(by: { $0.key < $1.key })
        w.u32(UInt32(accounts.count))
        for (name, account) in accounts {
            w.string(name)
            w.u32(UInt32(account.eventIDs.count))
            for id in account.eventIDs { w.string(id) }
        }
        return w.bytes
    }

    /// Decodes bytes made by `encode`; `nil` when they are not (the checkpoint's seal catches damage first).
    public static func decode(_ bytes: [UInt8]) -> RecordingRegistry? {
        var r = ByteReader(bytes)
        guard r.u8() == version, case (var registry, let names)? = RegistryCodec.decode(&r, positions: true),
            let count = r.u32(), Int(count) == registry.accounts.count
        else { return nil }
        for _ in 0..<count {
            guard let name = r.string(), registry.accounts[name] != nil, let ids = r.u32() else { return nil }
            var set = Set<String>(minimumCapacity: Int(ids))
            for _ in 0..<ids {
                guard let id = r.string() else { return nil }
                set.insert(id)
            }
            // Every accepted event has one id: a different count is not this registry's.
            guard set.count == registry.accounts[name]!.accepted else { return nil }
            registry.accounts[name]!.eventIDs = set
        }
        return r.atEnd ? RecordingRegistry(registry: registry, names: names) : nil
    }
}
