//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import Testing

@testable import LeadstreamPartitions

@Suite struct PartitionMapTests {
    static let two = [
        PartitionMap.Endpoints(ingest: "tcp://a:5550", query: "tcp://a:5554", publish: "tcp://a:5553"),
        PartitionMap.Endpoints(ingest: "tcp://b:5550", query: "tcp://b:5554", publish: "tcp://b:5553"),
    ]

    @Test func theStableHashIsFNV1a64OfTheUTF8Bytes() {
        // Published FNV-1a 64 test vectors: the placement must not depend on the process or the language.
        #expect(PartitionMap.stableHash("") == 0xcbf2_9ce4_8422_2325)
        #expect(PartitionMap.stableHash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(PartitionMap.stableHash("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test func anAccountIsPlacedByItsHashUnlessTheMapPlacesIt() {
        var map = PartitionMap(partitions: Self.two)
        let hashed = Int(PartitionMap.stableHash("acme") % 2)
        #expect(map.owner(of: "acme") == hashed)
        map.accounts["acme"] = 1 - hashed
        #expect(map.owner(of: "acme") == 1 - hashed)
        #expect(PartitionMap.hashedOwner(of: "acme", count: 1) == 0)
    }

    @Test func aMovingAccountIsServedWhereItMovesFrom() {
        let map = PartitionMap(partitions: Self.two, accounts: ["acme": 1], moving: ["acme": 0])
        #expect(map.owner(of: "acme") == 1)
        #expect(map.server(of: "acme") == 0)
    }

    @Test func aFileWithoutAccountsOrMovingReadsAndABadPlacementIsRefused() throws {
        let text = #"{"epoch": 3, "partitions": [{"ingest": "i", "query": "q", "publish": "p"}]}"#
        let map = try PartitionMapFile.decode(Data(text.utf8), source: "test")
        #expect(map.epoch == 3 && map.accounts.isEmpty && map.moving.isEmpty && map.partitions[0].http == nil)
        let bad = #"{"epoch": 1, "partitions": [{"ingest": "i", "query": "q", "publish": "p"}], "accounts": {"x": 4}}"#
        #expect(throws: PartitionMapFile.Failure.self) { try PartitionMapFile.decode(Data(bad.utf8), source: "test") }
        #expect(throws: PartitionMapFile.Failure.self) {
            try PartitionMapFile.decode(Data(#"{"epoch": 1, "partitions": []}"#.utf8), source: "test")
        }
    }
}

@Suite struct PartitionPlacementTests {
    func placement(_ map: PartitionMap, index: Int) throws -> PartitionPlacement {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("map-\(UUID().uuidString).json").path
        try PartitionMapFile.write(map, to: path)
        return try PartitionPlacement(path: path, index: index)
    }

    @Test func aLineOfAnotherPartitionsAccountIsRejectedNamingThatPartition() throws {
        let map = PartitionMap(partitions: PartitionMapTests.two, accounts: ["acme": 1])
        let here = try placement(map, index: 0)
        let wrong = try #require(here.rejection(for: "acme"))
        #expect(wrong.code == .wrongPartition && wrong.field == "account")
        #expect(wrong.message.contains("partition 1") && wrong.message.contains("tcp://b:5550"))
        #expect(try placement(map, index: 1).rejection(for: "acme") == nil)
    }

    @Test func aMovingAccountTakesOnlyTheMovesCopyAndIsAnsweredAtItsSource() throws {
        let map = PartitionMap(partitions: PartitionMapTests.two, accounts: ["acme": 1], moving: ["acme": 0])
        let target = try placement(map, index: 1)
        let source = try placement(map, index: 0)
        #expect(target.rejection(for: "acme")?.code == .wrongPartition)
        #expect(target.rejection(for: "acme", importing: true) == nil)
        #expect(source.rejection(for: "acme")?.code == .wrongPartition)
        #expect(source.queryRejection(for: "acme") == nil)
        #expect(target.queryRejection(for: "acme")?.code == .wrongPartition)
    }

    @Test func anUnknownPartitionIndexIsRefusedAtStart() throws {
        let map = PartitionMap(partitions: PartitionMapTests.two)
        #expect(throws: PartitionMapFile.Failure.self) { try placement(map, index: 2) }
    }
}

@Suite struct PartitionsVerbTests {
    @Test func aScopedTokenLearnsOnlyItsOwnAccountsPlace() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("map-\(UUID().uuidString).json").path
        try PartitionMapFile.write(PartitionMap(epoch: 4, partitions: PartitionMapTests.two), to: path)
        let here = try PartitionPlacement(path: path, index: 1)
        let body = PartitionsVerb.encodeRequest(["acme", "globex"])
        let all = try #require(PartitionsVerb.answer(body, placement: here, scope: nil))
        #expect(all.epoch == 4 && all.partition == 1 && all.count == 2 && all.partitions == PartitionMapTests.two)
        #expect(Set(all.accounts.keys) == ["acme", "globex"])
        let scoped = try #require(PartitionsVerb.answer(body, placement: here, scope: "globex"))
        #expect(scoped.accounts.keys.sorted() == ["globex"])
    }

    @Test func withoutAMapEveryAccountIsHereAndABadBodyIsNoRequest() throws {
        let reply = try #require(PartitionsVerb.answer(PartitionsVerb.encodeRequest(["acme"]), placement: nil, scope: nil))
        #expect(reply.count == 1 && reply.partitions.isEmpty && reply.accounts == ["acme": 0])
        #expect(PartitionsVerb.answer(Array("[1]".utf8), placement: nil, scope: nil) == nil)
        #expect(PartitionsVerb.answer([], placement: nil, scope: nil)?.accounts == [:])
    }
}
