//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import LeadstreamPartitions
import LeadstreamWire
import ZeroMQ

/// `leadstream move --account A --to K` (docs/partitions.md): an account's whole history from its partition
/// into another, through the partition map.
///
/// 1. **Freeze.** The map is rewritten with the account placed in `K` and listed as `moving`; the tool waits
///    until every gateway answers with that map. From then no gateway admits the account's events (a routing
///    client gets `wrong_partition` for them and sends them again a moment later); its reports are still
///    answered by the partition it moves from, which holds its whole history.
/// 2. **Copy.** Once the source's head stops moving (what it admitted before the freeze is committed), the
///    account's events are read from the source's journal (`replay`), as event lines, in journal order, saved
///    beside the map, and sent to `K` with `import=1`, the one kind of batch a frozen account admits. Every
///    line must be accepted (or, when a move is resumed, be a duplicate of the copy sent before): the same
///    events in the same order rebuild the same state, event-id dedupe and `as_of` (the account's own count),
///    so the topics' versions keep growing.
/// 3. **Release.** The map drops the account from `moving`: it lives in `K` from now on. The source's copy is
///    no longer served (its aggregator answers `wrong_partition` for the account); `leadstream erase` removes it.
public struct AccountMove {
    public struct Outcome: Sendable {
        public var account: String
        public var from: Int
        public var to: Int
        public var events: Int
        public var epoch: Int
        public var copy: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public var mapPath: String
    public var account: String
    public var target: Int
    public var token: String?
    public var security: SocketSecurity
    public var log: (String) -> Void

    public init(
        mapPath: String, account: String, target: Int, token: String?, security: SocketSecurity,
        log: @escaping (String) -> Void = { _ in }
    ) {
        self.mapPath = mapPath
        self.account = account
        self.target = target
        self.token = token
        self.security = security
        self.log = log
    }

    public func run(context: ZMQContext) throws -> Outcome {
        var map = try PartitionMapFile.read(mapPath)
        guard map.partitions.indices.contains(target) else {
            throw Failure(description: "--to \(target): the map has partitions 0..<\(map.partitions.count)")
        }
        // A resumed move (one interrupted after the freeze) copies from where the map says it moves from.
        let resuming = map.moving[account] != nil
        let source = map.moving[account] ?? map.owner(of: account)
        guard source != target || resuming else {
            throw Failure(description: "account '\(account)' already lives in partition \(target)")
        }

        // 1. Freeze.
        map.epoch += 1
        map.accounts[account] = target
        map.moving[account] = source
        try write(map, note: "frozen: account '\(account)' moves from partition \(source) to \(target)")
        try waitForEveryGateway(toHold: map.epoch, map, context: context)

        // 2. Copy.
        let lines = try export(from: map.partitions[source].ingest, context: context)
        let copy = mapPath + ".move-\(Self.fileSafe(account)).ndjson"
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: copy), options: .atomic)
        log("copied \(lines.count) events of '\(account)' from partition \(source) to \(copy)")
        try importCopy(lines, into: map.partitions[target].ingest, resuming: resuming, context: context)

        // 3. Release.
        map.epoch += 1
        map.moving[account] = nil
        try write(map, note: "released: account '\(account)' lives in partition \(target)")
        try waitForEveryGateway(toHold: map.epoch, map, context: context)
        return Outcome(account: account, from: source, to: target, events: lines.count, epoch: map.epoch, copy: copy)
    }

    private func write(_ map: PartitionMap, note: String) throws {
        try PartitionMapFile.write(map, to: mapPath)
        log("map epoch \(map.epoch): \(note)")
    }

    /// Every gateway re-reads the map within a second of a change; a move goes on only once each answers with it.
    private func waitForEveryGateway(toHold epoch: Int, _ map: PartitionMap, context: ZMQContext) throws {
        let deadline = ContinuousClock.now + .seconds(60)
        for (index, partition) in map.partitions.enumerated() {
            while true {
                let routes = try? PartitionRoutes.fetch(
                    context: context, endpoint: partition.ingest, kind: .ingest, token: token, security: security,
                    accounts: [], timeout: .seconds(2), giveUpAfter: .seconds(2))
                if let routes, routes.reply.epoch >= epoch { break }
                guard ContinuousClock.now < deadline else {
                    throw Failure(
                        description: "partition \(index)'s gateway (\(partition.ingest)) does not hold map epoch \(epoch) after 60 s: is the map file the same on its host?")
                }
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
    }

    /// The account's events in the source's journal, as event lines, once nothing more is being committed there.
    private func export(from endpoint: String, context: ZMQContext) throws -> [String] {
        var journal = try JournalClient(context: context, endpoint: endpoint, token: token, security: security, timeout: .seconds(30))
        let lines = Result { try export(&journal, endpoint: endpoint) }
        journal.close()
        return try lines.get()
    }

    private func export(_ journal: inout JournalClient, endpoint: String) throws -> [String] {
        var head = try journal.head()
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            Thread.sleep(forTimeInterval: 0.5)
            let again = try journal.head()
            if again == head, head != nil { break }
            guard ContinuousClock.now < deadline else {
                throw Failure(description: "the source gateway \(endpoint) gave no steady head within 60 s")
            }
            head = again
        }
        var export = RecordExport(form: .events, only: account)
        var lines: [String] = []
        var next: UInt64 = 1
        while next <= head! {
            guard let blocks = try journal.replay(from: next, through: head!), !blocks.isEmpty else {
                throw Failure(description: "the source gateway \(endpoint) did not replay \(next)...\(head!)")
            }
            for (first, block) in blocks {
                lines += export.lines(block, first: first, from: next)
                next = max(next, first + UInt64(block.events))
            }
        }
        return lines
    }

    /// Every line must be accepted; only a resumed move may meet its own earlier copy (duplicates). A fresh move
    /// into a partition that still holds an old copy of the account would otherwise keep that stale copy.
    private func importCopy(_ lines: [String], into endpoint: String, resuming: Bool, context: ZMQContext) throws {
        guard !lines.isEmpty else { return }
        let client = IngestClient(
            configuration: .init(endpoint: endpoint, token: token, security: security))
        var c = client.configuration
        c.importing = true
        let bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
        let summary = try bytes.withUnsafeBytes { try IngestClient(configuration: c).send($0, context: context) }
        guard summary.rejected.isEmpty, summary.accepted + summary.duplicates == lines.count,
            resuming || summary.duplicates == 0
        else {
            let first = summary.rejected.first.map { "; line \($0.line): \($0.rejection.summary)" } ?? ""
            throw Failure(
                description: "partition at \(endpoint) took \(summary.accepted) of \(lines.count) events (\(summary.duplicates) duplicates, \(summary.rejected.count) rejected\(first)); the account stays frozen\(summary.duplicates > 0 && !resuming ? "; the target holds an older copy of it: erase that first (leadstream erase --partition)" : ""))")
        }
        if summary.duplicates > 0 { log("\(summary.duplicates) events were already there (a resumed move)") }
    }

    static func fileSafe(_ account: String) -> String {
        String(account.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }
}
