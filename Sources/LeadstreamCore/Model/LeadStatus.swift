//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// A lead's status (SPEC §4). Declaration order is the canonical order.
public enum LeadStatus: UInt8, WireNamed, Comparable {
    case unqualified, new, dispatched, accepted, rejected, revoked, converted, lost

    public var name: String {
        switch self {
        case .unqualified: "unqualified"
        case .new: "new"
        case .dispatched: "dispatched"
        case .accepted: "accepted"
        case .rejected: "rejected"
        case .revoked: "revoked"
        case .converted: "converted"
        case .lost: "lost"
        }
    }

    public static func < (a: LeadStatus, b: LeadStatus) -> Bool { a.rawValue < b.rawValue }
}

/// The kind of lead (SPEC §2), fixed at creation.
public enum LeadType: UInt8, WireNamed {
    case advisor, business, contact

    public var name: String {
        switch self {
        case .advisor: "advisor"
        case .business: "business"
        case .contact: "contact"
        }
    }
}
