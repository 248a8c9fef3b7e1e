//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamCore
import Logging
import Testing

@testable import LeadstreamAggregator

@Suite struct CheckpointWriterTests {
    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "leadstream-checkpoint-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Every report of the fixture over `registry`: what a checkpoint must preserve.
    private func answers(_ registry: LeadRegistry, _ stream: RecordedStream) throws -> [JSONValue] {
        try stream.requests.map { try AggregateState(registry: registry).run($0).json }
    }

    @Test func aBackgroundSaveHoldsTheRowsAsHandedOverWhileTheLoopMergesOn() throws {
        let stream = try RecordedStream(fixture: "02-dashboard")
        let batches = stream.batches(of: 4)
        var state = AggregateState()
        var touched = TouchedDays()
        for batch in batches.prefix(batches.count / 2) { state.merge(batch, touched: &touched) }
        let handedOver = state.registry
        let writer = CheckpointWriter(
            Checkpoint(path: try folder() + "/aggregator.checkpoint"), saved: 0, logger: Logger(label: "test"))
        #expect(writer.saveInBackground(state.registry))
        // The loop goes on merging while the save runs: the checkpoint must still be the hand-over's.
        for batch in batches.dropFirst(batches.count / 2) { state.merge(batch, touched: &touched) }
        writer.saveNow(handedOver)  // waits for the running save; nothing new to save
        #expect(writer.savedThrough == UInt64(handedOver.acceptedCount))
        let loaded = try #require(try writer.checkpoint.load())
        #expect(loaded.acceptedCount == handedOver.acceptedCount)
        #expect(try answers(loaded, stream) == answers(handedOver, stream))
        #expect(handedOver.acceptedCount < state.registry.acceptedCount)
    }

    @Test func theShutdownSaveWaitsForARunningOneAndLeavesTheNewestOnDisk() throws {
        let stream = try RecordedStream(fixture: "01-executive")
        var state = AggregateState()
        var touched = TouchedDays()
        let batches = stream.batches(of: 3)
        let writer = CheckpointWriter(
            Checkpoint(path: try folder() + "/aggregator.checkpoint"), saved: 0, logger: Logger(label: "test"))
        state.merge(batches[0], touched: &touched)
        writer.saveInBackground(state.registry)
        for batch in batches.dropFirst() { state.merge(batch, touched: &touched) }
        writer.saveNow(state.registry)
        #expect(writer.savedThrough == state.merged)
        let loaded = try #require(try writer.checkpoint.load())
        #expect(loaded.acceptedCount == state.registry.acceptedCount)
        #expect(try answers(loaded, stream) == answers(state.registry, stream))
        // Nothing merged since: a further request starts nothing.
        #expect(!writer.saveInBackground(state.registry))
    }
}
