import XCTest
@testable import SNNReport

final class SVGDocumentTests: XCTestCase {
    func testBuilderEscapesTextAndAttributes() throws {
        var doc = SVGDocument(width: 200.5, height: 100)
        doc.open("g", [("class", "a \"quoted\" <class>")])
        doc.rect(x: 0, y: 0, width: 200.5, height: 100, fill: RGBColor(hex: "#ffffff"), opacity: 0.5)
        doc.text("λ₁ < λ₂ & 'x'", x: 100.123, y: 50, anchor: .middle, rotation: -90)
        var p = SVGPath()
        p.move(1, 2)
        p.line(3.456, -4)
        p.close()
        p.dot(1.5, 2)
        doc.path(p, fill: nil, stroke: RGBColor(hex: "#000000"))
        doc.close()
        let svg = doc.svg
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200.5\" height=\"100\" viewBox=\"0 0 200.5 100\""))
        XCTAssertTrue(svg.contains("d=\"M1 2L3.46 -4ZM1.5 2h0\""))
        XCTAssertTrue(svg.contains("transform=\"rotate(-90 100.12 50)\""))
        let elements = try XCTUnwrap(parseXML(svg))
        XCTAssertEqual(elements.map(\.name), ["svg", "g", "rect", "text", "path"])
        XCTAssertEqual(elements[1].attributes["class"], "a \"quoted\" <class>")
        XCTAssertEqual(elements[3].text, "λ₁ < λ₂ & 'x'")
        XCTAssertEqual(elements[2].attributes["fill-opacity"], "0.5")
    }

    func testFigureCoordinatesHaveAtMostTwoDecimals() throws {
        let n = 500
        let x = (0..<n).map { sin(Double($0) * 0.731) * 1.2345678 }
        let y = (0..<n).map { cos(Double($0) * 0.377) * 3.3333333 }
        var plot = Plot(title: "t", xAxis: PlotAxis(label: "x"), yAxis: PlotAxis(label: "y"))
        plot.add(PlotSeries(name: "s", x: x, y: y, style: .lineAndMarkers))
        let scatter = ScatterPlot(x: x, y: y, coloring: .values(y, label: "y"))
        for svg in [plot.svg(), scatter.svg()] {
            XCTAssertNotNil(parseXML(svg))
            let longDecimal = try NSRegularExpression(pattern: "[0-9]\\.[0-9]{3,}")
            XCTAssertEqual(longDecimal.numberOfMatches(in: svg, range: NSRange(svg.startIndex..., in: svg)), 0)
        }
    }
}
