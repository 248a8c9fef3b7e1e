//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

extension DashboardReport {
    /// The list page as CSV (SPEC §7): RFC 4180 quoting, `\n` line ends, a
    /// header row of the list row's keys; a missing campaign is an empty field.
    public var csv: String {
        var out = ListCSV.header
        for row in page.rows {
            let l = row.lead
            out += ListCSV.line([
                l.leadID, row.office, row.user, row.campaign, l.leadType.name, l.source.name, row.status.name,
                row.statusAt.iso8601, l.createdAt.iso8601, l.createdDay.isoString,
            ])
        }
        return out
    }
}

/// The list view's CSV lines, for one page (`--format csv`) and for every page
/// in one download (the web face's `all=true`, which has the rows as JSON).
public enum ListCSV {
    /// The header row: the list row's keys in order, with its line end.
    public static let header = DashboardReport.listColumns.joined(separator: ",") + "\n"

    /// One row's line: `nil` (no campaign) is an empty field.
    public static func line(_ fields: [String?]) -> String {
        fields.map { field($0 ?? "") }.joined(separator: ",") + "\n"
    }

    /// RFC 4180: quote a field holding a comma, quote, CR or LF; double inner quotes.
    static func field(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        return "\"" + s.replacingQuotes() + "\""
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for c in self { out += c == "\"" ? "\"\"" : String(c) }
        return out
    }
}
