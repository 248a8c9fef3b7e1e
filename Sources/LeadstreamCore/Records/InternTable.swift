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

    /// Learns a definition read from a record; `false` when it contradicts what the table holds.
    public mutating func define(_ id: UInt32, _ name: String) -> Bool {
        if Int(id) < names.count { return names[Int(id)] == name }
        guard Int(id) == names.count, ids[name] == nil else { return false }
        names.append(name)
        ids[name] = id
        return true
    }
}

/// Every interned namespace: accounts, and per account the names its leads
/// use (offices, users and campaigns share one table: one rule, SPEC §1).
/// Lead ids need no table: a lead's id is its index in its account's rows,
/// which both the gateway and the aggregator fill in creation order.
public struct InternedNames: Sendable, Equatable {
    public private(set) var accounts = InternTable()
    /// Indexed by account id (entry 0, for `""`, is never used).
    public private(set) var perAccount: [InternTable] = [InternTable()]

    public init() {}

    public func account(_ id: UInt32) -> String { accounts.name(id) }

    public func names(of account: UInt32) -> InternTable {
        Int(account) < perAccount.count ? perAccount[Int(account)] : InternTable()
    }

    public mutating func internAccount(_ name: String) -> (id: UInt32, isNew: Bool) {
        let r = accounts.intern(name)
        if r.isNew { perAccount.append(InternTable()) }
        return r
    }

    public mutating func intern(_ name: String, in account: UInt32) -> (id: UInt32, isNew: Bool) {
        perAccount[Int(account)].intern(name)
    }

    public mutating func defineAccount(_ id: UInt32, _ name: String) -> Bool {
        guard accounts.define(id, name) else { return false }
        while perAccount.count < accounts.count { perAccount.append(InternTable()) }
        return true
    }

    public mutating func define(_ id: UInt32, _ name: String, in account: UInt32) -> Bool {
        guard Int(account) < perAccount.count, account != 0 else { return false }
        return perAccount[Int(account)].define(id, name)
    }
}
