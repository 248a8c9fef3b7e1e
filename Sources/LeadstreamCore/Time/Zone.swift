//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation

// PLACEHOLDER — to be replaced by the periods/timezones work (same public API).

/// An account's timezone: a validated tz database name and its UTC offsets.
public struct Zone: Hashable, Sendable {
    public let name: String

    public static let utc = Zone(name: "UTC")

    private init(name: String) { self.name = name }

    /// The zone of a tz database name, case-sensitive; `nil` when unknown.
    public static func named(_ name: String) -> Zone? {
        guard TimeZone(identifier: name) != nil else { return nil }
        return Zone(name: name)
    }

    /// The local calendar day of an instant in this zone.
    public func day(of t: Timestamp) -> Day {
        let tz = TimeZone(identifier: name)!
        let off = Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t.epochSeconds))))
        return Timestamp(seconds: t.epochSeconds + off).utcDay
    }
}
