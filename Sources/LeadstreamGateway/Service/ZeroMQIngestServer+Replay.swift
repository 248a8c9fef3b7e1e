//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import LeadstreamCore
import LeadstreamJournal

extension ZeroMQIngestServer {
    /// `replay` body: `from` and `through` as two 8-byte big-endian sequence numbers.
    /// `changes` reply body: the journal's blocks holding those events, whole and as stored (the same bytes
    /// the forwarder sent), each as `first:u64 length:u32 block` (little-endian, like the block); fewer than
    /// asked when the range passes the journal's end or the reply limit (docs/protocol.md).
    func replay(_ body: [UInt8]) async -> (WireFrames.Verb, [UInt8]) {
        guard body.count == 16 else {
            return WireFrames.error("bad_request", "replay takes 16 bytes")
        }
        let from = WireFrames.decodeID(Array(body[0..<8]))
        let through = WireFrames.decodeID(Array(body[8..<16]))
        do {
            let blocks = try await journal.read(
                from: max(from, 1), through: through, limit: configuration.maxReplayEvents)
            return (.changes, ReplayBody.encode(blocks.map { ($0.first, $0.body) }))
        } catch {
            return WireFrames.error("unavailable", "\(error)")
        }
    }
}
