//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

extension WidgetReport {
    /// The widget for a terminal (`--format text`): each ring as a horizontal
    /// bar whose length is its arc (270° fills `barWidth` cells), outermost
    /// first, then the legend with every source, active or not.
    ///
    /// An unavailable widget never gets here: the command prints its error.
    public var text: String {
        var out = TextFormat.card(
            "Sources of Leads — unqualified leads",
            [
                ("account", account),
                ("period", TextFormat.period(period)),
                ("timezone", timezone),
                ("as of", "seq " + TextFormat.grouped(asOf)),
            ])
        out += "\n"
        if rings.isEmpty {
            out += "No unqualified leads in this period.\n"
        } else {
            out += "Total \(TextFormat.grouped(total)) · largest source \(TextFormat.grouped(max)) = 100 %\n\n"
            let labelWidth = rings.map(\.source.label.count).max() ?? 0
            let countWidth = rings.map { TextFormat.grouped($0.count).count }.max() ?? 0
            for (i, ring) in rings.enumerated() {
                out += "  ring \(i)  " + TextFormat.pad(ring.source.label, to: labelWidth, .left) + "  "
                out += TextFormat.bar(ring.arcDegrees / 270, width: WidgetReport.barWidth) + "  "
                out += TextFormat.pad(TextFormat.grouped(ring.count), to: countWidth, .right)
                out += "  " + TextFormat.pad(TextFormat.percent(ring.sharePct), to: 7, .right)
                out += "  " + TextFormat.pad(TextFormat.oneDecimal(ring.arcDegrees) + "°", to: 6, .right) + "\n"
            }
        }
        out += "\nLegend\n"
        for source in WidgetSource.allCases {
            let active = activeSources.contains(source)
            let count = rings.first(where: { $0.source == source })?.count ?? 0
            out += "  " + (active ? "●" : "○") + " " + TextFormat.pad(source.label, to: 10, .left)
            out += TextFormat.pad(active ? source.color : "grey", to: 7, .left)
            out += active ? "active    " + TextFormat.grouped(count) : "inactive"
            out += "\n"
        }
        return out
    }

    /// Cells for a 270° arc: 30 cells, so one cell is 9°.
    static let barWidth = 30
}
