import XCTest
@testable import SNNReport

final class PlotTests: XCTestCase {
    func testLinePlotHasOneElementPerSeriesAndALegend() throws {
        let x: [Double] = [0, 1, 2, 3]
        var plot = Plot(title: "Loss <per> epoch", xAxis: PlotAxis(label: "epoch"), yAxis: PlotAxis(label: "loss"))
        plot.add(PlotSeries(name: "train", x: x, y: [4.0, 3, 2, 1]))
        plot.add(PlotSeries(name: "test & held out", x: x, y: [4.5, 3.5, 2.5, 2], style: .lineAndMarkers))
        plot.add(PlotSeries(name: "sgd", x: x, y: [Float(5), 4, 3.5, 3], style: .markers, marker: .square))
        let svg = plot.svg()
        let elements = try XCTUnwrap(parseXML(svg))
        XCTAssertEqual(elements.first?.name, "svg")
        XCTAssertEqual(elements.first?.attributes["xmlns"], "http://www.w3.org/2000/svg")
        XCTAssertEqual(elements.first?.attributes["viewBox"], "0 0 560 380")
        XCTAssertEqual(elements.withClass("series").count, 3)
        XCTAssertEqual(elements.withClass("legend").count, 1)
        let legendTexts = elements.texts
        for name in ["train", "test & held out", "sgd", "Loss <per> epoch", "epoch", "loss"] {
            XCTAssertTrue(legendTexts.contains(name), "missing text \(name)")
        }
        XCTAssertTrue(svg.contains("Loss &lt;per&gt; epoch"))
        // Series colours come from the palette in order.
        XCTAssertTrue(svg.contains(RGBColor.palette[0].hex) && svg.contains(RGBColor.palette[2].hex))
        // The line plus markers series draws two paths, the marker series square caps.
        XCTAssertTrue(svg.contains("stroke-linecap=\"square\""))
    }

    func testNonFiniteAndNonPositiveValuesAreSkipped() throws {
        var plot = Plot(yAxis: PlotAxis(scale: .log10))
        plot.add(PlotSeries(name: "a", x: [0.0, 1, 2, 3, 4, 5, 6], y: [1.0, .nan, 10, .infinity, 100, -1, 1000]))
        let svg = plot.svg()
        let elements = try XCTUnwrap(parseXML(svg))
        let series = elements.withClass("series")
        XCTAssertEqual(series.count, 1)
        let d = try XCTUnwrap(elements.named("path").first { $0.attributes["stroke"] == RGBColor.palette[0].hex }?
            .attributes["d"])
        // Points 0, 2, 4 and 6 are drawn; each invalid point breaks the line, so there are 4 subpaths.
        XCTAssertEqual(d.filter { $0 == "M" }.count, 4)
        XCTAssertEqual(pathNumbers(d).count, 8)
        XCTAssertFalse(svg.lowercased().contains("nan"))
        XCTAssertFalse(svg.contains("inf"))
        // The y axis spans the drawn decades 1…1000.
        for label in ["1", "10", "100", "1000"] { XCTAssertTrue(elements.texts.contains(label), label) }
    }

    func testLogLogPlotShowsDecadeLabelsAndBands() throws {
        let widths: [Double] = [8, 16, 32, 64, 128, 256]
        let errors = widths.map { 0.5 / $0 }
        var plot = Plot(title: "Error vs neurons", xAxis: PlotAxis(label: "neurons", scale: .log10),
                        yAxis: PlotAxis(label: "error", scale: .log10))
        plot.add(PlotSeries(name: "mean of 3 seeds", x: widths, y: errors, style: .lineAndMarkers,
                            band: ErrorBand(lower: errors.map { $0 * 0.7 }, upper: errors.map { $0 * 1.4 })))
        plot.add(PlotSeries(name: "slope −1/2", x: widths, y: widths.map { 0.3 / $0.squareRoot() }, dashed: true))
        plot.referenceLines = [.horizontal(0.05, label: "target 0.05"), .vertical(100, label: "n = 100")]
        let elements = try XCTUnwrap(parseXML(plot.svg()))
        XCTAssertEqual(elements.withClass("series").count, 2)
        XCTAssertEqual(elements.withClass("band").count, 1)
        XCTAssertEqual(elements.withClass("reference").count, 2)
        let texts = elements.texts
        for label in ["10", "20", "100", "200", "5e-3", "0.01", "0.1", "target 0.05", "n = 100"] {
            XCTAssertTrue(texts.contains(label), "missing label \(label) in \(texts)")
        }
    }

    func testShadedRegionsAreDrawnWithLabels() throws {
        let steps = (0..<100).map(Double.init)
        var plot = Plot(title: "Trajectory", xAxis: PlotAxis(label: "step"), yAxis: PlotAxis(label: "loss"))
        plot.add(PlotSeries(name: "loss", x: steps, y: steps.map { exp(-$0 / 30) }))
        plot.shadedBands = [ShadedBand(from: 0, to: 20, label: "large gradient"),
                            ShadedBand(from: 40, to: 60, label: "near saddle"),
                            ShadedBand(from: 80, to: 99, label: "near optimal")]
        let elements = try XCTUnwrap(parseXML(plot.svg()))
        XCTAssertEqual(elements.withClass("region").count, 3)
        XCTAssertTrue(elements.texts.contains("near saddle"))
    }

    func testEmptyPlotIsAFrameWithANote() throws {
        let plot = Plot(title: "Nothing yet", xAxis: PlotAxis(scale: .log10))
        let elements = try XCTUnwrap(parseXML(plot.svg()))
        XCTAssertEqual(elements.withClass("series").count, 0)
        XCTAssertEqual(elements.withClass("note").map(\.text), ["no data"])
        var allNaN = Plot()
        allNaN.add(PlotSeries(name: "nan", x: [1.0, 2], y: [Double.nan, .nan]))
        let e2 = try XCTUnwrap(parseXML(allNaN.svg()))
        XCTAssertEqual(e2.withClass("series").count, 1)
        XCTAssertEqual(e2.withClass("note").map(\.text), ["no finite data to show"])
    }

    func testPointsMapToThePlotAreaLinearly() throws {
        // Two points at the domain corners land at the inset corners of the data area.
        var plot = Plot(xAxis: PlotAxis(range: 0...10), yAxis: PlotAxis(range: 0...1), width: 400, height: 300)
        plot.add(PlotSeries(name: "", x: [0.0, 5, 10], y: [0.0, 0.5, 1], style: .markers))
        let elements = try XCTUnwrap(parseXML(plot.svg()))
        let area = try XCTUnwrap(elements.named("svg").dropFirst().first)
        let w = try XCTUnwrap(Double(area.attributes["width"] ?? "")), h = try XCTUnwrap(Double(area.attributes["height"] ?? ""))
        let d = try XCTUnwrap(elements.named("path").first { $0.attributes["stroke-linecap"] == "round" }?.attributes["d"])
        let n = pathNumbers(d)
        XCTAssertEqual(n.count, 6)
        XCTAssertEqual(n[0], 6, accuracy: 0.01)
        XCTAssertEqual(n[1], h - 6, accuracy: 0.01)
        XCTAssertEqual(n[2], w / 2, accuracy: 0.01)
        XCTAssertEqual(n[3], h / 2, accuracy: 0.01)
        XCTAssertEqual(n[4], w - 6, accuracy: 0.01)
        XCTAssertEqual(n[5], 6, accuracy: 0.01)
    }
}
