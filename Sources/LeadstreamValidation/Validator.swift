//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamClients
import LeadstreamCore
import ZeroMQ

/// `leadstream validate`: the figures of an account's periods rebuilt from the
/// journal alone, compared cell by cell with the live ones taken at the same
/// `as_of`, and, when asked, repaired in the running aggregator.
///
/// The live figures come first, all of an account's periods from one state,
/// so they share one `as_of`; the journal is then read up to exactly that many
/// of the account's events. Neither ingest nor queries stop: the aggregator
/// answers `figures` like any query, from its posted state, on its query thread.
public struct Validator: ~Copyable {
    private var query: QueryClient
    private var journal: JournalClient
    private let start = ContinuousClock.now
    /// How often a repair is tried again when the account moved on meanwhile (`conflict`).
    public var attempts = 3

    public init(query: consuming QueryClient, journal: consuming JournalClient) {
        self.query = query
        self.journal = journal
    }

    public consuming func close() {
        query.close()
        journal.close()
    }

    /// Validates (and repairs) one account's periods.
    public mutating func validate(account: String, periods: [String], repair: Bool) throws -> [ValidationResult] {
        var results = try validateOnce(account: account, periods: periods)
        guard repair, results.contains(where: { !$0.differences.isEmpty }) else { return results }
        return try self.repair(account: account, periods: periods, first: &results)
    }

    /// Every account and every month with leads, in one read of the journal; accounts that differ are
    /// repaired one by one when asked. Each result is handed to `emit` as it is known.
    /// - Parameter keep: of the accounts found, those to validate (a partition's own: an account moved away
    ///   leaves a copy that is no longer served, docs/partitions.md).
    public mutating func validateAll(
        repair: Bool, keep: ([String]) throws -> [String] = { $0 }, emit: (ValidationResult) -> Void
    ) throws {
        var live: [String: QueryClient.LiveFigures] = [:]
        for account in try query.accounts() { live[account] = try query.figures(account: account, periods: nil) }
        var rebuild = JournalRebuild(caps: live.mapValues(\.asOf), others: true)
        try read(into: &rebuild)
        let accounts = try keep(Set(live.keys).union(rebuild.registry.accounts.keys).sorted())
        for account in accounts {
            let months = Set(live[account]?.months ?? []).union(rebuild.registry.account(account).monthsWithLeads).sorted()
            var results: [ValidationResult] = []
            for month in months { results.append(try compare(account, asked: month, live: live[account], rebuild: rebuild)) }
            if repair, results.contains(where: { !$0.differences.isEmpty }) {
                results = try self.repair(account: account, periods: months, first: &results)
            }
            results.forEach(emit)
        }
    }

    // MARK: - One validation

    private mutating func validateOnce(account: String, periods: [String]) throws -> [ValidationResult] {
        let live = try query.figures(account: account, periods: periods)
        var rebuild = JournalRebuild(caps: [account: live.asOf])
        try read(into: &rebuild)
        return try periods.map { try compare(account, asked: $0, live: live, rebuild: rebuild) }
    }

    private mutating func repair(account: String, periods: [String], first: inout [ValidationResult]) throws
        -> [ValidationResult]
    {
        for _ in 0..<attempts {
            let live = try query.figures(account: account, periods: periods)
            var rebuild = JournalRebuild(caps: [account: live.asOf])
            try read(into: &rebuild)
            do {
                try query.repair(rebuild.registry.only(account), names: rebuild.names)
            } catch let refused as QueryClient.Refused where refused.rejection.code == .conflict {
                continue  // events were merged meanwhile: rebuild at the new as_of
            }
            // What was found stays reported; `repaired` says it was replaced, the check after says it holds.
            let after = try validateOnce(account: account, periods: periods)
            let ms = elapsedMS
            return zip(first, after).map { found, now in
                var r = found
                r.repaired = now.differences.isEmpty
                r.remaining = now.differences
                r.ms = ms
                return r
            }
        }
        return first
    }

    private func compare(_ account: String, asked: String, live: QueryClient.LiveFigures?, rebuild: JournalRebuild)
        throws -> ValidationResult
    {
        let liveSet = live?.sets.first(where: { $0.asked == asked })?.set
        // The live side resolved a relative period: the journal's side reads the same one.
        let journalSet = try rebuild.registry.figures(account: account, period: liveSet?.period ?? asked)
        var compared: [(String, Int)] = []
        var differences: [FigureDifference] = []
        for (name, cells) in journalSet.reports {
            let liveCells = liveSet?.reports.first(where: { $0.name == name })?.cells ?? FigureCells(pairs: [])
            let (n, d) = FigureDifference.compare(report: name, live: liveCells, journal: cells)
            compared.append((name, n))
            differences += d
        }
        return ValidationResult(
            account: account, period: journalSet.period, asOf: live?.asOf ?? 0, compared: compared,
            differences: differences, journalRefusals: rebuild.refusals.count, ms: elapsedMS)
    }

    // MARK: - The journal

    /// Reads the journal from its start until the rebuild is complete or the journal's head.
    private mutating func read(into rebuild: inout JournalRebuild) throws {
        guard let head = try journal.head() else { throw Unanswered(what: "head") }
        var from: UInt64 = 1
        while from <= head, !rebuild.isComplete {
            guard let blocks = try journal.replay(from: from, through: head), let last = blocks.last else {
                throw Unanswered(what: "replay from \(from)")
            }
            for (first, block) in blocks {
                // A block may start before `from` (replies are whole blocks): merge only the unseen ones.
                if first + UInt64(block.events) > from { rebuild.merge(block) }
            }
            from = last.first + UInt64(last.block.events)
        }
    }

    private var elapsedMS: Int { Int((ContinuousClock.now - start) / .milliseconds(1)) }

    /// The gateway gave no answer (or a refusal: `replay` needs an operator's access).
    public struct Unanswered: Error, CustomStringConvertible {
        public var what: String
        public var description: String {
            "the gateway did not answer \(what) (it serves the journal to operator and component keys only)"
        }
    }
}
