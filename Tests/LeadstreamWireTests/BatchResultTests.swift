//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamWire
import LeadstreamCore
import Testing

@testable import LeadstreamWire

@Suite struct BatchResultTests {
    @Test func wireFormCarriesTheRangeAndEveryRejectedLine() throws {
        let r = BatchResult(
            sequences: 7...9, accepted: 3, duplicateLines: [2],
            rejected: [LineRejection(line: 4, rejection: Rejection(.unknownLead, field: "lead_id", "lead 'x' does not exist"))])
        #expect(r.json["first_seq"] == .int(7))
        #expect(r.json["last_seq"] == .int(9))
        #expect(r.json["duplicates"] == .int(1))
        let rejected = try #require(r.json["rejected"]?.array, "no rejected array")
        #expect(rejected.first?["code"] == .string("unknown_lead"))
        #expect(rejected.first?["line"] == .int(4))
    }
}

extension JSONValue {
    /// An array's elements, or nil for another value (for `try #require`).
    var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
}
