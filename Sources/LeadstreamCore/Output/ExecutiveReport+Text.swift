//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

extension ExecutiveReport {
    /// The report for a terminal (`--format text`): a header card, the total
    /// against the previous period, the organic sources as a table with a
    /// share bar, then the AI tools and the manual entries left out.
    ///
    /// The JSON stays the contract (SPEC §6); this is for people, so
    /// percentages have one decimal and `null` shows as `—` or `n/a`.
    public var text: String {
        var out = TextFormat.card(
            "Executive Report — Customer Relations",
            [
                ("account", account),
                ("office", office ?? "all offices"),
                ("period", TextFormat.period(period)),
                ("previous", TextFormat.period(previousPeriod)),
                ("timezone", timezone),
                ("as of", "seq " + TextFormat.grouped(asOf)),
            ])
        out += "\n"
        out += "Leads  \(TextFormat.grouped(totalLeads))"
        out += "   previous \(TextFormat.grouped(previousTotalLeads))   change \(TextFormat.change(changePct))\n\n"
        out += sourceTable.rendered
        out += "\n"
        out += "AI-powered tools (web chat, AI receptionist): \(figuresLine(aiTools))\n"
        let manual = manualExcluded.map { "\($0.source.name) \(TextFormat.grouped($0.leads))" }.joined(separator: ", ")
        let manualTotal = manualExcluded.reduce(0) { $0 + $1.leads }
        out += "Manual entries excluded: \(TextFormat.grouped(manualTotal)) (\(manual))\n"
        return out
    }

    /// Width of the share bar: 100 % of the leads fills it.
    static let shareBarWidth = 20

    private var sourceTable: TextTable {
        var table = TextTable([
            .init("source", .left), .init("leads"), .init("share"), .init("", .left), .init("converted"),
            .init("conversion"),
        ])
        for f in bySource {
            table.append([
                f.source?.name ?? "", TextFormat.grouped(f.leads), TextFormat.percent(f.sharePct),
                TextFormat.bar((f.sharePct ?? 0) / 100, width: ExecutiveReport.shareBarWidth),
                TextFormat.grouped(f.converted), TextFormat.percent(f.conversionPct),
            ])
        }
        table.appendSeparator()
        let converted = bySource.reduce(0) { $0 + $1.converted }
        table.append([
            "total", TextFormat.grouped(totalLeads), TextFormat.percent(totalLeads == 0 ? nil : 100),
            "", TextFormat.grouped(converted), TextFormat.percent(percent(converted, of: totalLeads)),
        ])
        return table
    }

    private func figuresLine(_ f: Figures) -> String {
        "\(TextFormat.grouped(f.leads)) leads, \(TextFormat.percent(f.sharePct)) of total; "
            + "\(TextFormat.grouped(f.converted)) converted (\(TextFormat.percent(f.conversionPct)))"
    }
}
