import Foundation
import Testing

@testable import LeadstreamJournal

/// `Journal.rewrite` (tenant erasure): bodies replaced in place, numbering kept, all or nothing, and the old bytes
/// in no file afterwards.
@Suite("Journal rewrite")
struct JournalRewriteTests {
    private struct Stop: Error {}

    @Test func aRewriteReplacesBodiesKeepsTheNumberingAndLeavesTheOldBytesInNoFile() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("j.sqlite")
        let journal = try Journal(path: path)
        let secret = Array("SECRET-TENANT-BYTES".utf8)
        _ = try await journal.append([JournalBlock(events: 2, body: secret), JournalBlock(events: 3, body: [1, 2, 3])])
        let result = try journal.rewrite { $0.first == 1 ? [9, 9] : nil }
        #expect(result == Journal.Rewrite(blocks: 1, through: 5))
        let blocks = try journal.read(from: 1, through: 5, limit: 100)  // checksums verified on read
        #expect(blocks.map(\.first) == [1, 3] && blocks.map(\.last) == [2, 5])
        #expect(blocks.map(\.body) == [[9, 9], [1, 2, 3]])
        #expect(journal.lastSequence == 5)
        #expect(try await journal.append([JournalBlock(events: 1, body: [7])]) == 6...6)
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path("")) {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir.path(name))))
            #expect(!bytes.indices.dropLast(secret.count - 1).contains { bytes[$0..<($0 + secret.count)].elementsEqual(secret) }, "\(name)")
        }
        try journal.close()
    }

    @Test func aRewriteThatFailsPartWayChangesNothing() async throws {
        let dir = try TemporaryDirectory()
        let journal = try Journal(path: dir.path("j.sqlite"))
        _ = try await journal.append(Fixtures.blocks(count: 3, events: 2))
        let before = try journal.read(from: 1, through: 6, limit: 100)
        #expect(throws: Stop.self) {
            _ = try journal.rewrite { block in
                if block.first == 5 { throw Stop() }
                return [0]
            }
        }
        #expect(try journal.read(from: 1, through: 6, limit: 100) == before)
        try journal.close()
    }
}
