//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import ArgumentParser
import Foundation
import LeadstreamClients
import LeadstreamCore
import ZeroMQ

/// `leadstream move --account A --to K --partitions FILE`: an account's whole history into another partition.
struct MoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move an account, with its whole history, to another partition (docs/partitions.md).",
        discussion: """
            Freezes the account in the partition map FILE (no gateway admits its events meanwhile; routing \
            clients send them again once it is released), copies its events from its partition's journal to \
            partition K in journal order, then releases it there. Ingest and queries of every other account go \
            on. Prints {"account", "from", "to", "events", "epoch", "ms"}; exits 0 when moved, 3 when it could \
            not (the message says what is left to do). FILE must be the map every component reads.
            """
    )

    @Option(help: "The account to move.") var account: String
    @Option(help: "The partition to move it to (0-based).") var to: Int
    @Option(help: "The partition map every component reads (docs/partitions.md).") var partitions: String
    @OptionGroup(title: "Access (an operator's token or CURVE key; docs/security.md)") var access: ClientAccessOptions

    func run() throws {
        let context = try ZMQContext()
        let started = ContinuousClock.now
        let move = AccountMove(
            mapPath: partitions, account: account, target: to, token: access.resolvedToken,
            security: try access.security(), log: { Stderr.write("leadstream move: \($0)\n") })
        let outcome = Result { try move.run(context: context) }
        try? context.terminate()
        switch outcome {
        case .success(let o):
            let ms = Int((ContinuousClock.now - started) / .milliseconds(1))
            Stdout.write(
                JSONValue.object([
                    ("account", .string(o.account)), ("from", .int(o.from)), ("to", .int(o.to)), ("events", .int(o.events)),
                    ("epoch", .int(o.epoch)), ("ms", .int(ms)),
                ]).compact + "\n")
        case .failure(let error):
            Stderr.write("leadstream: error: \(error)\n")
            throw ExitCode(3)
        }
    }
}
