//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore

#if canImport(Glibc)
import Glibc
#endif

/// The aggregator's durable checkpoint: its lead rows and merged sequence in
/// one file, replaced atomically (temporary file, fsync, rename, fsync of the
/// folder), so a crash leaves the old checkpoint or the new one, never a mix.
/// Everything after the checkpoint is replayed from the gateway's journal.
struct Checkpoint {
    let path: String

    /// The checkpointed rows and names, `nil` when there is no checkpoint yet.
    func load() throws -> (registry: LeadRegistry, names: InternedNames)? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let decoded = RegistryCodec.decode([UInt8](data)) else {
            throw CheckpointError(path: path, reason: "not a checkpoint of this version")
        }
        return decoded
    }

    func save(_ state: AggregateState) throws {
        let bytes = RegistryCodec.encode(state.registry, names: state.names)
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CheckpointError(path: temporary, reason: String(cString: strerror(errno))) }
        var ok = bytes.withUnsafeBytes { buf -> Bool in
            var off = 0
            while off < buf.count {
                let n = write(fd, buf.baseAddress! + off, buf.count - off)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                off += n
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            throw CheckpointError(path: path, reason: String(cString: strerror(errno)))
        }
        let folder = open((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }
}

struct CheckpointError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "checkpoint \(path): \(reason)" }
}
