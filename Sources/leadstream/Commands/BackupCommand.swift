//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import ArgumentParser
import LeadstreamCore
import LeadstreamJournal

/// `leadstream backup`: a consistent copy of a running component's data folder (docs/operations.md).
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy a component's data folder while it runs: journal, token stores and checkpoints.",
        discussion: """
            SQLite files are copied with SQLite's online backup (one snapshot; the component never waits), \
            checkpoints first, so the copy is one the component could have written. Prints one JSON line per \
            file (name, bytes, integrity). Restore with `leadstream restore` (docs/operations.md).
            """
    )

    @Option(help: "The component's data folder.") var data: String
    @Option(help: "The new folder to write the copy to (must not exist).") var out: String

    func run() throws { try BackupLine.printing { try DataFolderBackup.backup(data, to: out) } }
}

/// `leadstream restore`: a backup put in place as a new data folder, for the component to start on.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup in place as a new data folder (start the component on it afterwards).",
        discussion: """
            Copies the backup into --data (which must not exist) and checks every SQLite file's integrity. \
            A restored gateway replays its journal after its checkpoint on start, as after any restart; \
            restore its aggregator from a backup taken no later than the gateway's, or start it on an empty \
            folder (docs/operations.md).
            """
    )

    @Option(help: "The backup folder (from leadstream backup).") var from: String
    @Option(help: "The new data folder (must not exist).") var data: String

    func run() throws { try BackupLine.printing { try DataFolderBackup.restore(from, to: data) } }
}

enum BackupLine {
    /// Runs a copy and prints a line per file; its refusals are usage errors (exit 2).
    static func printing(_ copy: () throws -> [DataFolderBackup.Copied]) throws {
        do {
            for file in try copy() { print(json(file)) }
        } catch let failure as DataFolderBackup.Failure {
            throw UsageError(.invalidValue, failure.description)
        }
    }

    static func json(_ file: DataFolderBackup.Copied) -> String {
        JSONValue.object([
            ("file", .string(file.name)), ("bytes", .int(file.bytes)),
            ("integrity", file.integrity.map { .string($0) } ?? .null),
        ]).compact
    }
}
