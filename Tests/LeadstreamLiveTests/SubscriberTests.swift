//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamClients
import InMemoryLogging
import LeadstreamLive
import Logging
import Testing
import ZeroMQ

/// The subscriber against a fake aggregator over real TCP sockets on loopback.
///
/// Serialized: each test blocks a thread for its subscriber and the fake, and the machine may
/// have two cores; the waits are generous because they only bound failures.
@Suite(.serialized) struct SubscriberTests {
    static let topic = "exec/acme/2026-W47"

    /// Runs `body` against a fresh fake aggregator and stops it afterwards.
    static func withFake(
        sendHighWaterMark: Int32 = 1000, _ body: (FakeAggregator) async throws -> Void
    ) async throws {
        let context = try ZMQContext()
        let fake = try FakeAggregator(context: context, sendHighWaterMark: sendHighWaterMark)
        do { try await body(fake) } catch {
            fake.stop()
            throw error
        }
        fake.stop()
        try context.terminate()
    }

    @Test func aLateJoinerGetsTheSnapshotThenFollowsWithoutGapOrDuplicate() async throws {
        try await Self.withFake { fake in
            let first = (1...5).map { _ in fake.publish(Self.topic) }.last!
            let other = fake.publish("exec/other/2026-W47")
            fake.publish("dash/acme/2026-W47")  // outside the prefix
            // No silence re-fetch during the test: only the first snapshot and the stream may emit.
            let live = try SubscriberHarness(fake: fake, prefix: "exec/") { $0.refetchAfterSilence = .seconds(60) }
            try await fake.waitForSubscriber()
            #expect(try await live.wait { $0.versions(Self.topic) == [first] })
            let following = (6...40).map { _ in fake.publish(Self.topic) }
            let otherNext = fake.publish("exec/other/2026-W47")
            #expect(try await live.wait { $0.versions("exec/other/2026-W47") == [other, otherNext] })
            #expect(try await live.wait { $0.versions(Self.topic).last == following.last })
            let summary = try #require(try await live.stop())
            #expect(live.versions(Self.topic) == [first] + following)
            #expect(live.messages.allSatisfy { $0.topic.hasPrefix("exec/") })
            #expect(summary.resyncs == 0)
            #expect(summary.snapshots == 1)
        }
    }

    @Test func streamMessagesAlreadyCoveredByTheSnapshotAreDroppedNotRepeated() async throws {
        try await Self.withFake { fake in
            // The Clone race: subscribed, snapshot requested, v1…v3 published before the reply (v3) leaves.
            fake.holdSnapshots(true)
            let live = try SubscriberHarness(fake: fake) { $0.refetchAfterSilence = .seconds(60) }
            try await fake.waitForSubscriber()
            #expect(try await fake.wait { $0.heldRequests == 1 }, "the start's snapshot request never arrived")
            let early = (1...3).map { _ in fake.publish(Self.topic) }
            #expect(try await fake.wait { $0.sent == 3 }, "the three were not sent")  // on the stream before the reply
            fake.holdSnapshots(false)
            #expect(try await live.wait { $0.versions(Self.topic) == [early[2]] })
            let next = fake.publish(Self.topic)
            #expect(try await live.wait { $0.versions(Self.topic) == [early[2], next] })
            let summary = try #require(try await live.stop())
            #expect(live.versions(Self.topic) == [early[2], next])
            #expect(summary.dropped == 3)
            #expect(summary.resyncs == 0)
        }
    }

    @Test func anUnansweredSnapshotDoesNotStopTheStream() async throws {
        try await Self.withFake { fake in
            let live = try SubscriberHarness(fake: fake) {
                $0.refetchAfterSilence = .seconds(60)
                $0.query = "tcp://127.0.0.1:1"  // nobody answers there
                $0.snapshotTimeout = .milliseconds(200)
            }
            try await fake.waitForSubscriber()
            let published = (1...3).map { _ in fake.publish(Self.topic) }
            #expect(try await live.wait { $0.versions(Self.topic) == published })
            let summary = try #require(try await live.stop())
            #expect(summary.snapshotFailures == 1)
            #expect(summary.snapshots == 0)
        }
    }

    @Test func aMissedMessageTriggersAResyncThatFetchesTheNewest() async throws {
        try await Self.withFake { fake in
            let live = try SubscriberHarness(fake: fake, prefix: "exec/") { $0.refetchAfterSilence = .seconds(60) }
            try await fake.waitForSubscriber()
            let a1 = fake.publish(Self.topic)
            let b1 = fake.publish("exec/b/2026-W47")
            #expect(try await live.wait { $0.messages.count == 2 })
            fake.publish(Self.topic, deliver: false)  // lost
            let b2 = fake.publish("exec/b/2026-W47", body: #""n":2"#, deliver: false)  // lost: only a snapshot has it
            let a3 = fake.publish(Self.topic)  // its previous_version is the lost one: the break
            #expect(try await live.wait { $0.versions("exec/b/2026-W47") == [b1, b2] })
            let summary = try #require(try await live.stop())
            #expect(live.versions(Self.topic) == [a1, a3])
            #expect(live.messages.last?.json.contains(#""n":2"#) == true)
            #expect(summary.resyncs == 1)
            #expect(summary.snapshots == 2)
            #expect(live.log.entries.contains { $0.level == .info && $0.message == "resync" })
        }
    }

    @Test func aDroppedLastMessageIsRecoveredByTheSilenceRefetch() async throws {
        try await Self.withFake { fake in
            let live = try SubscriberHarness(fake: fake) { $0.refetchAfterSilence = .milliseconds(300) }
            try await fake.waitForSubscriber()
            let v1 = fake.publish(Self.topic)
            #expect(try await live.wait { $0.versions(Self.topic) == [v1] })
            let before = fake.snapshotsServed
            let v2 = fake.publish(Self.topic, deliver: false)  // the last message never arrives
            #expect(try await live.wait { $0.versions(Self.topic) == [v1, v2] })
            #expect(fake.snapshotsServed > before)
            let summary = try #require(try await live.stop())
            // The silence re-fetch found a loss no gap could show: it counts and logs as a resync.
            #expect(summary.resyncs == 1)
            #expect(live.log.entries.contains { $0.level == .info && $0.message == "resync" })
        }
    }

    @Test func idleExitStopsAfterSilenceWithALastSnapshot() async throws {
        try await Self.withFake { fake in
            let live = try SubscriberHarness(fake: fake) {
                $0.refetchAfterSilence = .seconds(60)
                $0.exitAfterIdle = .milliseconds(400)
            }
            try await fake.waitForSubscriber()
            let v1 = fake.publish(Self.topic)
            // Seen first (through the stream, or the start's snapshot if it was served after v1): published
            // back to back, the start's snapshot could already hold v2 and v1 would never show.
            #expect(try await live.wait { $0.versions(Self.topic) == [v1] })
            let v2 = fake.publish(Self.topic, deliver: false)
            let summary = try #require(try await live.finished())
            #expect(live.versions(Self.topic) == [v1, v2])
            #expect(summary.snapshots == 2)
            try live.context.terminate()
        }
    }

    @Test func aSlowSubscriberPastItsHighWaterMarkStillEmitsStrictlyIncreasingVersions() async throws {
        // Small queues on both sides and 4 KiB messages, so the kernel's socket buffers fill too and
        // the publisher has to drop.
        try await Self.withFake(sendHighWaterMark: 10) { fake in
            let topics = (1...4).map { "exec/acct\($0)/2026-W47" }
            let live = try SubscriberHarness(fake: fake) {
                $0.receiveHighWaterMark = 5
                $0.slowdown = .milliseconds(2)
                $0.refetchAfterSilence = .milliseconds(300)
            }
            try await fake.waitForSubscriber()
            let padding = String(repeating: "x", count: 4096)
            var last: [String: Int] = [:]
            for round in 1...500 {
                for topic in topics { last[topic] = fake.publish(topic, body: #""n":\#(round),"pad":"\#(padding)""#) }
                if round % 50 == 0 { try await Task.sleep(for: .milliseconds(1)) }
            }
            #expect(
                try await live.wait(timeout: .seconds(30)) { live in
                    topics.allSatisfy { live.versions($0).last == last[$0] }
                })
            let summary = try #require(try await live.stop())
            #expect(strictlyIncreasingPerTopic(live.messages))
            // libzmq dropped some of the 2,000 messages, and the subscriber noticed through previous_version.
            #expect(summary.received < 2_000)
            #expect(summary.resyncs > 0)
            #expect(live.log.entries.contains { $0.message == "resync" })
        }
    }
}
