//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import LeadstreamPartitions
import Synchronization
import ZeroMQ

extension IngestClient {
    /// Sends every line to its account's partition (docs/partitions.md) and waits for every acknowledgement;
    /// the summary is the whole input's, with file line numbers. Against a gateway that is not partitioned
    /// this is `send`, with no line decoded here.
    ///
    /// Each partition gets its accounts' lines in file order, so an account's events keep their order;
    /// partitions are sent to at the same time. A line that does not decode (or names no account) goes to
    /// the partition the client was given, which rejects it with the same code and line as any would.
    public func sendRouted(
        _ bytes: UnsafeRawBufferPointer, context: ZMQContext, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) throws -> Summary {
        let probe = try PartitionRoutes.fetch(
            context: context, endpoint: configuration.endpoint, kind: .ingest, token: configuration.token,
            security: configuration.security, accounts: [], giveUpAfter: configuration.giveUpAfter)
        guard probe.isPartitioned else { return try send(bytes, context: context, progress: progress) }

        // Each line's account, read with the decoder every component uses (an undecodable line has none).
        var lines: [Line] = []
        let base = bytes.baseAddress
        for line in NDJSONLines(bytes) {
            let account: String?
            switch EventDecoder.decode(line.bytes) {
            case .blank: continue
            case .event(let e): account = e.account
            case .rejected: account = nil
            }
            let start = line.bytes.baseAddress.map { $0 - base! } ?? 0
            lines.append((line.number, start, line.bytes.count, account))
        }
        var summary = Summary()
        var pending = lines
        let deadline = ContinuousClock.now + configuration.giveUpAfter
        while true {
            let routes = try PartitionRoutes.fetch(
                context: context, endpoint: configuration.endpoint, kind: .ingest, token: configuration.token,
                security: configuration.security, accounts: Set(pending.compactMap(\.account)).sorted(),
                giveUpAfter: configuration.giveUpAfter)
            let part = try sendOnce(pending, of: bytes, routes: routes, total: lines.count, context: context, progress: progress)
            // Lines of an account that moved, or is moving, meanwhile: asked again where it lives, sent again
            // (in file order, so the account's events keep their order) until it is released.
            let moved = Set(part.rejected.filter { $0.rejection.code == .wrongPartition }.map(\.line))
            var settled = part
            settled.rejected = part.rejected.filter { !moved.contains($0.line) }
            summary.add(settled)
            guard !moved.isEmpty else { break }
            guard ContinuousClock.now < deadline else {
                summary.rejected += part.rejected.filter { moved.contains($0.line) }
                break
            }
            pending = pending.filter { moved.contains($0.number) }
            Thread.sleep(forTimeInterval: 0.5)
        }
        // Sequences are each partition's own: one number for the whole input would mean nothing.
        summary.lastSequence = nil
        summary.rejected.sort { $0.line < $1.line }
        return summary
    }

    /// One round: each partition's share of `lines`, sent at the same time; file line numbers in the summary.
    private func sendOnce(
        _ lines: [Line], of bytes: UnsafeRawBufferPointer, routes: PartitionRoutes, total: Int, context: ZMQContext,
        progress: @escaping @Sendable (Int, Int) -> Void
    ) throws -> Summary {
        // One buffer per partition, and each of its lines' number in the file.
        var shares: [Int: (payload: [UInt8], numbers: [Int])] = [:]
        for line in lines {
            let p = routes.partition(of: line.account)
            shares[p, default: ([], [])].payload.append(
                contentsOf: UnsafeRawBufferPointer(rebasing: bytes[line.start..<line.start + line.count]))
            shares[p, default: ([], [])].payload.append(0x0A)
            shares[p, default: ([], [])].numbers.append(line.number)
        }
        let work = shares.sorted { $0.key < $1.key }
        let done = Mutex([Int](repeating: 0, count: work.count))
        let outcomes = Mutex([Result<Summary, any Error>?](repeating: nil, count: work.count))
        let configuration = self.configuration
        DispatchQueue.concurrentPerform(iterations: work.count) { i in
            let (partition, share) = work[i]
            var c = configuration
            c.endpoint = routes.endpoint(partition, .ingest)
            let outcome = Result {
                try share.payload.withUnsafeBytes { payload in
                    try IngestClient(configuration: c).send(payload, context: context) { sent, _ in
                        let sum = done.withLock { d in
                            d[i] = sent
                            return d.reduce(0, +)
                        }
                        progress(min(sum, total), total)
                    }
                }
            }
            outcomes.withLock { $0[i] = outcome.map { Self.renumbered($0, numbers: share.numbers) } }
        }
        var summary = Summary()
        for outcome in outcomes.withLock({ $0 }) { summary.add(try outcome!.get()) }
        return summary
    }

    /// A line of the input: its number, where its bytes are, and its account when it decodes.
    typealias Line = (number: Int, start: Int, count: Int, account: String?)

    /// A partition's summary with its lines numbered as in the file.
    private static func renumbered(_ summary: Summary, numbers: [Int]) -> Summary {
        var s = summary
        s.rejected = summary.rejected.map { r in
            var r = r
            r.line = numbers.indices.contains(r.line - 1) ? numbers[r.line - 1] : r.line
            return r
        }
        return s
    }
}

extension IngestClient.Summary {
    /// Adds another part of the same input (another partition's share, another round): counts and rejections.
    mutating func add(_ part: Self) {
        accepted += part.accepted
        duplicates += part.duplicates
        rejected += part.rejected
        batches += part.batches
        retries += part.retries
    }
}
