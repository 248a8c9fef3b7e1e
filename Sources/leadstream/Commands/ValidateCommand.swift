//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import ArgumentParser
import LeadstreamClients
import LeadstreamCore
import LeadstreamValidation
import LeadstreamPartitions
import LeadstreamWire
import ZeroMQ

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Recompute an account's figures from the journal alone and compare them with the live ones.",
        discussion: """
            Rebuilds the account from the gateway's journal (replay) up to the as_of of the live figures, and
            compares every cell of the executive report, the dashboard summary (with and without history) and
            the widget. --repair replaces a differing account in the running aggregator with its rebuilt
            state and republishes its topics. Prints one JSON object a line (docs/validate.md); exit 0 when
            nothing differs (or all was repaired), 1 when a difference remains. With --access tokens it
            needs an operator's token.

            Examples:
              leadstream validate --account acme --period 2026-11
              leadstream validate --all --repair --token "$OPERATOR_TOKEN"
            """
    )

    @Option(help: "The account.") var account: String?
    @Option(help: "A day, week, month, quarter, year, range or relative period.")
    var period: String?
    @Flag(help: "Every account and every month with leads, one line each.") var all = false
    @Flag(help: "Replace what differs in the running aggregator and republish its topics.") var repair = false
    @Option(help: "The aggregator's query endpoint.") var query = DefaultEndpoints.query
    @Option(help: "The gateway's endpoint, which serves the journal (replay).") var ingest = DefaultEndpoints.ingest
    @OptionGroup(title: "Access (an operator's token; docs/security.md)") var access: ClientAccessOptions

    func validate() throws {
        if all {
            guard account == nil, period == nil else {
                throw UsageError(.invalidValue, "--all takes no --account or --period")
            }
        } else {
            guard account != nil else { throw UsageError(.missingField, "--account is required (or --all)") }
            guard period != nil else { throw UsageError(.missingField, "--period is required (or --all)") }
        }
    }

    func run() throws {
        let context = try ZMQContext()
        let security = try access.security()
        var clean = true
        var failure: (any Error)?
        do {
            // A partitioned deployment (docs/partitions.md): the account's partition, or every partition for --all.
            let routes = try PartitionRoutes.fetch(
                context: context, endpoint: query, kind: .query, also: [.ingest: ingest], token: access.resolvedToken,
                security: security, accounts: account.map { [$0] } ?? [])
            let partitions = account.map { [routes.partition(of: $0)] } ?? Array(0..<max(routes.reply.count, 1))
            for partition in partitions {
                let queries = try QueryClient(
                    context: context, endpoint: routes.endpoint(partition, .query), timeout: .seconds(120),
                    token: access.resolvedToken, security: security)
                let journal = try JournalClient(
                    context: context, endpoint: routes.endpoint(partition, .ingest), token: access.resolvedToken,
                    security: security, timeout: .seconds(30))
                var validator = Validator(query: queries, journal: journal)
                // An account moved away leaves a copy in its old partition that is no longer served: skipped.
                let keep: ([String]) throws -> [String] = { accounts in
                    guard routes.isPartitioned else { return accounts }
                    let placed = try PartitionRoutes.fetch(
                        context: context, endpoint: query, kind: .query, also: [.ingest: ingest],
                        token: access.resolvedToken, security: security, accounts: accounts)
                    return accounts.filter { placed.partition(of: $0) == partition }
                }
                let checked = Result { try check(&validator, clean: &clean, keep: keep) }
                validator.close()
                try checked.get()
            }
        } catch { failure = error }
        try context.terminate()
        if let failure { throw failure }
        if !clean { throw ExitCode(1) }
    }

    private func check(
        _ validator: inout Validator, clean: inout Bool, keep: ([String]) throws -> [String]
    ) throws {
        do {
            if let account, let period {
                for r in try validator.validate(account: account, periods: [period], repair: repair) {
                    Stdout.write(r.json.compact + "\n")
                    clean = clean && r.isClean
                }
            } else {
                try validator.validateAll(repair: repair, keep: keep) { r in
                    Stdout.write(r.json.compact + "\n")
                    clean = clean && r.isClean
                }
            }
        } catch let refused as QueryClient.Refused {
            throw UsageError(refused.rejection)
        } catch let timeout as QueryClient.Timeout {
            throw UsageError(.unavailable, timeout.description)
        } catch let unanswered as Validator.Unanswered {
            throw UsageError(.unavailable, unanswered.description)
        }
    }
}
