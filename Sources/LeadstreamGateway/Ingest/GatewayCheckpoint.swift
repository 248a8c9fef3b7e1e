//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import LeadstreamJournal

/// The gateway's checkpoint (`DATA/gateway.checkpoint`): its registry as of journal sequence S (the registry's
/// accepted count), sealed (`SealedFile`: kind `gateckpt`, version `GatewayStateCodec.version`, SHA-256).
///
/// Why: without it a start replays the whole journal into the registry (event-id dedupe, lead positions,
/// names), which grows with the journal; with it a start decodes the checkpoint and replays only blocks after S.
/// The journal stays the source of truth: a checkpoint that fails its seal, does not decode, claims more than
/// the journal holds or does not end on a block boundary is refused and the journal is replayed whole.
public struct GatewayCheckpoint: Sendable {
    static let kind = "gateckpt"
    public let path: String

    public init(path: String) { self.path = path }

    var file: SealedFile { SealedFile(path: path, kind: Self.kind, version: UInt32(GatewayStateCodec.version)) }

    /// The checkpointed registry; `nil` when there is none.
    func load() throws(SealError) -> RecordingRegistry? {
        guard let payload = try file.read() else { return nil }
        guard let registry = GatewayStateCodec.decode(payload) else {
            throw .undecodable(path: path, reason: "not a gateway registry of version \(GatewayStateCodec.version)")
        }
        return registry
    }

    func save(_ registry: RecordingRegistry) throws(SealError) {
        try file.write(GatewayStateCodec.encode(registry))
    }
}

/// Why a checkpoint that passed its seal still cannot be resumed from: it does not fit this journal.
struct CheckpointMismatch: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
