//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import Synchronization

/// One component's place in a partitioned deployment: the map it was started with (`--partitions FILE`),
/// re-read when the file changes, and its own partition (`--partition K`).
///
/// The file is the one source of truth; a component re-reads it when its modification time changes (checked
/// at most once a second, on use), so an operator who moves an account rewrites the file on every host and
/// each component follows within a second, without a restart. A file that stops parsing is logged by the
/// caller and ignored: the last good map stays in force.
public final class PartitionPlacement: Sendable {
    public let path: String
    public let index: Int
    private let state: Mutex<State>

    private struct State {
        var map: PartitionMap
        var modified: Date?
        var checkedAt: ContinuousClock.Instant
    }

    public init(path: String, index: Int) throws(PartitionMapFile.Failure) {
        let map = try PartitionMapFile.read(path)
        guard map.partitions.indices.contains(index) else {
            throw PartitionMapFile.Failure(
                description: "--partition \(index): the map \(path) has partitions 0..<\(map.partitions.count)")
        }
        self.path = path
        self.index = index
        state = Mutex(State(map: map, modified: Self.modified(path), checkedAt: .now))
    }

    /// The map in force (re-read first when the file changed).
    public var map: PartitionMap {
        state.withLock { s in
            let now = ContinuousClock.now
            if now - s.checkedAt >= .seconds(1) {
                s.checkedAt = now
                let modified = Self.modified(path)
                if modified != s.modified, let fresh = try? PartitionMapFile.read(path),
                    fresh.partitions.indices.contains(index)
                {
                    s.map = fresh
                    s.modified = modified
                }
            }
            return s.map
        }
    }

    /// `nil` when this partition holds `account` and takes its events; otherwise the line's rejection, naming
    /// where it belongs. An account being moved is refused everywhere, except by the move's own copy of its
    /// history (`importing`) into the partition it moves to.
    public func rejection(for account: String, importing: Bool = false) -> Rejection? {
        Self.rejection(for: account, importing: importing, in: map, at: index)
    }

    /// The same against a map already read: the gateway reads the map once per batch, not once per event.
    public static func rejection(for account: String, importing: Bool, in map: PartitionMap, at index: Int) -> Rejection? {
        let owner = map.owner(of: account)
        if owner == index, !importing, map.moving[account] != nil {
            return Rejection(
                .wrongPartition, field: "account",
                "account '\(account)' is moving to partition \(owner): send again in a moment")
        }
        guard owner != index else { return nil }
        return elsewhere(account, owner, map, index, address: "ingest \(map.partitions[owner].ingest)\(map.partitions[owner].http.map { ", http \($0)" } ?? "")")
    }

    /// `nil` when this partition answers `account`'s reports (while it moves: the partition it moves from).
    public func queryRejection(for account: String) -> Rejection? {
        let map = self.map
        let server = map.server(of: account)
        guard server != index else { return nil }
        return Self.elsewhere(account, server, map, index, address: "query \(map.partitions[server].query)")
    }

    private static func elsewhere(_ account: String, _ partition: Int, _ map: PartitionMap, _ index: Int, address: String)
        -> Rejection
    {
        Rejection(
            .wrongPartition, field: "account",
            "account '\(account)' lives in partition \(partition) (\(address)), not in partition \(index)")
    }

    private static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}

/// The `partitions` verb (docs/partitions.md): a client names the accounts it needs; the reply places each
/// one it may see (its own only, for a viewer or ingest token) and lists every partition's endpoints.
public enum PartitionsVerb {
    public struct Request: Codable, Sendable {
        public var accounts: [String]?
        public init(accounts: [String]?) { self.accounts = accounts }
    }

    /// Each named account is placed where it is served: its owner, or while it moves the partition it moves from
    /// (whose gateway refuses its events until the move ends: a routing client sends them again).
    public struct Reply: Codable, Sendable, Equatable {
        public var epoch: Int
        /// The answering component's partition.
        public var partition: Int
        /// 1 for a deployment without a map: every account is here, at the endpoints the client already uses.
        public var count: Int
        public var partitions: [PartitionMap.Endpoints]
        public var accounts: [String: Int]

        public init(epoch: Int, partition: Int, count: Int, partitions: [PartitionMap.Endpoints], accounts: [String: Int]) {
            self.epoch = epoch
            self.partition = partition
            self.count = count
            self.partitions = partitions
            self.accounts = accounts
        }
    }

    /// The reply of a component at `placement` (`nil`: not partitioned) to `body`, for a principal scoped to
    /// `scope` (`nil`: any account); `nil` when the body is not a request.
    public static func answer(_ body: [UInt8], placement: PartitionPlacement?, scope: String?) -> Reply? {
        let asked: [String]
        if body.isEmpty {
            asked = []
        } else {
            guard let request = try? JSONDecoder().decode(Request.self, from: Data(body)) else { return nil }
            asked = request.accounts ?? []
        }
        let visible = asked.filter { scope == nil || $0 == scope }
        guard let placement else {
            return Reply(
                epoch: 0, partition: 0, count: 1, partitions: [],
                accounts: Dictionary(visible.map { ($0, 0) }, uniquingKeysWith: { a, _ in a }))
        }
        let map = placement.map
        return Reply(
            epoch: map.epoch, partition: placement.index, count: map.partitions.count, partitions: map.partitions,
            accounts: Dictionary(visible.map { ($0, map.server(of: $0)) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The request body naming `accounts` (empty when none is named: the reply then only lists partitions).
    public static func encodeRequest(_ accounts: [String]) -> [UInt8] {
        accounts.isEmpty ? [] : Array((try? JSONEncoder().encode(Request(accounts: accounts))) ?? Data())
    }

    public static func encode(_ reply: Reply) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(reply)) ?? Data())
    }
}
