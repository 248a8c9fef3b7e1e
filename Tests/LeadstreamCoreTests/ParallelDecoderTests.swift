//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Testing

@testable import LeadstreamCore

@Suite struct ParallelDecoderTests {
    /// A stream with blank, malformed and valid lines, and no final newline.
    static let stream: [UInt8] = {
        var lines: [String] = []
        for i in 1...500 {
            switch i % 7 {
            case 0: lines.append("")
            case 3: lines.append("{\"type\": \"lead.created\", \"event_id\": \"e\(i)\"")
            default:
                lines.append(
                    "{\"type\":\"lead.created\",\"event_id\":\"e\(i)\",\"account\":\"acme\","
                        + "\"occurred_at\":\"2026-11-20T10:00:00Z\",\"lead_id\":\"L\(i % 97)\",\"office\":\"o1\",\"source\":\"form\"}")
            }
        }
        return Array(lines.joined(separator: "\n").utf8)
    }()

    @Test(arguments: [1, 64, 1000, 1 << 20])
    func chunkedDecodingKeepsLineNumbersAndOrder(chunkBytes: Int) {
        var sequential: [Int] = []
        var parallel: [Int] = []
        Self.stream.withUnsafeBytes { bytes in
            for line in NDJSONLines(bytes) {
                if case .blank = EventDecoder.decode(line.bytes) { continue }
                sequential.append(line.number)
            }
            ParallelDecoder.decode(bytes, chunkBytes: chunkBytes, ahead: 3) { chunk in
                parallel += chunk.lines.map(\.number)
            }
        }
        #expect(parallel == sequential)
        #expect(sequential.count == 500 - 500 / 7)
    }

    @Test func registryRejectsTheSameLinesWhicheverWayItIsFed() {
        var whole = LeadRegistry()
        var byLine = LeadRegistry()
        var expected: [LineRejection] = []
        let rejected = Self.stream.withUnsafeBytes { bytes in
            for line in NDJSONLines(bytes) {
                switch EventDecoder.decode(line.bytes) {
                case .blank: continue
                case .rejected(let r): expected.append(LineRejection(line: line.number, rejection: r))
                case .event(let e):
                    if case .rejected(let r) = byLine.apply(e) {
                        expected.append(LineRejection(line: line.number, rejection: r))
                    }
                }
            }
            return whole.apply(ndjson: bytes)
        }
        #expect(rejected == expected)
        #expect(rejected.contains { $0.rejection.code == .duplicateLead })
        #expect(rejected.contains { $0.rejection.code == .malformedJSON })
        #expect(whole.acceptedCount == byLine.acceptedCount)
    }
}
