//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// A lead's status (SPEC §4). Declaration order is the canonical order.
public enum LeadStatus: UInt8, CaseIterable, Sendable, Hashable, Comparable {
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

    public init?(name: String) {
        guard let s = LeadStatus.allCases.first(where: { $0.name == name }) else { return nil }
        self = s
    }

    public static func < (a: LeadStatus, b: LeadStatus) -> Bool { a.rawValue < b.rawValue }
}

/// The kind of lead (SPEC §2), fixed at creation.
public enum LeadType: UInt8, CaseIterable, Sendable, Hashable {
    case advisor, business, contact

    public var name: String {
        switch self {
        case .advisor: "advisor"
        case .business: "business"
        case .contact: "contact"
        }
    }

    public init?(name: String) {
        guard let s = LeadType.allCases.first(where: { $0.name == name }) else { return nil }
        self = s
    }
}
