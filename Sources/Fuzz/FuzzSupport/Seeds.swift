//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore

/// Valid encodings built from event lines with the gateway's own code, so a binary decoder's
/// fuzzing starts from what the real encoder writes instead of from random bytes.
public enum Seeds {
    /// The lines' valid events, in order.
    public static func events(_ lines: [[UInt8]]) -> [Event] {
        lines.compactMap { if case .event(let e) = EventDecoder.decode($0) { e } else { nil } }
    }

    /// The events applied as the gateway applies them, cut into blocks of `size` accepted events:
    /// the journal rows and forwarded messages of that stream, with the registry they leave.
    public static func blocks(_ lines: [[UInt8]], size: Int = 16) -> (blocks: [RecordBlock], state: RecordingRegistry) {
        var state = RecordingRegistry()
        var writer = RecordWriter()
        var blocks: [RecordBlock] = []
        func flush() {
            let bytes = writer.finish()
            if let block = RecordBlock(bytes), block.events > 0 { blocks.append(block) }
        }
        for event in events(lines) {
            if state.apply(event, recording: &writer) == .accepted, writer.events >= size { flush() }
        }
        flush()
        return (blocks, state)
    }
}
