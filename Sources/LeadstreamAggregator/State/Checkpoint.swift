//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import LeadstreamJournal

/// The aggregator's durable checkpoint: its lead rows and merged sequence in
/// one sealed file (`SealedFile`: kind, format version, SHA-256), replaced
/// atomically, so a crash leaves the old checkpoint or the new one, never a
/// mix, and a file damaged later is refused rather than served.
/// Everything after the checkpoint is replayed from the gateway's journal.
struct Checkpoint {
    /// The sealed file's kind.
    static let kind = "aggrckpt"
    let path: String

    /// The sealed file; its version is the payload encoding's (`RegistryCodec.version`), so a change of the
    /// encoding is a change of the file's version.
    var file: SealedFile { SealedFile(path: path, kind: Self.kind, version: UInt32(RegistryCodec.version)) }

    /// The checkpointed rows and names, `nil` when there is no checkpoint yet; a `SealError` that says why
    /// when the file cannot be trusted (the caller rebuilds from the journal).
    func load() throws(SealError) -> (registry: LeadRegistry, names: InternedNames)? {
        guard let payload = try file.read() else { return nil }
        guard let decoded = RegistryCodec.decode(payload) else {
            throw .undecodable(path: path, reason: "not lead rows of version \(RegistryCodec.version)")
        }
        return decoded
    }

    func save(_ state: AggregateState) throws(SealError) {
        try file.write(RegistryCodec.encode(state.registry, names: state.names))
    }
}
