//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

/// A plain box-drawn table for `--format text`.
///
/// Terminal output may be piped into a file or a pager, so it uses only
/// Unicode box drawing and no ANSI colours; widths are counted in
/// `Character`s, which is right for the identifiers and figures we print.
struct TextTable {
    enum Alignment { case left, right }

    struct Column {
        var title: String
        var alignment: Alignment
        init(_ title: String, _ alignment: Alignment = .right) {
            self.title = title
            self.alignment = alignment
        }
    }

    var columns: [Column]
    /// Body rows; a `nil` row draws a separator rule (e.g. before totals).
    private var rows: [[String]?] = []

    init(_ columns: [Column]) { self.columns = columns }

    mutating func append(_ cells: [String]) {
        precondition(cells.count == columns.count, "a row needs one cell per column")
        rows.append(cells)
    }

    /// Draws a rule between the rows so far and the next ones.
    mutating func appendSeparator() { rows.append(nil) }

    var rendered: String {
        var widths = columns.map(\.title.count)
        for case let row? in rows {
            for (i, cell) in row.enumerated() { widths[i] = Swift.max(widths[i], cell.count) }
        }
        func rule(_ left: String, _ mid: String, _ right: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: mid) + right + "\n"
        }
        func line(_ cells: [String], header: Bool) -> String {
            var out = "│"
            for (i, cell) in cells.enumerated() {
                let align = header && columns[i].alignment == .right ? .right : columns[i].alignment
                out += " " + TextFormat.pad(cell, to: widths[i], align) + " │"
            }
            return out + "\n"
        }
        var out = rule("┌", "┬", "┐") + line(columns.map(\.title), header: true) + rule("├", "┼", "┤")
        for row in rows {
            if let row { out += line(row, header: false) } else { out += rule("├", "┼", "┤") }
        }
        return out + rule("└", "┴", "┘")
    }
}

/// Number and label formatting shared by the text renderings.
///
/// Reports keep unrounded doubles (SPEC §1); people read one decimal. Done by
/// hand rather than with `String(format:)` so that the output does not depend
/// on the C locale or on Foundation.
enum TextFormat {
    /// `47.6 %`, or `—` when the percentage is undefined (a zero denominator).
    static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return oneDecimal(value) + " %"
    }

    /// One decimal, rounded half away from zero: `59.523…` → `59.5`.
    static func oneDecimal(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        let tenths = Int((abs(value) * 10).rounded())
        let sign = value < 0 && tenths != 0 ? "-" : ""
        return sign + grouped(tenths / 10) + "." + String(tenths % 10)
    }

    /// `1234567` → `1,234,567`: counts of a million events stay readable.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// The change against the previous period: `↑ 40.0 %`, `↓ 12.5 %`, `= 0.0 %`, or `n/a`.
    static func change(_ pct: Double?) -> String {
        guard let pct else { return "n/a" }
        let arrow = pct > 0 ? "↑" : pct < 0 ? "↓" : "="
        return arrow + " " + oneDecimal(abs(pct)) + " %"
    }

    /// A user as people read it: the empty assignee is "(unassigned)".
    static func user(_ user: String) -> String { user.isEmpty ? "(unassigned)" : user }

    /// `2026-11-16 … 2026-11-22`, or one date for a one-day period.
    static func dates(_ period: Period) -> String {
        period.from == period.to ? period.from.isoString : period.from.isoString + " … " + period.to.isoString
    }

    /// `2026-W47   2026-11-16 … 2026-11-22`; just the id when it already is the date.
    static func period(_ period: Period, separator: String = "   ") -> String {
        let dates = dates(period)
        return period.id == dates ? dates : period.id + separator + dates
    }

    /// A horizontal bar of `fraction` (0…1) of `width` cells, in eighths of a
    /// cell so small differences still show, padded with a faint track.
    static func bar(_ fraction: Double, width: Int, track: Character = "·") -> String {
        let eighths = Int((Swift.max(0, Swift.min(1, fraction)) * Double(width * 8)).rounded())
        let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var out = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { out.append(partials[eighths % 8 - 1]) }
        return out + String(repeating: track, count: width - out.count)
    }

    static func pad(_ s: String, to width: Int, _ alignment: TextTable.Alignment) -> String {
        let fill = String(repeating: " ", count: Swift.max(0, width - s.count))
        return alignment == .left ? s + fill : fill + s
    }

    /// A rounded card: a title line, then aligned `key  value` lines.
    static func card(_ title: String, _ lines: [(String, String)]) -> String {
        let keyWidth = lines.map(\.0.count).max() ?? 0
        let body = lines.map { pad($0.0, to: keyWidth, .left) + "  " + $0.1 }
        let width = ([title] + body).map(\.count).max() ?? 0
        var out = "╭" + String(repeating: "─", count: width + 2) + "╮\n"
        out += "│ " + pad(title, to: width, .left) + " │\n"
        out += "├" + String(repeating: "─", count: width + 2) + "┤\n"
        for line in body { out += "│ " + pad(line, to: width, .left) + " │\n" }
        return out + "╰" + String(repeating: "─", count: width + 2) + "╯\n"
    }
}
