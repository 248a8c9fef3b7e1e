//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Testing

@testable import LeadstreamCore

/// SPEC §1's `occurred_at`: RFC 3339 with an explicit offset, to the microsecond.
@Suite struct RFC3339Tests {
    /// 2026-11-20T10:00:00Z.
    let reference: Int64 = 1_795_168_800_000_000

    @Test func parsesUTCToTheMicrosecondSinceTheEpoch() {
        #expect(RFC3339.parse("1970-01-01T00:00:00Z")?.microseconds == 0)
        #expect(RFC3339.parse("2026-11-20T10:00:00Z")?.microseconds == reference)
        #expect(RFC3339.parse("1969-12-31T23:59:59.5Z")?.microseconds == -500_000)
    }

    @Test func acceptsLowercaseTAndZ() {
        #expect(RFC3339.parse("2026-11-20t10:00:00z")?.microseconds == reference)
    }

    @Test func keepsFractionsToTheMicrosecondAndTruncatesBeyond() {
        #expect(RFC3339.parse("2026-11-20T10:00:00.123456789Z")?.microseconds == reference + 123_456)
        #expect(RFC3339.parse("2026-11-20T10:00:00.999999999Z")?.microseconds == reference + 999_999)
        #expect(RFC3339.parse("2026-11-20T10:00:00.25Z")?.microseconds == reference + 250_000)
        #expect(RFC3339.parse("2026-11-20T10:00:00.000001Z")?.microseconds == reference + 1)
    }

    @Test func offsetsConvertToTheSameInstant() {
        #expect(RFC3339.parse("2026-11-20T04:00:00-06:00")?.microseconds == reference)
        #expect(RFC3339.parse("2026-11-20T15:45:00+05:45")?.microseconds == reference)
        #expect(RFC3339.parse("2026-11-21T09:59:00+23:59")?.microseconds == reference)
        #expect(RFC3339.parse("2026-11-20T10:00:00-00:00")?.microseconds == reference)
        #expect(RFC3339.parse("2026-11-20T04:00:00.250-06:00")?.microseconds == reference + 250_000)
    }

    @Test func leapDaysExistOnlyInLeapYears() {
        #expect(RFC3339.parse("2024-02-29T12:00:00Z") != nil)
        #expect(RFC3339.parse("2000-02-29T12:00:00Z") != nil)
        #expect(RFC3339.parse("2026-02-29T12:00:00Z") == nil)
        #expect(RFC3339.parse("1900-02-29T12:00:00Z") == nil)
        #expect(
            RFC3339.parse("2024-03-01T00:00:00Z")!.microseconds - RFC3339.parse("2024-02-28T00:00:00Z")!.microseconds
                == 2 * 86_400_000_000)
    }

    @Test(arguments: [
        "2026-11-20T10:00:00", "2026-11-20 10:00:00Z", "2026-06-30T23:59:60Z", "2026-11-20T24:00:00Z",
        "2026-11-20T10:60:00Z", "2026-11-20", "2026-11-20T10:00Z", "2026-11-20T10:00:00+0530",
        "2026-11-20T10:00:00+24:00", "2026-11-20T10:00:00+05:60", "2026-11-20T10:00:00.Z", "2026-13-01T00:00:00Z",
        "2026-00-10T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-00T00:00:00Z", "26-11-20T10:00:00Z",
        "2026-11-20T10:00:00ZZ", "2026-11-20T10:00:00+05:30 ", " 2026-11-20T10:00:00Z", "2026-1a-20T10:00:00Z",
        "2026-11-20T10:00:00+5:30", "2026-11-20T10:00:00UTC", "", "yesterday", "+2026-11-20T10:00:00Z",
    ])
    func refusesWhatIsNotRFC3339WithAnOffset(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func bytesAndStringFormsAgree() {
        let text = "2026-11-20T04:00:00.250-06:00"
        let fromBytes = Array(text.utf8).withUnsafeBytes { RFC3339.parse($0) }
        #expect(fromBytes == RFC3339.parse(text))
    }
}
