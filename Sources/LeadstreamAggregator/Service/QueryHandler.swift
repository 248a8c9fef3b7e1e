//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import LeadstreamAccess
import LeadstreamCore
import LeadstreamClients
import LeadstreamWire

extension QueryRequest {
    /// Validated, then narrowed to what `principal` may see (SPEC §10; `nil`
    /// in open mode): the request the aggregator runs, or why it is refused.
    func scoped(to principal: Principal?) throws(Rejection) -> (request: ReportRequest, format: ReportFormat) {
        let (request, format) = try validated()
        return (try ReportScope.decide(principal, request).get(), format)
    }
}

extension AggregateState {
    /// Answers a `report` query: the reply verb and body.
    func answer(_ report: ReportRequest, format: ReportFormat) -> (WireFrames.Verb, [UInt8]) {
        do throws(Rejection) {
            let rendered = try run(report).render(format)
            return (.report, [UInt8(rendered.exitStatus)] + Array(rendered.output.utf8))
        } catch {
            return (.error, error.wireBody)
        }
    }
}
