import XCTest
@testable import SNNReport

final class RegionBarsTests: XCTestCase {
    private let names = ["near-optimal", "near-saddle", "large-gradient"]
    private let colors = [RGBColor(hex: "#2a9d4b"), RGBColor(hex: "#c8313a"), RGBColor(hex: "#2f6db5")]

    func testSegmentsMergeEqualNeighbours() {
        let s = RegionBars.segments([2, 2, 1, 1, 1, 0, 2])
        XCTAssertEqual(s.map(\.category), [2, 1, 0, 2])
        XCTAssertEqual(s.map(\.start), [0, 2, 5, 6])
        XCTAssertEqual(s.map(\.count), [2, 3, 1, 1])
        XCTAssertTrue(RegionBars.segments([]).isEmpty)
        XCTAssertEqual(RegionBars.segments([1]).map(\.count), [1])
    }

    func testBarsSegmentsAndLegendAreWellFormed() throws {
        let bars = RegionBars(title: "Region <per> step",
                              rows: [(label: "random 1", categories: [2, 2, 1, 1, 1, 0, 0, 0, 0, 0]),
                                     (label: "near Y* & co", categories: [0, 0, 0, 0]),
                                     (label: "saddle {1,2}", categories: [1, 1, 2, 0, 0, 0])],
                              categoryNames: names, colors: colors)
        let svg = bars.svg()
        let elements = try XCTUnwrap(parseXML(svg))
        XCTAssertEqual(elements.withClass("bar").count, 3)
        let segments = elements.withClass("segment")
        XCTAssertEqual(segments.count, 3 + 1 + 3)
        XCTAssertEqual(segments.map { $0.attributes["fill"] },
                       [colors[2].hex, colors[1].hex, colors[0].hex, colors[0].hex,
                        colors[1].hex, colors[2].hex, colors[0].hex])
        // Tooltips give the category and the step range.
        XCTAssertEqual(elements.named("title").map(\.text).first, "large-gradient: steps 0–1")
        XCTAssertTrue(elements.named("title").map(\.text).contains("large-gradient: step 2"))
        // Segment widths are proportional to their step counts: row 1 has 2, 3 and 5 steps over 10 steps.
        let widths = segments.prefix(3).compactMap { $0.attributes["width"].flatMap(Double.init) }
        XCTAssertEqual(widths.count, 3)
        XCTAssertEqual(widths[1] / widths[0], 1.5, accuracy: 0.01)
        XCTAssertEqual(widths[2] / widths[0], 2.5, accuracy: 0.01)
        // The 4-step row ends at 40 % of the 10-step row's length.
        let x0 = try XCTUnwrap(segments[0].attributes["x"].flatMap(Double.init))
        let fullRow = widths.reduce(0, +)
        let shortRow = try XCTUnwrap(segments[3].attributes["width"].flatMap(Double.init))
        XCTAssertEqual(try XCTUnwrap(segments[3].attributes["x"].flatMap(Double.init)), x0, accuracy: 0.01)
        XCTAssertEqual(shortRow / fullRow, 0.4, accuracy: 0.01)
        // Legend: one swatch and name per category, in order.
        let legend = try XCTUnwrap(svg.range(of: "<g class=\"legend\">").map { String(svg[$0.lowerBound...]) })
        let legendElements = try XCTUnwrap(parseXML(String(legend.dropLast("</svg>".count))))
        XCTAssertEqual(legendElements.texts, names)
        XCTAssertEqual(legendElements.named("rect").map { $0.attributes["fill"] }, colors.map(\.hex))
        // Row labels, escaped title, x-axis label and tick labels at 0 … 10 steps.
        XCTAssertTrue(elements.texts.contains("near Y* & co"))
        XCTAssertTrue(elements.texts.contains("Region <per> step"))
        XCTAssertTrue(elements.texts.contains("step"))
        XCTAssertTrue(elements.texts.contains("0"))
        XCTAssertTrue(elements.texts.contains("10"))
    }

    func testNoRowsShowsANote() throws {
        let bars = RegionBars(title: "empty", rows: [], categoryNames: names, colors: colors)
        let elements = try XCTUnwrap(parseXML(bars.svg()))
        XCTAssertEqual(elements.withClass("note").map(\.text), ["no data"])
        XCTAssertEqual(elements.withClass("segment").count, 0)
    }
}
