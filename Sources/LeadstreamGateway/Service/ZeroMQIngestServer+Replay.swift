//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

extension ZeroMQIngestServer {
    /// `replay` body: `from` and `through` as two 8-byte big-endian sequence numbers.
    /// `changes` reply body: the events' recorded changes (`ChangeCodec`, with
    /// their sequence numbers), the same records the forwarder sent; fewer than
    /// asked when the range passes the journal's end or the reply limit.
    func replay(_ body: [UInt8]) async -> (WireFrames.Verb, [UInt8]) {
        guard body.count == 16 else {
            let e = JSONValue.object([("error", .string("bad_request")), ("message", .string("replay takes 16 bytes"))])
            return (.error, Array(e.compact.utf8))
        }
        let from = WireFrames.decodeID(Array(body[0..<8]))
        let through = WireFrames.decodeID(Array(body[8..<16]))
        do {
            let events = try await journal.read(
                from: max(from, 1), through: through, limit: configuration.maxReplayEvents)
            return (.changes, ChangeCodec.encode(events.compactMap(\.leadChange)))
        } catch {
            let e = JSONValue.object([("error", .string("unavailable")), ("message", .string("\(error)"))])
            return (.error, Array(e.compact.utf8))
        }
    }
}
