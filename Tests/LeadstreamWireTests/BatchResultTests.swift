//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import LeadstreamCore
import Testing

@testable import LeadstreamWire

@Suite struct BatchResultTests {
    @Test func wireFormCarriesTheRangeAndEveryRejectedLine() {
        let r = BatchResult(
            sequences: 7...9, accepted: 3, duplicateLines: [2],
            rejected: [LineRejection(line: 4, rejection: Rejection(.unknownLead, field: "lead_id", "lead 'x' does not exist"))])
        #expect(r.json["first_seq"] == .int(7))
        #expect(r.json["last_seq"] == .int(9))
        #expect(r.json["duplicates"] == .int(1))
        guard case .array(let rejected) = r.json["rejected"]! else { Issue.record("no rejected array"); return }
        #expect(rejected.first?["code"] == .string("unknown_lead"))
        #expect(rejected.first?["line"] == .int(4))
    }
}
