//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// Which partition holds each account, and where each partition listens (docs/partitions.md).
///
/// A deployment of P partitions runs P gateways (each with its own journal and sequence) and P aggregators;
/// every account lives in exactly one of them. The owner of an account is `accounts[account]` when the map
/// names it (an account that was moved), otherwise the account's stable hash modulo P. The hash is FNV-1a
/// (64 bits) of the account's UTF-8 bytes: the same in every process, release and language, unlike Swift's
/// seeded `Hasher`, so a map file read anywhere places every account identically.
public struct PartitionMap: Sendable, Hashable, Codable {
    /// Where one partition's public endpoints are, as its clients connect to them.
    public struct Endpoints: Sendable, Hashable, Codable {
        /// The gateway's ingest ROUTER (`send`, `load`, `validate`'s replay).
        public var ingest: String
        /// The aggregator's query ROUTER (`report`, `subscribe`'s snapshot, the web face, `validate`, `status`).
        public var query: String
        /// The aggregator's PUB (`subscribe`, the web face).
        public var publish: String
        /// The gateway's HTTP address (`POST /v1/events`), when it serves one.
        public var http: String?

        /// The endpoint of one kind.
        public subscript(kind: Kind) -> String {
            switch kind {
            case .ingest: ingest
            case .query: query
            case .publish: publish
            }
        }

        /// The ZeroMQ endpoints a client connects to.
        public enum Kind: Sendable, Hashable { case ingest, query, publish }

        public init(ingest: String, query: String, publish: String, http: String? = nil) {
            self.ingest = ingest
            self.query = query
            self.publish = publish
            self.http = http
        }
    }

    /// Grows by one with every change of the map (an account moved, a partition added), so a component
    /// holding an older map can tell.
    public var epoch: Int
    public var partitions: [Endpoints]
    /// Accounts placed against their hash (moved accounts), by name.
    public var accounts: [String: Int]
    /// Accounts being moved (`leadstream move`), each with the partition it moves from: no partition admits their
    /// events meanwhile, so a history is copied whole before its account takes new events in its new partition,
    /// and their reports are still answered where the whole history is, the partition they move from.
    public var moving: [String: Int]

    public init(epoch: Int = 1, partitions: [Endpoints], accounts: [String: Int] = [:], moving: [String: Int] = [:]) {
        self.epoch = epoch
        self.partitions = partitions
        self.accounts = accounts
        self.moving = moving
    }

    enum CodingKeys: String, CodingKey { case epoch, partitions, accounts, moving }

    /// `accounts` and `moving` may be left out of the file (none).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        epoch = try c.decode(Int.self, forKey: .epoch)
        partitions = try c.decode([Endpoints].self, forKey: .partitions)
        accounts = try c.decodeIfPresent([String: Int].self, forKey: .accounts) ?? [:]
        moving = try c.decodeIfPresent([String: Int].self, forKey: .moving) ?? [:]
    }

    /// The partition that holds `account`.
    public func owner(of account: String) -> Int {
        if let placed = accounts[account] { return placed }
        return Self.hashedOwner(of: account, count: partitions.count)
    }

    /// The partition that answers `account`'s reports: the one it moves from while it is moving, else its owner.
    public func server(of account: String) -> Int { moving[account] ?? owner(of: account) }

    /// Where the hash alone places `account` among `count` partitions.
    public static func hashedOwner(of account: String, count: Int) -> Int {
        count <= 1 ? 0 : Int(stableHash(account) % UInt64(count))
    }

    /// FNV-1a, 64 bits, over the account's UTF-8 bytes.
    public static func stableHash(_ account: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in account.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    /// Why the map cannot be used, or `nil`.
    public var problem: String? {
        if partitions.isEmpty { return "the map names no partition" }
        if let (account, index) = accounts.merging(moving, uniquingKeysWith: { a, _ in a })
            .first(where: { !partitions.indices.contains($0.value) })
        {
            return "account '\(account)' is placed in partition \(index), but the map has \(partitions.count)"
        }
        return nil
    }
}
