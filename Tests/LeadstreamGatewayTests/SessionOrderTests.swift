//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Testing

@testable import LeadstreamGateway

@Suite struct SessionOrderTests {
    @Test func aBatchThatOvertakesAMissingEarlierOneIsRefused() {
        let order = SessionOrder()
        // A restarted gateway first sees batch 13 while the client still waits for 10.
        #expect(!order.mayAdmit(session: 1, index: 13, lowestUnacknowledged: 10))
        // The client resends from 10, in order: each is admitted after its predecessor.
        for k: UInt64 in 10...13 {
            #expect(order.mayAdmit(session: 1, index: k, lowestUnacknowledged: 10))
            order.admitted(session: 1, index: k)
        }
    }

    @Test func resendsOfAdmittedBatchesAndLaterBatchesPass() {
        let order = SessionOrder()
        order.admitted(session: 7, index: 1)
        order.admitted(session: 7, index: 2)
        #expect(order.mayAdmit(session: 7, index: 2, lowestUnacknowledged: 1))  // a resend
        #expect(order.mayAdmit(session: 7, index: 3, lowestUnacknowledged: 1))  // the next
        #expect(!order.mayAdmit(session: 7, index: 5, lowestUnacknowledged: 1))  // 3 and 4 missing
        #expect(order.mayAdmit(session: 7, index: 5, lowestUnacknowledged: 5))  // nothing owed
        #expect(!order.mayAdmit(session: 8, index: 2, lowestUnacknowledged: 1))  // another session owes 1
    }
}

@Suite struct SessionOrderGenerationTests {
    /// A roll-back after a full disk (a new generation) undoes admissions: a batch that follows one admitted
    /// before it is out of order until the client resends from its lowest unacknowledged batch.
    @Test func aSpanOfAnEarlierGenerationVouchesForNothing() {
        let order = SessionOrder()
        order.admitted(session: 1, index: 5, generation: 0)
        #expect(order.mayAdmit(session: 1, index: 6, lowestUnacknowledged: 5, generation: 0))
        #expect(!order.mayAdmit(session: 1, index: 6, lowestUnacknowledged: 5, generation: 1))
        #expect(order.mayAdmit(session: 1, index: 5, lowestUnacknowledged: 5, generation: 1))  // the resend
        order.admitted(session: 1, index: 5, generation: 1)
        #expect(order.mayAdmit(session: 1, index: 6, lowestUnacknowledged: 5, generation: 1))
    }
}
