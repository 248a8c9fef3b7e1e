//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// A report flattened into cells: every leaf of its JSON under a path such as
/// `cards.leads.value` or `offices[Downtown].users[alice].new`, with the
/// leaf's compact JSON. `leadstream validate` compares the live figures with
/// the journal's cell by cell, so a difference names the one figure that differs.
///
/// An array element that is an object is addressed by its leading string
/// members (an office, a user, a source: what the element is *of*), else by
/// its index, so one missing element does not shift every later one.
public struct FigureCells: Sendable, Equatable {
    public private(set) var cells: [(key: String, value: String)] = []

    public init(_ json: JSONValue) {
        add(json, at: "")
    }

    /// Decoded from `encoded`'s pairs (the aggregator's `figures` reply).
    public init(pairs: [(String, String)]) {
        cells = pairs.map { (key: $0.0, value: $0.1) }
    }

    public static func == (a: FigureCells, b: FigureCells) -> Bool {
        a.cells.count == b.cells.count && zip(a.cells, b.cells).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    /// The cells as a JSON array of `[key, value]` pairs, for the wire.
    public var encoded: JSONValue { .array(cells.map { .array([.string($0.key), .string($0.value)]) }) }

    private mutating func add(_ value: JSONValue, at path: String) {
        switch value {
        case .object(let members):
            for (key, member) in members { add(member, at: path.isEmpty ? key : path + "." + key) }
        case .array(let elements):
            var seen: [String: Int] = [:]
            for (i, element) in elements.enumerated() {
                var label = Self.label(element, i)
                // Two elements of the same identity (never in a report, but the key must stay unique).
                seen[label, default: 0] += 1
                if let n = seen[label], n > 1 { label += "#\(n)" }
                add(element, at: path + "[" + label + "]")
            }
        default:
            cells.append((key: path, value: value.compact))
        }
    }

    /// `office=north,user=ann`: the element's leading string members, which say what it is of (a row of
    /// the summary is an office's and a user's); its index when it has none.
    private static func label(_ element: JSONValue, _ index: Int) -> String {
        guard case .object(let members) = element else { return String(index) }
        var parts: [String] = []
        for (key, value) in members {
            guard case .string(let s) = value else { break }
            parts.append(key + "=" + s)
        }
        return parts.isEmpty ? String(index) : parts.joined(separator: ",")
    }
}

/// One figure that differs: its key, and its value live and in the journal
/// (`nil` where that side has no such cell).
public struct FigureDifference: Sendable, Equatable {
    public var report: String
    public var key: String
    public var live: String?
    public var journal: String?

    public init(report: String, key: String, live: String?, journal: String?) {
        self.report = report
        self.key = key
        self.live = live
        self.journal = journal
    }

    /// The cells of both sides compared: how many keys, and those whose values differ, in key order
    /// of the journal's side, then those only the live side has.
    public static func compare(report: String, live: FigureCells, journal: FigureCells) -> (
        compared: Int, differences: [FigureDifference]
    ) {
        var liveByKey: [String: String] = [:]
        for c in live.cells { liveByKey[c.key] = c.value }
        var seen: Set<String> = []
        var out: [FigureDifference] = []
        for c in journal.cells {
            seen.insert(c.key)
            let l = liveByKey[c.key]
            if l != c.value { out.append(FigureDifference(report: report, key: c.key, live: l, journal: c.value)) }
        }
        for c in live.cells where !seen.contains(c.key) {
            seen.insert(c.key)
            out.append(FigureDifference(report: report, key: c.key, live: c.value, journal: nil))
        }
        return (seen.count, out)
    }
}
