//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//


import Testing

@testable import LeadstreamClients

@Suite struct IngestClientBatchTests {
    @Test func batchesCoverEveryLineOnceWithTheirFirstLineNumbers() {
        let client = IngestClient(configuration: .init(batchLines: 3))
        let text = "a\n\nb\nc\nd\n\ne"  // 7 lines, two blank, no final newline
        let (batches, local) = Array(text.utf8).withUnsafeBytes { client.batches($0) }
        #expect(local.isEmpty)
        #expect(batches.map(\.firstLine) == [1, 4, 7])
        #expect(batches.map(\.lines) == [3, 3, 1])
        #expect(batches.reduce(0) { $0 + $1.lines } == 7)
    }
}
