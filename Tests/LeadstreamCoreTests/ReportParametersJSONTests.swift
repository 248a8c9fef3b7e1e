//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import Testing

@testable import LeadstreamCore

/// A report's JSON parameters: strings, numbers and booleans read as a command line's text;
/// a wrong type names the parameter.
@Suite struct ReportParametersJSONTests {
    func parameters(_ json: String) throws(Rejection) -> [String: String] {
        guard case .object(let members) = try! JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)) else {
            fatalError("not an object: \(json)")
        }
        return try ReportRequest.parameters(json: members)
    }

    func rejection(_ json: String) -> Rejection? {
        do throws(Rejection) {
            _ = try parameters(json)
            return nil
        } catch { return error }
    }

    @Test func booleansAndNumbersReadAsTheTextACommandLineGives() throws {
        let p = try parameters(#"{"account": "acme", "period": 2026, "history": true, "limit": 50, "view": "list"}"#)
        #expect(p == ["account": "acme", "period": "2026", "history": "true", "limit": "50", "view": "list"])
        let request = try ReportRequest(kind: .dashboard, parameters: p)
        #expect(request.dashboard.history)
        #expect(request.dashboard.limit == 50)
        #expect(request.period == "2026")
        #expect(try parameters(#"{"history": false}"#) == ["history": "false"])
    }

    @Test func nullIsAbsentAsInAnEvent() throws {
        #expect(try parameters(#"{"account": "acme", "office": null}"#) == ["account": "acme"])
    }

    @Test(arguments: [
        (#"{"limit": true}"#, "limit", "a boolean"), (#"{"account": {"id": "acme"}}"#, "account", "an object"),
        (#"{"office": ["o1"]}"#, "office", "an array"), (#"{"history": [true]}"#, "history", "an array"),
        (#"{"history": {}}"#, "history", "an object"),
    ])
    func aWrongTypeIsABadRequestNamingTheParameter(json: String, name: String, type: String) throws {
        let r = try #require(rejection(json))
        #expect(r.code == .badRequest)
        #expect(r.field == name)
        #expect(r.message.contains("'\(name)'") && r.message.hasSuffix("not \(type)"))
    }

    /// A value of an accepted type is still checked by the parameter itself, with its own code.
    @Test func aValueOfTheRightTypeKeepsItsOwnErrorCode() throws {
        let badLimit = try parameters(#"{"account": "acme", "period": "2026-11", "limit": 0}"#)
        #expect(throws: Rejection(.invalidValue, field: "limit", "limit must be an integer from 1 to 100000")) {
            try ReportRequest(kind: .dashboard, parameters: badLimit)
        }
        let fraction = try parameters(#"{"limit": 2.5}"#)
        #expect(fraction["limit"] == "2.5")
        let badHistory = try parameters(#"{"account": "acme", "period": "2026-11", "history": 2}"#)
        #expect(throws: Rejection(.invalidValue, field: "history", "history must be true or false")) {
            try ReportRequest(kind: .dashboard, parameters: badHistory)
        }
    }
}
