//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import Testing

@testable import LeadstreamCore

/// Zone names (SPEC §1: tz database names, case-sensitive) and local days.
struct ZoneTests {
    private func at(_ text: String) -> Timestamp {
        let formatter = ISO8601DateFormatter()
        return Timestamp(seconds: Int64(formatter.date(from: text)!.timeIntervalSince1970))
    }
    private func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }

    // MARK: - Names

    @Test(arguments: [
        "UTC", "America/Chicago", "Asia/Kathmandu", "Asia/Tokyo", "Europe/Dublin",
        "America/Argentina/Buenos_Aires", "Etc/GMT+5", "US/Central",
    ])
    func tzDatabaseNamesAreAccepted(name: String) throws {
        let zone = try #require(Zone.named(name))
        #expect(zone.name == name)
    }

    @Test(arguments: [
        "utc", "america/chicago", "ASIA/TOKYO", "Mars/Olympus", "", "GMT+5", "GMT+0500",
        "America", "America/", "America//Chicago", "/America/Chicago", "../zoneinfo/UTC",
        "America/../UTC", "/usr/share/zoneinfo/UTC", "posix/America/Chicago", "zone.tab",
        "localtime", " UTC", "UTC\n", "Asia/Tōkyō",
    ])
    func anythingElseIsRefused(name: String) {
        #expect(Zone.named(name) == nil)
    }

    @Test func utcByNameIsTheDefaultZone() {
        #expect(Zone.named("UTC") == .utc)
        #expect(Zone.utc.name == "UTC")
    }

    @Test func zonesAreEqualByName() {
        #expect(Zone.named("America/Chicago") == Zone.named("America/Chicago"))
        #expect(Zone.named("US/Central") != Zone.named("America/Chicago"))
    }

    @Test func concurrentLookupsAgree() async {
        let names = ["Asia/Kathmandu", "Europe/Paris", "Australia/Lord_Howe", "America/Chicago"]
        let zones = await withTaskGroup(of: Zone?.self) { group in
            for index in 0..<64 { group.addTask { Zone.named(names[index % names.count]) } }
            return await group.reduce(into: [Zone?]()) { $0.append($1) }
        }
        #expect(zones.allSatisfy { $0 != nil })
        #expect(Set(zones.compactMap { $0?.name }) == Set(names))
    }

    // MARK: - Days

    @Test func utcDayIsTheUtcCalendarDate() {
        for seconds: Int64 in [0, 86_399, 86_400, -1, -86_400, -86_401, 1_798_732_800, -5_000_000_000, 9_000_000_000] {
            let t = Timestamp(seconds: seconds)
            #expect(Zone.utc.day(of: t) == t.utcDay)
        }
        #expect(Zone.utc.day(of: Timestamp(microseconds: -1)) == day(1969, 12, 31))
    }

    @Test func kathmanduDayTurnsAtOneEighteenFifteenUtc() throws {
        let kathmandu = try #require(Zone.named("Asia/Kathmandu"))
        #expect(kathmandu.utcOffsetSeconds(at: at("2026-11-19T18:15:00Z")) == 20_700)
        #expect(kathmandu.day(of: at("2026-11-19T18:14:59Z")) == day(2026, 11, 19))
        #expect(kathmandu.day(of: at("2026-11-19T18:15:00Z")) == day(2026, 11, 20))
        #expect(
            kathmandu.day(of: Timestamp(microseconds: at("2026-11-19T18:15:00Z").microseconds - 1)) == day(2026, 11, 19)
        )
        #expect(kathmandu.start(of: day(2026, 11, 20)) == at("2026-11-19T18:15:00Z"))
    }

    @Test func chicagoFallBackDayLastsTwentyFiveHours() throws {
        let chicago = try #require(Zone.named("America/Chicago"))
        #expect(chicago.utcOffsetSeconds(at: at("2026-11-01T06:59:59Z")) == -18_000)
        #expect(chicago.utcOffsetSeconds(at: at("2026-11-01T07:00:00Z")) == -21_600)
        #expect(chicago.start(of: day(2026, 11, 1)) == at("2026-11-01T05:00:00Z"))
        #expect(chicago.start(of: day(2026, 11, 2)) == at("2026-11-02T06:00:00Z"))
        #expect(chicago.day(of: at("2026-11-02T05:59:59Z")) == day(2026, 11, 1))
        #expect(chicago.day(of: at("2026-11-01T04:59:59Z")) == day(2026, 10, 31))
    }

    @Test func chicagoSpringForwardDayLastsTwentyThreeHours() throws {
        let chicago = try #require(Zone.named("America/Chicago"))
        #expect(chicago.utcOffsetSeconds(at: at("2026-03-08T07:59:59Z")) == -21_600)
        #expect(chicago.utcOffsetSeconds(at: at("2026-03-08T08:00:00Z")) == -18_000)
        #expect(chicago.start(of: day(2026, 3, 8)) == at("2026-03-08T06:00:00Z"))
        #expect(chicago.start(of: day(2026, 3, 9)) == at("2026-03-09T05:00:00Z"))
        #expect(chicago.day(of: at("2026-03-09T04:59:59Z")) == day(2026, 3, 8))
    }

    @Test func tokyoIsAlreadyInTheNewYear() throws {
        let tokyo = try #require(Zone.named("Asia/Tokyo"))
        #expect(tokyo.day(of: at("2026-12-31T14:59:59Z")) == day(2026, 12, 31))
        #expect(tokyo.today(now: at("2026-12-31T16:00:00Z")) == day(2027, 1, 1))
    }

    /// The transition table must give Foundation's offset for every instant, in and outside its 1800–2200 span.
    @Test(arguments: [
        "America/Chicago", "Asia/Kathmandu", "Europe/Dublin", "Australia/Lord_Howe", "Pacific/Apia",
        "America/Sao_Paulo", "Africa/Casablanca",
    ])
    func offsetsAgreeWithFoundation(name: String) throws {
        let zone = try #require(Zone.named(name))
        let timeZone = try #require(TimeZone(identifier: name))
        var mismatches = 0
        var seconds: Int64 = -2_500_000_000
        while seconds < 4_200_000_000 {
            let expected = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
            if zone.utcOffsetSeconds(at: Timestamp(seconds: seconds)) != expected { mismatches += 1 }
            seconds += 5_413  // not a divisor of an hour, so samples drift across every time of day
        }
        for seconds: Int64 in [-9_000_000_000, -6_000_000_000, 7_300_000_000, 10_000_000_000] {
            let expected = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
            if zone.utcOffsetSeconds(at: Timestamp(seconds: seconds)) != expected { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }
}
