//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The event keys the rules read (SPEC §2), in validation order: the four
/// common fields, then every type's fields. Values of all other keys are
/// scanned for syntax and dropped.
enum EventKey: Int, CaseIterable {
    case type, eventID, account, occurredAt
    case leadID, office, source, user, campaign, leadType, status
    case timezone, unqualifiedEnabled, activeSources

    /// How many keys there are (`allCases.count` would build an array).
    static let count = 14

    /// The key as written in events and error messages.
    var name: String {
        switch self {
        case .type: "type"
        case .eventID: "event_id"
        case .account: "account"
        case .occurredAt: "occurred_at"
        case .leadID: "lead_id"
        case .office: "office"
        case .source: "source"
        case .user: "user"
        case .campaign: "campaign"
        case .leadType: "lead_type"
        case .status: "status"
        case .timezone: "timezone"
        case .unqualifiedEnabled: "unqualified_enabled"
        case .activeSources: "active_sources"
        }
    }

    /// The key spelled by `p[0..<n]`, or `nil` for a key the rules ignore.
    ///
    /// Dispatches on length first, so an ignored key usually costs one
    /// comparison and a kept one one or two `memcmp`s.
    @inline(__always)
    static func match(_ p: UnsafePointer<UInt8>, _ n: Int) -> EventKey? {
        @inline(__always) func eq(_ s: StaticString) -> Bool { memcmp(p, s.utf8Start, n) == 0 }
        switch n {
        case 4: return eq("type") ? .type : eq("user") ? .user : nil
        case 6: return eq("source") ? .source : eq("office") ? .office : eq("status") ? .status : nil
        case 7: return eq("lead_id") ? .leadID : eq("account") ? .account : nil
        case 8: return eq("event_id") ? .eventID : eq("campaign") ? .campaign : eq("timezone") ? .timezone : nil
        case 9: return eq("lead_type") ? .leadType : nil
        case 11: return eq("occurred_at") ? .occurredAt : nil
        case 14: return eq("active_sources") ? .activeSources : nil
        case 19: return eq("unqualified_enabled") ? .unqualifiedEnabled : nil
        default: return nil
        }
    }
}

/// Where a kept key's value lies in the line, and its kind.
///
/// For a string, `start..<end` is its content between the quotes (decoded
/// on demand, and only when `escaped`); for any other value, its JSON text.
struct JSONSlot {
    var kind: JSONKind
    var escaped: Bool
    var start: Int32
    var end: Int32

    static let absent = JSONSlot(kind: .absent, escaped: false, start: 0, end: 0)

    /// Present in the sense of SPEC §2: JSON `null` counts as absent.
    var isPresent: Bool { kind != .absent && kind != .null }
}
