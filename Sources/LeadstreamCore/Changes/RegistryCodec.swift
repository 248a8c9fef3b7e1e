//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// The lead rows of a registry, each account's names and the accounts' ids
/// as bytes: the aggregator's checkpoint.
///
/// Event ids and lead positions are left out: the aggregator merges records
/// the gateway already decided, so it never needs them. Names are kept in id order: the
/// rows, and the records merged after the checkpoint, refer to them by id.
public enum RegistryCodec {
    public static let version: UInt8 = 4

    public static func encode(_ registry: LeadRegistry, names: InternedNames) -> [UInt8] {
        var w = ByteWriter()
        w.u8(version)
        w.u64(UInt64(registry.acceptedCount))
        w.u32(UInt32(registry.accounts.count))
        for (name, state) in registry.accounts.sorted(by: { $0.key < $1.key }) {
            w.string(name)
            w.string(state.settings.zone.name)
            w.u8(state.settings.unqualifiedEnabled ? 1 : 0)
            w.u8(state.settings.activeSources.bits)
            w.u64(UInt64(state.accepted))
            w.u32(UInt32(state.names.count))
            for name in state.names.names.dropFirst() { w.string(name) }
            w.u32(UInt32(state.leads.count))
            for lead in state.leads {
                w.string(lead.leadID)
                w.u32(lead.office)
                w.u32(lead.campaign)
                w.u32(lead.user)
                w.u8(lead.leadType.rawValue)
                w.u8(lead.source.rawValue)
                w.u8(lead.deleted ? 1 : 0)
                w.i64(lead.createdAt.microseconds)
                w.u32(UInt32(bitPattern: lead.createdDay.number))
                w.u32(UInt32(lead.history.count))
                for o in lead.history {
                    w.u8(o.status.rawValue)
                    w.u32(o.user)
                    w.i64(o.at.microseconds)
                }
            }
        }
        w.u32(UInt32(names.accounts.count))
        for account in names.accounts.names.dropFirst() { w.string(account) }
        return w.bytes
    }

    /// Decodes bytes made by `encode`; `nil` when they are not (a torn or foreign file).
    public static func decode(_ bytes: [UInt8]) -> (registry: LeadRegistry, names: InternedNames)? {
        var r = ByteReader(bytes)
        guard let decoded = decode(&r, positions: false), r.atEnd else { return nil }
        return decoded
    }

    /// Decodes what `encode` wrote at the reader's position, leaving the reader after it.
    ///
    /// - Parameter positions: also index every lead by its id (`AccountState.positions`), which the gateway
    ///   admits events against; the aggregator merges decided records and keeps none.
    static func decode(_ r: inout ByteReader, positions: Bool) -> (registry: LeadRegistry, names: InternedNames)? {
        // Counts beyond `Int` cannot have been written by `encode`: a foreign file, not a trap (found by fuzzing).
        guard r.u8() == version, let seq = r.u64().flatMap(Int.init(exactly:)), let accounts = r.u32() else { return nil }
        var registry = LeadRegistry()
        registry.acceptedCount = seq
        for _ in 0..<accounts {
            guard let name = r.string(), let zoneName = r.string(), let zone = Zone.named(zoneName), let on = r.u8(),
                let bits = r.u8(), let accepted = r.u64().flatMap(Int.init(exactly:)), let nameCount = r.u32(), nameCount >= 1
            else { return nil }
            var state = AccountState()
            for id in 1..<nameCount {
                guard let name = r.string(), state.names.define(id, name) else { return nil }
            }
            guard let count = r.u32() else { return nil }
            state.settings = AccountSettings(zone: zone, unqualifiedEnabled: on == 1, activeSources: WidgetSourceSet(bits: bits))
            state.accepted = accepted
            for _ in 0..<count {
                guard let lead = r.lead() else { return nil }
                if positions {
                    guard state.insert(lead) else { return nil }  // a lead id twice: not a registry
                } else {
                    state.append(lead)  // the aggregator looks no lead up by its id: no positions
                }
            }
            registry.accounts[name] = state
        }
        var names = InternedNames()
        guard let n = r.u32(), n >= 1 else { return nil }
        for id in 1..<n {
            guard let account = r.string(), names.defineAccount(id, account) else { return nil }
        }
        return (registry, names)
    }
}

extension ByteReader {
    fileprivate mutating func lead() -> Lead? {
        guard let id = string(), let office = u32(), let campaign = u32(), let user = u32(),
            let type = u8().flatMap(LeadType.init(rawValue:)), let source = u8().flatMap(Source.init(rawValue:)),
            let deleted = u8(), let createdAt = i64(), let day = u32(), let n = u32(), n > 0
        else { return nil }
        var history: [StatusOccurrence] = []
        for _ in 0..<n {
            guard let status = u8().flatMap(LeadStatus.init(rawValue:)), let u = u32(), let at = i64() else {
                return nil
            }
            history.append(StatusOccurrence(status: status, user: u, at: Timestamp(microseconds: at)))
        }
        return Lead(
            leadID: id, office: office, campaign: campaign, leadType: type,
            createdAt: Timestamp(microseconds: createdAt), createdDay: Day(number: Int32(bitPattern: day)),
            source: source, user: user, deleted: deleted == 1, history: history)
    }
}
