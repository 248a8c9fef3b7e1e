//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import LeadstreamCore
import Testing

/// The generated streams hold what the aggregator tests rely on: a test that
/// compares merged state with offline mode only means something when the
/// stream exercises the rule it is named for.
@Suite struct SupportStreamsTests {
    /// What each line of a stream became, offline: the decoder's rejection codes and the registry's outcomes.
    static func outcomes(_ name: String) throws -> (rejected: [ErrorCode], duplicates: Int, registry: LeadRegistry) {
        var registry = LeadRegistry()
        var rejected: [ErrorCode] = []
        var duplicates = 0
        for line in try #require(TestStream.lines(name)) {
            switch EventDecoder.decode(line) {
            case .rejected(let r): rejected.append(r.code)
            case .blank: break
            case .event(let event):
                switch registry.apply(event) {
                case .rejected(let r): rejected.append(r.code)
                case .duplicate: duplicates += 1
                case .accepted: break
                }
            }
        }
        return (rejected, duplicates, registry)
    }

    @Test(arguments: TestStream.recipes.keys.sorted())
    func aStreamIsTheSameEveryTimeAndHasLeads(name: String) throws {
        let lines = try #require(TestStream.lines(name))
        #expect(lines == TestStream.lines(name))
        let registry = try Self.outcomes(name).registry
        #expect(registry.accounts.values.contains { !$0.leads.isEmpty }, "\(name) creates no lead")
    }

    @Test func theInvalidStreamRejectsLinesOfManyKindsAndRepeatsSome() throws {
        let (rejected, duplicates, _) = try Self.outcomes("05-invalid")
        #expect(Set(rejected).isSuperset(of: [.malformedJSON, .unknownType, .missingField, .invalidTimestamp, .unknownLead,
                                              .invalidValue, .invalidTimezone, .duplicateLead]), "\(Set(rejected))")
        #expect(duplicates > 0)
    }

    @Test func theValidStreamsRejectNothing() throws {
        for name in ["01-executive", "02-dashboard", "03-widget", "04-timezones", "06-periods"] {
            #expect(try Self.outcomes(name).rejected.isEmpty, "\(name)")
        }
    }

    @Test func theTimezoneStreamMovesZonesAfterLeadsExist() throws {
        let lines = try #require(TestStream.lines("04-timezones"))
        let firstLead = try #require(lines.firstIndex { $0.contains(#""lead.created""#) })
        #expect(lines[firstLead...].contains { $0.contains(#""account.settings""#) && $0.contains(#""timezone""#) })
    }

    @Test func theWidgetStreamHasUnqualifiedLeadsAndAnAccountWithoutTheWidget() throws {
        let registry = try Self.outcomes("03-widget").registry
        #expect(registry.account("acme").leads.contains { $0.initialStatus == .unqualified })
        #expect(registry.account("dark").settings.unqualifiedEnabled == false)
    }

    /// LiveTopicsTests looks for this week's topic.
    @Test func theExecutiveStreamHasLeadsInWeek47() throws {
        let registry = try Self.outcomes("01-executive").registry
        #expect(registry.account("acme").leads.contains { Period.week(containing: $0.createdDay).id == "2026-W47" })
    }
}
