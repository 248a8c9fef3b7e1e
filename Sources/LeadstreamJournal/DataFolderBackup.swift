import Foundation
import GRDB

/// A consistent copy of a component's data folder, taken while the component runs (`leadstream backup`), and
/// its way back (`leadstream restore`).
///
/// SQLite files (the journal, the token stores) are copied with SQLite's online backup API, page by page from
/// one read snapshot, so a copy holds exactly what was committed when it started and the writer never waits
/// for it (WAL). Checkpoint files are written by rename, so a plain copy reads one whole version. The
/// checkpoints go **first**: a checkpoint then never claims more than the journal copied after it holds, and
/// a restored gateway replays the journal after its checkpoint as on any restart.
public enum DataFolderBackup {
    /// One file of the copy: its name and bytes.
    public struct Copied: Sendable, Hashable {
        public var name: String
        public var bytes: Int
        /// For SQLite files, what `PRAGMA integrity_check` said of the copy (`ok`).
        public var integrity: String?
    }

    public enum Failure: Error, CustomStringConvertible {
        case notAFolder(String)
        case exists(String)
        case empty(String)
        case damaged(file: String, integrity: String)

        public var description: String {
            switch self {
            case .notAFolder(let p): "\(p) is not a data folder"
            case .exists(let p): "\(p) exists: a backup or restore writes a new folder only"
            case .empty(let p): "\(p) holds no leadstream data (no .sqlite or .checkpoint file)"
            case .damaged(let f, let i): "the copy of \(f) fails its integrity check: \(i)"
            }
        }
    }

    /// The files of a data folder that a backup copies, checkpoints first.
    static func files(in folder: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure.notAFolder(folder)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        let checkpoints = names.filter { $0.hasSuffix(".checkpoint") }.sorted()
        let databases = names.filter { $0.hasSuffix(".sqlite") }.sorted()
        guard !(checkpoints + databases).isEmpty else { throw Failure.empty(folder) }
        return checkpoints + databases
    }

    /// Copies `folder` into the new folder `destination`, while its component runs.
    public static func backup(_ folder: String, to destination: String) throws -> [Copied] {
        guard !FileManager.default.fileExists(atPath: destination) else { throw Failure.exists(destination) }
        return try writing(files(in: folder), from: folder, to: destination) { name, from, to in
            if name.hasSuffix(".sqlite") { return try copyDatabase(from, to: to, name: name) }
            try FileManager.default.copyItem(atPath: from, toPath: to)
            return Copied(name: name, bytes: try size(to), integrity: nil)
        }
    }

    /// Copies each of `names` from `source` into `destination + ".partial"` with `copy`, and renames the
    /// folder to `destination` only when every file is written and checked, so a failed copy never leaves a
    /// folder that looks like a good one.
    private static func writing(
        _ names: [String], from source: String, to destination: String,
        _ copy: (_ name: String, _ from: String, _ to: String) throws -> Copied
    ) throws -> [Copied] {
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        try FileManager.default.createDirectory(atPath: partial, withIntermediateDirectories: true)
        do {
            let copied = try names.map { name in
                try copy(name, (source as NSString).appendingPathComponent(name), (partial as NSString).appendingPathComponent(name))
            }
            try FileManager.default.moveItem(atPath: partial, toPath: destination)
            return copied
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    /// Puts a backup in place as the new data folder `destination` (the component is started on it afterwards).
    public static func restore(_ backup: String, to destination: String) throws -> [Copied] {
        guard !FileManager.default.fileExists(atPath: destination) else { throw Failure.exists(destination) }
        return try writing(files(in: backup), from: backup, to: destination) { name, from, to in
            try FileManager.default.copyItem(atPath: from, toPath: to)
            let integrity = name.hasSuffix(".sqlite") ? try check(to, name: name) : nil
            return Copied(name: name, bytes: try size(to), integrity: integrity)
        }
    }

    private static func copyDatabase(_ from: String, to: String, name: String) throws -> Copied {
        var readOnly = Configuration()
        readOnly.readonly = true
        let source = try DatabaseQueue(path: from, configuration: readOnly)
        let copy = try DatabaseQueue(path: to)
        try source.backup(to: copy)
        // A self-contained file: no -wal beside it to lose on the way to wherever backups go.
        try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        try copy.close()
        try source.close()
        return Copied(name: name, bytes: try size(to), integrity: try check(to, name: name))
    }

    private static func check(_ path: String, name: String) throws -> String {
        var readOnly = Configuration()
        readOnly.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: readOnly)
        defer { try? queue.close() }
        let result = try queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } ?? "no answer"
        guard result == "ok" else { throw Failure.damaged(file: name, integrity: result) }
        return result
    }

    private static func size(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}
