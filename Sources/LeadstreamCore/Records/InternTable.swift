//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// Dense integer ids for the names of one namespace, in first-appearance order.
///
/// Records carry ids, not strings (docs/cluster.md, the record): a name's
/// bytes travel once, in the block where it first appears, and every later
/// record of it is four bytes. Id 0 is always `""` ("none": an unassigned
/// lead, no campaign), so a table is never empty.
public struct InternTable: Sendable, Equatable {
    /// Names by id.
    public private(set) var names: [String] = [""]
    private var ids: [String: UInt32] = ["": 0]

    public init() {}

    public var count: Int { names.count }

    /// The id of `name`, `nil` when it has none yet.
    public func id(_ name: String) -> UInt32? { ids[name] }

    /// The name of `id`; `""` for an id this table never gave (a corrupt record reads as "none").
    public func name(_ id: UInt32) -> String { Int(id) < names.count ? names[Int(id)] : "" }

    /// The id of `name`, giving it the next one when it has none; `isNew` tells the caller to record it.
    public mutating func intern(_ name: String) -> (id: UInt32, isNew: Bool) {
        if let id = ids[name] { return (id, false) }
        let id = UInt32(names.count)
        ids[name] = id
        names.append(name)
        return (id, true)
    }

    /// The name an erased slot holds: not an identifier (SPEC §1 has no `#`), so no event can ever use it.
    public static func erasedName(_ id: UInt32) -> String { "#\(id)" }

    /// Whether `id` is a slot whose name was erased.
    public func isErased(_ id: UInt32) -> Bool { Int(id) < names.count && names[Int(id)] == Self.erasedName(id) }

    /// Forgets the name of `id` (tenant erasure): the slot stays taken, so no later id moves, and the name is
    /// free to get a new id when it is used again.
    public mutating func erase(_ id: UInt32) {
        guard id != 0, Int(id) < names.count else { return }
        ids.removeValue(forKey: names[Int(id)])
        names[Int(id)] = Self.erasedName(id)
        ids[names[Int(id)]] = id
    }

    /// Learns a definition read from a record; `false` when it contradicts what the table holds.
    public mutating func define(_ id: UInt32, _ name: String) -> Bool {
        if Int(id) < names.count { return names[Int(id)] == name }
        guard Int(id) == names.count, ids[name] == nil else { return false }
        names.append(name)
        ids[name] = id
        return true
    }
}

/// The accounts' dense ids, which records carry instead of the account's
/// name. Each account's own names (offices, users, campaigns) are in its
/// state (`AccountState.names`); lead ids need no table: a lead's id is its
/// index in its account's rows, which the gateway and the aggregator both
/// fill in creation order.
public struct InternedNames: Sendable, Equatable {
    public private(set) var accounts = InternTable()

    public init() {}

    public func account(_ id: UInt32) -> String { accounts.name(id) }

    public mutating func internAccount(_ name: String) -> (id: UInt32, isNew: Bool) { accounts.intern(name) }

    public mutating func defineAccount(_ id: UInt32, _ name: String) -> Bool { accounts.define(id, name) }

    /// Forgets an account's name, keeping its id's slot (tenant erasure).
    public mutating func eraseAccount(_ id: UInt32) { accounts.erase(id) }

    /// Learns an `erasedAccount` entry: the slot `id`, with no name. A slot already known is erased now (a
    /// consumer that had the name from an earlier block).
    public mutating func defineErasedAccount(_ id: UInt32) -> Bool {
        if Int(id) < accounts.count {
            accounts.erase(id)
            return id != 0
        }
        return accounts.define(id, InternTable.erasedName(id))
    }
}
