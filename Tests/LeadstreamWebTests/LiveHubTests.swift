//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamClients
import LeadstreamAccess
import LeadstreamCore
import LeadstreamLive
import Testing

@testable import LeadstreamWeb

@Suite struct LiveHubTests {
    func message(_ topic: String, _ version: Int, _ previous: Int = 0, body: String = "") -> LiveMessage {
        LiveMessage(
            topic: topic, version: version, previousVersion: previous,
            json: #"{"topic":"\#(topic)","version":\#(version),"previous_version":\#(previous)\#(body)}"#)
    }

    let open = StreamScope(account: "acme", direct: ["exec/acme/", "dash/acme/", "widget/acme/"], scoped: [], view: nil)

    @Test func aStreamStartsWithTheAccountsTopicsInVersionOrder() throws {
        let hub = LiveHub()
        hub.receive(message("widget/acme/2026-11", 9))
        hub.receive(message("exec/acme/2026-11", 4))
        hub.receive(message("exec/zeta/2026-11", 5))
        let stream = try #require(hub.open(open, token: nil, from: 0))
        let first = try hub.drain(stream.id).get()
        #expect(first.map(\.topic) == ["exec/acme/2026-11", "widget/acme/2026-11"])
        #expect(try hub.drain(stream.id).get().isEmpty)
    }

    @Test func aSlowReaderGetsEachTopicsLatestMessageOnceNotEveryVersion() throws {
        let hub = LiveHub()
        let stream = try #require(hub.open(open, token: nil, from: 0))
        for v in 1...1_000 { hub.receive(message("exec/acme/2026-11", v, v - 1)) }
        hub.receive(message("dash/acme/2026-11", 1_000))
        let drained = try hub.drain(stream.id).get()
        #expect(drained.map(\.version) == [1_000, 1_000])
        #expect(drained.map(\.topic) == ["dash/acme/2026-11", "exec/acme/2026-11"])
    }

    @Test func aReconnectGetsTheTopicsAtOrAfterItsLastEventID() throws {
        let hub = LiveHub()
        hub.receive(message("exec/acme/2026-W47", 10))
        hub.receive(message("exec/acme/2026-11", 20))
        hub.receive(message("widget/acme/2026-11-20", 30))
        let stream = try #require(hub.open(open, token: nil, from: 20))
        #expect(try hub.drain(stream.id).get().map(\.version) == [20, 30])
    }

    @Test func anotherAccountsTopicsNeverReachAStream() throws {
        let hub = LiveHub()
        let stream = try #require(hub.open(open, token: nil, from: 0))
        let other = try #require(hub.open(StreamScope(account: "zeta", direct: ["exec/zeta/"], scoped: [], view: nil), token: nil, from: 0))
        hub.receive(message("exec/zeta/2026-11", 3))
        #expect(try hub.drain(stream.id).get().isEmpty)
        #expect(try hub.drain(other.id).get().map(\.topic) == ["exec/zeta/2026-11"])
        hub.close(other.id)
        hub.receive(message("exec/zeta/2026-11", 4))  // its account has no stream left
        #expect(try hub.drain(stream.id).get().isEmpty)
    }

    @Test func anOlderMessageThanTheOneHeldIsIgnored() throws {
        let hub = LiveHub()
        hub.receive(message("exec/acme/2026-11", 20))
        let stream = try #require(hub.open(open, token: nil, from: 0))
        _ = try hub.drain(stream.id).get()
        hub.receive(message("exec/acme/2026-11", 15))
        #expect(try hub.drain(stream.id).get().isEmpty)
    }

    @Test func aCoordinatorsViewIsFetchedOnChangeAndSentOnlyWhenItDiffers() throws {
        let hub = LiveHub()
        let viewer = Viewer(account: "acme", role: .coordinator, office: "o1", unqualified: true)
        let scope = try StreamScope.decide(account: "acme", prefix: "", principal: .viewer(viewer)).get()
        hub.receive(message("exec/acme/2026-11", 5))
        let stream = try #require(hub.open(scope, token: "lst_c", from: 0))
        #expect(try hub.drain(stream.id).get().isEmpty)  // the account-wide body is not theirs
        let stale = hub.takeStale()
        #expect(stale.map(\.topic) == ["exec/acme/2026-11"])
        #expect(stale.first?.token == "lst_c" && stale.first?.version == 5)
        hub.storeView(stale[0], body: #"{"report":"executive","office":"o1","total_leads":3,"as_of":{"seq":5}}"#)
        let sent = try hub.drain(stream.id).get()
        #expect(sent.count == 1)
        #expect(sent.first?.json.contains(#""office":"o1","total_leads":3"#) == true)

        // Another office's change: the view is fetched again, comes back the same, and is not sent.
        hub.receive(message("exec/acme/2026-11", 8, 5))
        let again = hub.takeStale()
        #expect(again.first?.version == 8)
        hub.storeView(again[0], body: #"{"report":"executive","office":"o1","total_leads":3,"as_of":{"seq":8}}"#)
        #expect(try hub.drain(stream.id).get().isEmpty)
    }

    @Test func aViewersViewsGoWithTheirLastStream() throws {
        let hub = LiveHub()
        let viewer = Viewer(account: "acme", role: .advisor, office: "o1", user: "u1")
        let scope = try StreamScope.decide(account: "acme", prefix: "", principal: .viewer(viewer)).get()
        hub.receive(message("dash/acme/2026-11", 5))
        let first = try #require(hub.open(scope, token: "lst_a", from: 0))
        let stale = hub.takeStale()
        hub.storeView(stale[0], body: #"{"report":"dashboard","as_of":{"seq":5}}"#)
        hub.close(first.id)
        let second = try #require(hub.open(scope, token: "lst_a", from: 0))
        #expect(try hub.drain(second.id).get().isEmpty)
        #expect(hub.takeStale().map(\.topic) == ["dash/acme/2026-11"])  // asked for again, not served stale
    }

    @Test func closingATokensStreamsEndsThemWithTheReason() throws {
        let hub = LiveHub()
        let stream = try #require(hub.open(open, token: "lst_x", from: 0))
        let other = try #require(hub.open(open, token: "lst_y", from: 0))
        #expect(hub.streamTokens() == ["lst_x", "lst_y"])
        hub.closeStreams(token: "lst_x", reason: "unauthorized: revoked")
        #expect(hub.drain(stream.id).failure?.reason == "unauthorized: revoked")
        #expect(hub.drain(other.id).failure == nil)
        #expect(hub.streamTokens() == ["lst_y"])
    }

    @Test func stoppingEndsEveryStreamAndRefusesNewOnes() throws {
        let hub = LiveHub()
        let stream = try #require(hub.open(open, token: nil, from: 0))
        hub.stop()
        #expect(hub.drain(stream.id).failure != nil)
        #expect(hub.open(open, token: nil, from: 0) == nil)
    }
}
