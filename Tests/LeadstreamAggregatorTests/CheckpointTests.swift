//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import LeadstreamJournal
import Logging
import Testing

@testable import LeadstreamAggregator

/// The checkpoint reader refuses every damaged file with the error that names the damage, and the start-up
/// falls back to an empty state (a full replay from the journal) instead of serving figures from it.
@Suite struct CheckpointTests {
    private func saved() throws -> (Checkpoint, AggregateState, [UInt8]) {
        let folder = NSTemporaryDirectory() + "leadstream-checkpoint-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let checkpoint = Checkpoint(path: folder + "/aggregator.checkpoint")
        let state = try RecordedStream(fixture: "02-dashboard").merged(inBatchesOf: 5).state
        try checkpoint.save(state)
        return (checkpoint, state, [UInt8](try Data(contentsOf: URL(fileURLWithPath: checkpoint.path))))
    }

    private func overwrite(_ checkpoint: Checkpoint, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: checkpoint.path))
    }

    @Test func aSavedCheckpointLoadsTheSameMergedSequence() throws {
        let (checkpoint, state, _) = try saved()
        let loaded = try #require(try checkpoint.load())
        #expect(UInt64(loaded.registry.acceptedCount) == state.merged)
        #expect(state.merged > 0)
    }

    @Test func aTruncatedCheckpointIsRefusedAsTruncated() throws {
        let (checkpoint, _, bytes) = try saved()
        try overwrite(checkpoint, Array(bytes.prefix(bytes.count / 2)))
        #expect(throws: SealError.truncated(path: checkpoint.path, size: bytes.count / 2, expected: bytes.count)) {
            try checkpoint.load()
        }
    }

    @Test func oneFlippedByteInTheRowsIsAChecksumMismatch() throws {
        let (checkpoint, _, bytes) = try saved()
        var damaged = bytes
        damaged[bytes.count - 40] ^= 0x04  // inside the payload: a value that would still decode
        try overwrite(checkpoint, damaged)
        #expect(throws: SealError.checksumMismatch(path: checkpoint.path)) { try checkpoint.load() }
    }

    @Test func aCheckpointOfAnotherEncodingVersionIsRefusedByVersion() throws {
        let (checkpoint, state, _) = try saved()
        let older = SealedFile(path: checkpoint.path, kind: Checkpoint.kind, version: UInt32(RegistryCodec.version) - 1)
        try older.write(RegistryCodec.encode(state.registry, names: state.names))
        #expect(throws: SealError.wrongVersion(path: checkpoint.path, found: UInt32(RegistryCodec.version) - 1, expected: UInt32(RegistryCodec.version))) {
            try checkpoint.load()
        }
    }

    @Test func aSealedPayloadThatDoesNotDecodeIsUndecodable() throws {
        let (checkpoint, _, _) = try saved()
        try checkpoint.file.write([RegistryCodec.version, 1, 2, 3])
        #expect(throws: SealError.undecodable(path: checkpoint.path, reason: "not lead rows of version \(RegistryCodec.version)")) {
            try checkpoint.load()
        }
    }

    @Test func aRefusedCheckpointStartsFromNothingAndIsSetAside() throws {
        let (checkpoint, _, bytes) = try saved()
        var damaged = bytes
        damaged[60] ^= 0xFF
        try overwrite(checkpoint, damaged)
        let state = CheckpointRecovery(checkpoint: checkpoint, logger: Logger(label: "test")).startingState()
        #expect(state.merged == 0)
        #expect(!FileManager.default.fileExists(atPath: checkpoint.path))
        #expect(FileManager.default.fileExists(atPath: checkpoint.path + ".rejected"))
    }

    @Test func aGoodCheckpointIsWhatTheStartUpResumesFrom() throws {
        let (checkpoint, state, _) = try saved()
        let resumed = CheckpointRecovery(checkpoint: checkpoint, logger: Logger(label: "test")).startingState()
        #expect(resumed.merged == state.merged)
    }
}
