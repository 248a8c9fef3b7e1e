//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import ArgumentParser
import LeadstreamCore

/// `leadstream`: one executable, a subcommand per job (docs/commands.md).
struct Leadstream: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leadstream",
        abstract: "Lead-source analytics for CRM platforms, built as a ZeroMQ worker cluster.",
        subcommands: [
            RunCommand.self, ReportCommand.self, SendCommand.self, GatewayCommand.self, WorkerCommand.self,
            AggregatorCommand.self, LoadCommand.self, SubscribeCommand.self, TokenCommand.self, KeygenCommand.self,
            WebCommand.self, JournalCommand.self, ValidateCommand.self, StatusCommand.self, BackupCommand.self,
            RestoreCommand.self, MoveCommand.self, EraseCommand.self,
        ]
    )
}

@main
enum Main {
    /// Parses and runs, mapping every usage error to SPEC §11's form:
    /// `leadstream: error: CODE: message` on stderr and exit 2.
    static func main() async {
        let command: any ParsableCommand
        do {
            command = try Leadstream.parseAsRoot()
        } catch {
            let code = Leadstream.exitCode(for: error)
            guard code != .success else { Leadstream.exit(withError: error) }  // --help, --version
            UsageError.exit(.invalidValue, Leadstream.message(for: error))
        }
        do {
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                var sync = command
                try sync.run()
            }
        } catch let error as UsageError {
            UsageError.exit(error.code, error.message)
        } catch let error as ExitCode {
            Leadstream.exit(withError: error)
        } catch {
            // `--help` parses into argument-parser's help command, whose run() throws the request.
            if Leadstream.exitCode(for: error) == .success { Leadstream.exit(withError: error) }
            Stderr.write("leadstream: error: \(error)\n")
            Leadstream.exit(withError: ExitCode.failure)
        }
    }
}
