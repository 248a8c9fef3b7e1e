//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Testing

@testable import LeadstreamAggregator

/// The gateway unreachable: the loss is noted once, the time since contact grows, the return is noted once with
/// how long it was away, and the head only grows.
@Suite struct GatewayContactTests {
    @Test func aLossIsNotedOnceAndTheReturnOnceWithTheTimeAway() {
        let t0 = ContinuousClock.now
        var contact = GatewayContact(now: t0)
        #expect(contact.heard(at: t0, head: 10) == .none)
        #expect(contact.missed(at: t0 + .seconds(1)) == .lost)
        #expect(contact.missed(at: t0 + .seconds(3)) == .none)
        #expect(contact.secondsSinceContact(at: t0 + .seconds(5)) == 5)
        #expect(contact.lastHead == 10)
        #expect(contact.heard(at: t0 + .seconds(6), head: 25) == .regained(.seconds(5)))
        #expect(contact.secondsSinceContact(at: t0 + .seconds(6)) == 0)
        #expect(contact.lastHead == 25)
    }

    @Test func aPartialIsContactWithoutMovingTheHeadAndAnOlderHeadDoesNotLowerIt() {
        let t0 = ContinuousClock.now
        var contact = GatewayContact(now: t0)
        _ = contact.heard(at: t0, head: 40)
        _ = contact.heard(at: t0 + .seconds(2))
        _ = contact.heard(at: t0 + .seconds(3), head: 30)  // a reply that was overtaken
        #expect(contact.lastHead == 40)
        #expect(contact.secondsSinceContact(at: t0 + .seconds(4)) == 1)
    }
}
