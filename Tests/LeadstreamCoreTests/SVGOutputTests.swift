//===----------------------------------------------------------------------===//
// leadstream — lead-source analytics over ZeroMQ
//===----------------------------------------------------------------------===//

import Foundation
import Testing

@testable import LeadstreamCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Collects the elements of an XML document, to check the SVG's structure
/// with a real parser rather than by matching text.
final class ElementCollector: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []
    private(set) var rootNamespace: String?

    /// Parses `xml`; `nil` when it is not well-formed.
    static func parse(_ xml: String) -> ElementCollector? {
        let collector = ElementCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        return parser.parse() ? collector : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if elements.isEmpty { rootNamespace = attributes["xmlns"] }
        open.append(elements.count)
        elements.append(Element(name: name, attributes: attributes))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let i = open.last { elements[i].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func elements(classed cls: String) -> [Element] {
        elements.filter { ($0.attributes["class"] ?? "").split(separator: " ").contains(Substring(cls)) }
    }
}

@Suite struct SVGOutputTests {
    @Test func widgetSVGIsWellFormedStandaloneSVG() throws {
        let doc = try #require(ElementCollector.parse(try OutputFixture.widget().svg))
        #expect(doc.elements.first?.name == "svg")
        #expect(doc.rootNamespace == "http://www.w3.org/2000/svg")
        #expect(doc.elements.first?.attributes["version"] == "1.1")
        #expect(doc.elements.contains { $0.name == "title" && $0.text.contains("shop") })
    }

    @Test func everyRingHasOneArcPathOverATrack() throws {
        let report = try OutputFixture.widget()
        let doc = try #require(ElementCollector.parse(report.svg))
        let arcs = doc.elements(classed: "arc")
        #expect(report.rings.count == 3)
        #expect(arcs.count == report.rings.count)
        #expect(doc.elements(classed: "track").count == report.rings.count)
        // Ring 0 is the biggest source, in its colour.
        #expect(arcs.first?.attributes["id"] == "ring-0")
        #expect(arcs.first?.attributes["stroke"] == "#b57edc")
        #expect(arcs.map { $0.attributes["class"] } == ["arc arc-site", "arc arc-chat", "arc arc-phone"])
    }

    @Test func biggestRingSpansThreeQuartersClockwiseFromTwelve() {
        let g = SVGGeometry()
        // 270° from 12 o'clock ends at 9 o'clock, as a large clockwise arc.
        let d = g.arc(ring: 0, degrees: 270)
        let r = SVG.num(g.outerRadius)
        let start = "M \(SVG.num(g.cx)) \(SVG.num(g.cy - g.outerRadius))"
        #expect(d == start + " A \(r) \(r) 0 1 1 \(SVG.num(g.cx - g.outerRadius)) \(SVG.num(g.cy))")
        // 90° ends at 3 o'clock, a small arc.
        #expect(g.arc(ring: 0, degrees: 90).hasSuffix("0 0 1 \(SVG.num(g.cx + g.outerRadius)) \(SVG.num(g.cy))"))
    }

    @Test func legendListsAllFiveSourcesAndGreysInactiveOnes() throws {
        let doc = try #require(ElementCollector.parse(try OutputFixture.widget().svg))
        let legend = doc.elements(classed: "legend")
        #expect(legend.count == WidgetSource.allCases.count)
        let circles = doc.elements.filter { $0.name == "circle" }.map { $0.attributes["fill"] }
        // Canonical order: site, phone, mail, api, chat; mail and api are inactive.
        #expect(circles == ["#b57edc", "#3b82f6", "#9ca3af", "#9ca3af", "#22c55e"])
        #expect(doc.elements(classed: "inactive").count == 2)
        #expect(doc.elements(classed: "legend-mail").first?.attributes["class"] == "legend legend-mail inactive")
    }

    @Test func emptyWidgetDrawsTracksAndSaysSo() throws {
        let report = try OutputFixture.widget(period: "2026-11-25")
        #expect(report.state == "empty")
        let doc = try #require(ElementCollector.parse(report.svg))
        #expect(doc.elements(classed: "arc").isEmpty)
        #expect(doc.elements(classed: "track").count == 3)
        #expect(doc.elements.contains { $0.name == "text" && $0.text == "No unqualified leads in this period" })
    }

    @Test func textIsEscaped() {
        #expect(SVG.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;")
        #expect(ElementCollector.parse("<svg>" + SVG.text("<&>", x: 1, y: 2, size: 3, fill: "#000") + "</svg>") != nil)
    }
}
