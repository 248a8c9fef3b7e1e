//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// A closed set of values written on the wire by a fixed lowercase name
/// (sources, statuses, lead types): one lookup from name to case for all.
public protocol WireNamed: CaseIterable, Hashable, Sendable {
    /// The exact name in events and reports.
    var name: String { get }
}

extension WireNamed {
    /// The case with this exact (case-sensitive) name; `nil` for anything else.
    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }
}
