//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamAggregator
import LeadstreamCore
import LeadstreamClients

extension LoadRun {
    /// Times `queries` report requests, one at a time, about the busiest account:
    /// executive, dashboard and widget in turn, over periods its live topics name.
    func timeQueries(
        account: String, periods: [ReportRequest.Kind: [String: Set<String>]], client: inout QueryClient,
        into outcome: inout LoadOutcome
    ) throws {
        let exec = periods[.executive]?[account].map { $0.sorted() } ?? []
        let plan: [(ReportRequest.Kind, [String])] = [
            (.executive, exec),
            (.dashboard, periods[.dashboard]?[account].map { $0.sorted() } ?? exec),
            (.widget, periods[.widget]?[account].map { $0.sorted() } ?? exec),
        ].filter { !$0.1.isEmpty }
        guard !plan.isEmpty else { return }
        outcome.queryAccount = account
        var rng = SeededRandom(seed: 1)
        for q in 0..<configuration.queries {
            let (kind, choices) = plan[q % plan.count]
            let period = rng.element(of: choices)
            let started = ContinuousClock.now
            do {
                _ = try client.report(Self.request(kind, account: account, period: period)).output()
            } catch {
                outcome.failures.append("query \(kind.rawValue) \(account) \(period): \(error)")
                return  // one at a time: a cluster that stopped answering would time every later one out
            }
            let took = Nanoseconds.between(started, .now)
            outcome.queryLatency.record(nanoseconds: took)
            outcome.queryLatencyByKind[kind.rawValue, default: LatencySummary()].record(nanoseconds: took)
        }
    }

    /// The final figures: the acknowledgements a generated stream must get, and for the
    /// busiest accounts, every `exec/` topic's last message against a fresh `report` answer.
    func check(
        _ observed: PublishRecorder.State, expectation: Expectation?, summary: IngestClient.Summary,
        client: inout QueryClient, into outcome: inout LoadOutcome
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
                "the live results of \(outcome.behind.prefix(5).joined(separator: ", ")) did not reach their accounts' "
                    + "acknowledged events within \(configuration.settleTimeout)")
        }
        let accounts = observed.messagesPerAccount.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .prefix(configuration.checkAccounts).map(\.key)
        outcome.checkedAccounts = accounts
        for account in accounts {
            let topics = observed.lastExec.filter { $0.key.account == account }.sorted { $0.key.name < $1.key.name }
            for (topic, published) in topics {
                let answer = try client.report(Self.request(.executive, account: account, period: topic.period)).output()
                outcome.compared += 1
                if let why = ReportComparison.difference(published: published, answered: Array(answer.utf8)) {
                    outcome.failures.append("\(topic.name): the last live result and the report answer \(why)")
                }
            }
        }
        if outcome.compared == 0 { outcome.failures.append("no exec/ topic was published: nothing to compare") }
    }
}

extension LoadRun {
    /// The JSON report of a period, as `leadstream report` asks it.
    static func request(_ kind: ReportRequest.Kind, account: String, period: String) -> QueryRequest {
        QueryRequest(kind: kind.rawValue, parameters: ["account": account, "period": period], format: "json")
    }
}

extension QueryClient.Answer {
    /// The report's bytes; a refused request is a load failure (load only asks valid ones).
    func output() throws -> String {
        switch self {
        case .report(let r): return r.output
        case .rejected(let r): throw LoadFailure(description: "query refused: \(r.summary)")
        }
    }
}
