//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import LeadstreamGateway

extension LoadRun {
    /// Times `queries` report requests, one at a time, about the busiest account:
    /// executive, dashboard and widget in turn, over periods its live topics name.
    func timeQueries(
        account: String, periods: [String: [String: Set<String>]], client: borrowing QueryClient,
        into outcome: inout LoadOutcome
    ) throws {
        let exec = periods["exec"]?[account].map { $0.sorted() } ?? []
        let plan: [(ReportRequest.Kind, [String])] = [
            (.executive, exec),
            (.dashboard, periods["dash"]?[account].map { $0.sorted() } ?? exec),
            (.widget, periods["widget"]?[account].map { $0.sorted() } ?? exec),
        ].filter { !$0.1.isEmpty }
        guard !plan.isEmpty else { return }
        outcome.queryAccount = account
        var rng = SeededRandom(seed: 1)
        for q in 0..<configuration.queries {
            let (kind, choices) = plan[q % plan.count]
            let period = rng.element(of: choices)
            let started = ContinuousClock.now
            do {
                _ = try client.report(id: UInt64(q + 1), kind: kind, parameters: [("account", account), ("period", period)])
            } catch {
                outcome.failures.append("query \(kind.rawValue) \(account) \(period): \(error)")
                return  // one at a time: a cluster that stopped answering would time every later one out
            }
            outcome.queryLatency.record(nanoseconds: Nanoseconds.between(started, .now))
            outcome.queriesByKind[kind.rawValue, default: 0] += 1
        }
    }

    /// The final figures: the acknowledgements a generated stream must get, and for the
    /// busiest accounts, every `exec/` topic's last message against a fresh `report` answer.
    func check(
        _ observed: PublishRecorder.State, expectation: Expectation?, summary: IngestClient.Summary,
        client: borrowing QueryClient, into outcome: inout LoadOutcome
    ) throws {
        if let e = expectation,
            summary.accepted != e.lines - e.duplicates || summary.duplicates != e.duplicates || !summary.rejected.isEmpty
        {
            outcome.failures.append(
                "acks: accepted \(summary.accepted), duplicates \(summary.duplicates), rejected \(summary.rejected.count); "
                    + "the generated stream needs accepted \(e.lines - e.duplicates), duplicates \(e.duplicates), rejected 0")
        }
        if !outcome.caughtUp {
            outcome.failures.append(
                "no live result reached as_of.seq \(summary.lastSequence ?? 0) within \(configuration.settleTimeout)")
        }
        let accounts = observed.messagesPerAccount.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .prefix(configuration.checkAccounts).map(\.key)
        outcome.checkedAccounts = accounts
        var id: UInt64 = 1 << 32
        for account in accounts {
            let prefix = "exec/\(account)/"
            for (topic, published) in observed.lastExec.sorted(by: { $0.key < $1.key }) where topic.hasPrefix(prefix) {
                let period = String(topic.dropFirst(prefix.count))
                id += 1
                let answer = try client.report(id: id, kind: .executive, parameters: [("account", account), ("period", period)])
                outcome.compared += 1
                if let why = ReportComparison.difference(published: published, answered: answer.body) {
                    outcome.failures.append("\(topic): the last live result and the report answer \(why)")
                }
            }
        }
        if outcome.compared == 0 { outcome.failures.append("no exec/ topic was published: nothing to compare") }
    }
}
