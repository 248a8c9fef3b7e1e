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

    /// Every report of the fixture over `state`: what a checkpoint must preserve.
    private func answers(_ state: AggregateState, _ stream: RecordedStream) throws -> [JSONValue] {
        try stream.someRequests().map { try state.run($0).json }
    }

    private func load(_ writer: CheckpointWriter) throws -> AggregateState? {
        try writer.checkpoint.load().map { AggregateState(registry: $0.registry, names: $0.names) }
    }

    @Test func aBackgroundSaveHoldsTheRowsAsHandedOverWhileTheLoopMergesOn() throws {
        let stream = try RecordedStream(fixture: "02-dashboard")
        let batches = stream.batches(of: 4)
        var state = AggregateState()
        var touched = TouchedDays()
        for batch in batches.prefix(batches.count / 2) { _ = state.merge(batch, touched: &touched) }
        let handedOver = state
        let writer = CheckpointWriter(
            Checkpoint(path: try folder() + "/aggregator.checkpoint"), saved: 0, logger: Logger(label: "test"))
        #expect(writer.saveInBackground(state))
        // The loop goes on merging while the save runs: the checkpoint must still be the hand-over's.
        for batch in batches.dropFirst(batches.count / 2) { _ = state.merge(batch, touched: &touched) }
        writer.saveNow(handedOver)  // waits for the running save; nothing new to save
        #expect(writer.savedThrough == handedOver.merged)
        let loaded = try #require(try load(writer))
        #expect(loaded.merged == handedOver.merged)
        #expect(try answers(loaded, stream) == answers(handedOver, stream))
        #expect(handedOver.merged < state.merged)
    }

    @Test func theShutdownSaveWaitsForARunningOneAndLeavesTheNewestOnDisk() throws {
        let stream = try RecordedStream(fixture: "01-executive")
        var state = AggregateState()
        var touched = TouchedDays()
        let batches = stream.batches(of: 3)
        let writer = CheckpointWriter(
            Checkpoint(path: try folder() + "/aggregator.checkpoint"), saved: 0, logger: Logger(label: "test"))
        _ = state.merge(batches[0], touched: &touched)
        writer.saveInBackground(state)
        for batch in batches.dropFirst() { _ = state.merge(batch, touched: &touched) }
        writer.saveNow(state)
        #expect(writer.savedThrough == state.merged)
        let loaded = try #require(try load(writer))
        #expect(loaded.merged == state.merged)
        #expect(try answers(loaded, stream) == answers(state, stream))
        // Nothing merged since: a further request starts nothing.
        #expect(!writer.saveInBackground(state))
    }
}
