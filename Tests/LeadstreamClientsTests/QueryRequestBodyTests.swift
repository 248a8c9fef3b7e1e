//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import Testing

@testable import LeadstreamClients

/// A `report` request's body as the aggregator reads it: what the CLI sends, what a hand-written client may send.
@Suite struct QueryRequestBodyTests {
    func read(_ json: String) -> Result<QueryRequest, Rejection> {
        do throws(Rejection) { return .success(try QueryRequest(body: Array(json.utf8))) } catch { return .failure(error) }
    }

    func rejection(_ json: String) -> Rejection? {
        if case .failure(let r) = read(json) { return r }
        return nil
    }

    @Test func theBodyTheCLISendsReadsBackUnchanged() throws {
        let sent = QueryRequest(
            kind: "dashboard", parameters: ["account": "acme", "period": "2026-11", "history": "true"], format: "csv")
        #expect(try QueryRequest(body: sent.body) == sent)
    }

    @Test func booleansAndNumbersAreTakenAndFormatDefaultsToJSON() throws {
        let q = try read(#"{"kind": "dashboard", "parameters": {"account": "acme", "period": "2026-11", "history": true, "limit": 50}}"#).get()
        #expect(q.format == "json")
        #expect(q.parameters == ["account": "acme", "period": "2026-11", "history": "true", "limit": "50"])
        let (request, _) = try q.validated()
        #expect(request.dashboard.history && request.dashboard.limit == 50)
    }

    @Test(arguments: [
        ("not json", nil, "a report request is a JSON object"), ("[1, 2]", nil, "a report request is a JSON object"),
        (#"{"parameters": {}}"#, "kind", "not nothing"), (#"{"kind": 3}"#, "kind", "not a number"),
        (#"{"kind": "executive", "parameters": ["acme"]}"#, "parameters", "not an array"),
        (#"{"kind": "executive", "format": true}"#, "format", "not a boolean"),
        (#"{"kind": "dashboard", "parameters": {"limit": true}}"#, "limit", "not a boolean"),
    ])
    func anUnreadableBodyIsABadRequestNamingWhatIsWrong(json: String, field: String?, says: String) throws {
        let r = try #require(rejection(json))
        #expect(r.code == .badRequest)
        #expect(r.field == field)
        #expect(r.message.contains(says))
    }
}
