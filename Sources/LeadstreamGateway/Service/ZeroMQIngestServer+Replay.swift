//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import LeadstreamCore

extension ZeroMQIngestServer {
    /// `replay` body: `from` and `through` as two 8-byte big-endian sequence numbers.
    /// `changes` reply body: the events' recorded changes (`ChangeCodec`, with
    /// their sequence numbers), the same records the forwarder sent; fewer than
    /// asked when the range passes the journal's end or the reply limit.
    func replay(_ body: [UInt8]) async -> (WireFrames.Verb, [UInt8]) {
        guard body.count == 16 else {
            return WireFrames.error("bad_request", "replay takes 16 bytes")
        }
        let from = WireFrames.decodeID(Array(body[0..<8]))
        let through = WireFrames.decodeID(Array(body[8..<16]))
        do {
            let events = try await journal.read(
                from: max(from, 1), through: through, limit: configuration.maxReplayEvents)
            return (.changes, ChangeCodec.encode(events.compactMap(\.leadChange)))
        } catch {
            return WireFrames.error("unavailable", "\(error)")
        }
    }
}
