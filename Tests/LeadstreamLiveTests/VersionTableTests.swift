//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamClients
import LeadstreamLive
import LeadstreamCore
import Testing

/// The Clone pattern's decisions, without sockets or clocks.
@Suite struct VersionTableTests {
    /// A message of `topic` at `version` that follows `previous` (by default the version before it).
    static func message(_ topic: String, _ version: Int, after previous: Int? = nil) -> LiveMessage {
        let previous = previous ?? version - 1
        return LiveMessage(
            topic: topic, version: version, previousVersion: previous,
            json: #"{"topic":"\#(topic)","version":\#(version),"previous_version":\#(previous)}"#)
    }

    @Test func publishedVersionsCoveredByTheSnapshotAreDropped() {
        var table = VersionTable()
        #expect(table.accept(snapshot: [Self.message("exec/a/2026-W47", 4)]).count == 1)
        #expect(table.accept(published: Self.message("exec/a/2026-W47", 3)) == .drop)
        #expect(table.accept(published: Self.message("exec/a/2026-W47", 4)) == .drop)
        #expect(table.accept(published: Self.message("exec/a/2026-W47", 5)) == .emit)
    }

    @Test func aCorrectionAtTheVersionHeldIsEmittedAndAPlainRepeatIsNot() {
        var table = VersionTable()
        _ = table.accept(snapshot: [Self.message("t", 20)])
        #expect(table.accept(published: Self.message("t", 20, after: 20)) == .emit)
        #expect(table.accept(published: Self.message("t", 20, after: 19)) == .drop)
        #expect(table.accept(published: Self.message("t", 19, after: 19)) == .drop)
        #expect(table.emitted["t"] == 20)
    }

    @Test func versionsMayJumpAsLongAsPreviousVersionLinksToTheLastEmitted() {
        var table = VersionTable()
        _ = table.accept(snapshot: [Self.message("t", 20)])
        #expect(table.accept(published: Self.message("t", 57, after: 20)) == .emit)
        #expect(table.accept(published: Self.message("t", 90, after: 57)) == .emit)
    }

    @Test func aBrokenPreviousVersionLinkIsEmittedAndAsksForAResync() {
        var table = VersionTable()
        _ = table.accept(snapshot: [Self.message("t", 20)])
        #expect(table.accept(published: Self.message("t", 90, after: 57)) == .emitAndResync(known: 20))
        #expect(table.emitted["t"] == 90)
    }

    @Test func aTopicUnknownToTheSnapshotMustStartWithPreviousVersionZero() {
        var table = VersionTable()
        #expect(table.accept(published: Self.message("new", 12, after: 0)) == .emit)
        #expect(table.accept(published: Self.message("late", 30, after: 14)) == .emitAndResync(known: 0))
    }

    @Test func aResyncSnapshotYieldsOnlyTopicsNewerThanWhatWasEmitted() {
        var table = VersionTable()
        _ = table.accept(snapshot: [Self.message("a", 3), Self.message("b", 7)])
        _ = table.accept(published: Self.message("a", 5))
        let newer = table.accept(snapshot: [Self.message("a", 5), Self.message("b", 8), Self.message("c", 1)])
        #expect(newer.map(\.topic) == ["b", "c"])
        #expect(table.accept(snapshot: [Self.message("a", 4), Self.message("b", 8)]).isEmpty)
    }

    @Test(arguments: [0x5EED, 1, 2, 3] as [UInt64])
    func whateverTheOrderEmittedVersionsStrictlyIncreasePerTopic(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        var table = VersionTable()
        var emitted: [LiveMessage] = []
        for _ in 0..<5_000 {
            let version = Int.random(in: 1...60, using: &generator)
            let previous = Int.random(in: 0..<version, using: &generator)
            let message = Self.message(["a", "b", "c"].randomElement(using: &generator)!, version, after: previous)
            if Bool.random(using: &generator) {
                emitted += table.accept(snapshot: [message])
            } else if table.accept(published: message) != .drop {
                emitted.append(message)
            }
        }
        #expect(!emitted.isEmpty, "seed \(seed)")
        #expect(strictlyIncreasingPerTopic(emitted), "seed \(seed)")
    }
}

/// Parsing what the aggregator publishes.
@Suite struct LiveMessageTests {
    @Test func topicAndVersionAreReadAndTheLineIsKeptVerbatim() throws {
        let line = #"{"topic":"exec/acme/2026-W47","version":12,"previous_version":9,"as_of":{"seq":12},"total": 3}"#
        let message = try LiveMessage(json: line)
        #expect(message.topic == "exec/acme/2026-W47")
        #expect(message.version == 12)
        #expect(message.previousVersion == 9)
        #expect(message.json == line)
    }

    @Test func aCorrectionNamesItsOwnVersionAsThePreviousOne() throws {
        let correction = try LiveMessage(json: #"{"topic":"t","version":3,"previous_version":3}"#)
        #expect(correction.previousVersion == correction.version)
    }

    @Test func aLineWithoutIntegerVersionsLinkedBackwardsIsRefused() {
        #expect(throws: LiveMessageError.self) { try LiveMessage(json: #"{"topic":"t","version":2.5,"previous_version":1}"#) }
        #expect(throws: LiveMessageError.self) { try LiveMessage(json: #"{"topic":"t","version":0,"previous_version":0}"#) }
        #expect(throws: LiveMessageError.self) { try LiveMessage(json: #"{"topic":"t","version":3}"#) }
        #expect(throws: LiveMessageError.self) { try LiveMessage(json: #"{"topic":"t","version":3,"previous_version":4}"#) }
        #expect(throws: LiveMessageError.self) { try LiveMessage(json: #"{"topic":"t"}"#) }
        #expect(throws: LiveMessageError.self) { try LiveMessage(json: #"{"version":1,"previous_version":0}"#) }
        #expect(throws: LiveMessageError.self) { try LiveMessage(json: "[1]") }
    }

    /// The aggregator's compact prefix is read without building the object, and
    /// gives what the whole parse gives; a line that is not JSON is refused either way.
    @Test func theCompactPrefixReadsAsTheWholeParseAndStillNeedsValidJSON() throws {
        let compact = #"{"topic":"dash/acme/2026-11","version":120,"previous_version":0,"rows":[{"office":"o\"1"}]}"#
        let spaced = #"{ "topic": "dash/acme/2026-11", "version": 120, "previous_version": 0, "rows": [] }"#
        let a = try LiveMessage(json: compact), b = try LiveMessage(json: spaced)
        #expect(a.topic == b.topic && a.version == b.version && a.previousVersion == b.previousVersion)
        #expect(a.json == compact)
        for broken in [
            #"{"topic":"t","version":3,"previous_version":1,"rows":[1,]}"#,
            #"{"topic":"t","version":3,"previous_version":1,"x":1"#,
            #"{"topic":"t","version":3,"previous_version":1}x"#,
            #"{"topic":"t","version":03,"previous_version":1}"#,
        ] {
            #expect(throws: LiveMessageError.self, "\(broken)") { try LiveMessage(json: broken) }
        }
    }

    @Test func aSnapshotBodyIsOneMessagePerLine() throws {
        let body = Array(
            "{\"topic\":\"a\",\"version\":1,\"previous_version\":0}\n\n{\"topic\":\"b\",\"version\":4,\"previous_version\":2}\r\n".utf8)
        let messages = try LiveMessage.parseLines(body)
        #expect(messages.map(\.topic) == ["a", "b"])
        #expect(messages.map(\.version) == [1, 4])
        #expect(try LiveMessage.parseLines([]).isEmpty)
    }
}

