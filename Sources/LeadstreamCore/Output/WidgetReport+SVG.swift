//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation

extension WidgetReport {
    /// The widget drawn as a standalone SVG 1.1 document (`--format svg`, SPEC §8).
    ///
    /// Ring 0 is the outermost. Each ring's arc starts at 12 o'clock and runs
    /// clockwise for `arc_deg` degrees over a faint 270° track, so the biggest
    /// source spans three quarters of a circle and the free top-left quarter
    /// carries the ring labels. The legend beside the rings lists all five
    /// sources in canonical order, inactive ones grey. Only SVG 1.1 elements
    /// and attributes are used (no `data-*`, no CSS), so any renderer, an
    /// `<img>` tag or a mail client shows it the same.
    public var svg: String {
        let g = SVGGeometry()
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(g.width)" height="\(g.height)" \
            viewBox="0 0 \(g.width) \(g.height)" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">

            """
        let title = "Sources of Leads — " + account
        let subtitle = TextFormat.period(period, separator: " · ") + " · " + timezone
        out += "<title>\(SVG.escape(title + " · " + period.id))</title>\n"
        out += "<desc>\(SVG.escape(description))</desc>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        out += SVG.text(title, x: 24, y: 36, size: 18, fill: "#111827", extra: " font-weight=\"bold\"")
        out += SVG.text(subtitle, x: 24, y: 58, size: 12, fill: "#6b7280")

        // Tracks: one per ring; with nothing to draw, one per active source (at least one).
        let trackCount = rings.isEmpty ? Swift.max(1, activeSources.members.count) : rings.count
        for i in 0..<Swift.min(trackCount, WidgetSource.allCases.count) {
            let color = i < rings.count ? SVG.hex(rings[i].source.color) : SVG.hex("grey")
            out += "<path class=\"track\" d=\"\(g.arc(ring: i, degrees: 270))\" fill=\"none\" stroke=\"\(color)\" "
            out += "stroke-opacity=\"0.18\" stroke-width=\"\(g.stroke)\" stroke-linecap=\"round\"/>\n"
        }
        for (i, ring) in rings.enumerated() {
            let cap = ring.arcDegrees > 0 ? "round" : "butt"
            let d = g.arc(ring: i, degrees: ring.arcDegrees)
            out += "<path id=\"ring-\(i)\" class=\"arc arc-\(ring.source.name)\" d=\"\(d)\" fill=\"none\" "
            out += "stroke=\"\(SVG.hex(ring.source.color))\" stroke-width=\"\(g.stroke)\" stroke-linecap=\"\(cap)\"/>\n"
            let y = g.cy - g.radius(ring: i) + 4
            out += SVG.text(
                "\(ring.source.label) \(TextFormat.grouped(ring.count))", x: g.cx - 14, y: y, size: 11, fill: "#374151",
                extra: " text-anchor=\"end\"")
        }

        // Legend: all five sources, canonical order.
        for (k, source) in WidgetSource.allCases.enumerated() {
            let active = activeSources.contains(source)
            let y = g.legendTop + Double(k) * g.legendStep
            let color = SVG.hex(active ? source.color : "grey")
            out += "<g class=\"legend legend-\(source.name) \(active ? "active" : "inactive")\">\n"
            out += "<circle cx=\"\(SVG.num(g.legendX + 7))\" cy=\"\(SVG.num(y - 4))\" r=\"7\" fill=\"\(color)\"/>\n"
            out += SVG.text(source.label, x: g.legendX + 22, y: y, size: 13, fill: active ? "#111827" : "#9ca3af")
            let count =
                active ? TextFormat.grouped(rings.first(where: { $0.source == source })?.count ?? 0) : "inactive"
            out += SVG.text(
                count, x: g.legendX + 190, y: y, size: 13, fill: active ? "#111827" : "#9ca3af",
                extra: " text-anchor=\"end\"")
            out += "</g>\n"
        }
        let footY = g.legendTop + 5 * g.legendStep + 10
        if rings.isEmpty {
            out += SVG.text("No unqualified leads in this period", x: g.legendX, y: footY, size: 13, fill: "#6b7280")
        } else {
            out += SVG.text(
                "Total \(TextFormat.grouped(total)) unqualified leads", x: g.legendX, y: footY, size: 13,
                fill: "#374151",
                extra: " font-weight=\"bold\"")
        }
        return out + "</svg>\n"
    }

    /// A one-sentence text alternative for screen readers and search.
    private var description: String {
        guard !rings.isEmpty else { return "No unqualified leads in this period." }
        return "Unqualified leads by source: "
            + rings.map { "\($0.source.label) \($0.count)" }.joined(separator: ", ") + "; total \(total)."
    }
}

/// Where things go in the widget SVG: one place for the numbers the drawing shares.
struct SVGGeometry {
    let width = 620
    let height = 360
    let cx = 190.0
    let cy = 205.0
    let outerRadius = 128.0
    let stroke = 16.0
    let spacing = 22.0
    let legendX = 370.0
    let legendTop = 130.0
    let legendStep = 30.0

    func radius(ring: Int) -> Double { outerRadius - Double(ring) * spacing }

    /// A clockwise arc from 12 o'clock spanning `degrees` on ring `ring`.
    func arc(ring: Int, degrees: Double) -> String {
        let r = radius(ring: ring)
        let theta = Swift.max(0, Swift.min(degrees, 359.99)) * .pi / 180
        let (x0, y0) = (cx, cy - r)
        let (x1, y1) = (cx + r * sin(theta), cy - r * cos(theta))
        let large = degrees > 180 ? 1 : 0
        let radii = "\(SVG.num(r)) \(SVG.num(r))"
        return "M \(SVG.num(x0)) \(SVG.num(y0)) A \(radii) 0 \(large) 1 \(SVG.num(x1)) \(SVG.num(y1))"
    }
}

/// Small SVG writing helpers: escaping, numbers and the palette of SPEC §8.
enum SVG {
    /// The colours of SPEC §8, by the names reports use.
    static let palette = [
        "lilac": "#b57edc", "blue": "#3b82f6", "yellow": "#facc15", "red": "#ef4444", "green": "#22c55e",
        "grey": "#9ca3af",
    ]

    static func hex(_ name: String) -> String { palette[name] ?? "#9ca3af" }

    /// Escapes text and attribute values: identifiers are safe by SPEC §1, but
    /// the writer should not have to trust that.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Two decimals are plenty for pixels and keep the file small and stable.
    static func num(_ x: Double) -> String {
        let v = (x * 100).rounded() / 100
        return v == v.rounded() ? String(Int(v)) : String(v)
    }

    static func text(_ s: String, x: Double, y: Double, size: Int, fill: String, extra: String = "") -> String {
        "<text x=\"\(num(x))\" y=\"\(num(y))\" font-size=\"\(size)\" fill=\"\(fill)\"\(extra)>\(escape(s))</text>\n"
    }
}
