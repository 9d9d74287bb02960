import SNNLinalg
import XCTest
@testable import SNNReport

final class ScatterAndSphereTests: XCTestCase {
    /// A deterministic spiral of `n` points with a value per point.
    private func spiral(_ n: Int) -> (x: [Double], y: [Double], v: [Double]) {
        let t = (0..<n).map { Double($0) / Double(max(n - 1, 1)) }
        return (t.map { $0 * cos(20 * $0) }, t.map { $0 * sin(20 * $0) }, t)
    }

    func testContinuousScatterHasAColourBarAndStaysSmall() throws {
        let n = 20_000
        let s = spiral(n)
        let plot = ScatterPlot(title: "Embedding", x: s.x, y: s.y, xAxis: PlotAxis(label: "u₁"),
                               yAxis: PlotAxis(label: "u₂"), coloring: .values(s.v, label: "t"))
        let svg = plot.svg()
        let elements = try XCTUnwrap(parseXML(svg))
        XCTAssertEqual(elements.withClass("series").count, 1)
        XCTAssertEqual(elements.withClass("colorbar").count, 1)
        XCTAssertEqual(svg.components(separatedBy: "h0").count - 1, n)
        XCTAssertLessThan(svg.utf8.count, 600_000, "20 000 points should take well under 1 MB")
        // Both colour-map ends are used: the lowest and highest colour levels.
        XCTAssertTrue(svg.contains(Colormap.viridis.color(at: 0.5 / 64).hex))
        XCTAssertTrue(svg.contains(Colormap.viridis.color(at: 63.5 / 64).hex))
        XCTAssertTrue(elements.withClass("note").isEmpty)
    }

    func testCategoricalScatterHasOneSeriesPerLabel() throws {
        let s = spiral(300)
        let labels = (0..<300).map { $0 % 3 }
        let plot = ScatterPlot(x: s.x, y: s.y, coloring: .labels(labels, names: [0: "cluster A"]))
        let elements = try XCTUnwrap(parseXML(plot.svg()))
        XCTAssertEqual(elements.withClass("series").count, 3)
        XCTAssertTrue(elements.texts.contains("cluster A"))
        XCTAssertTrue(elements.texts.contains("label 2"))
    }

    func testLargeScatterIsSubsampledWithANote() throws {
        var s = spiral(2500)
        s.x[1] = .nan
        let plot = ScatterPlot(x: s.x, y: s.y, maxPoints: 1000)
        let svg = plot.svg()
        let elements = try XCTUnwrap(parseXML(svg))
        // 2499 drawable points, every 3rd: 833 dots.
        XCTAssertEqual(svg.components(separatedBy: "h0").count - 1, 833)
        XCTAssertEqual(elements.withClass("note").map(\.text), ["showing 833 of 2499 points (1 in 3)"])
    }

    func testLambertProjectionOfKnownPoints() throws {
        let north = try XCTUnwrap(SpherePlot.lambertProjection(x: 0, y: 0, z: 2))
        XCTAssertTrue(north.northern)
        XCTAssertEqual(north.u, 0)
        XCTAssertEqual(north.v, 0)
        let south = try XCTUnwrap(SpherePlot.lambertProjection(x: 0, y: 0, z: -1))
        XCTAssertFalse(south.northern)
        let equator = try XCTUnwrap(SpherePlot.lambertProjection(x: 0, y: 1, z: 0))
        XCTAssertEqual(equator.u, 0, accuracy: 1e-15)
        XCTAssertEqual(equator.v, 1, accuracy: 1e-15)
        // Equal area: the cap of colatitude θ covers 1 − cos θ of its hemisphere, the disc of radius ρ covers ρ².
        for theta in [0.1, 0.7, 1.2, 1.5] {
            let p = try XCTUnwrap(SpherePlot.lambertProjection(x: sin(theta) * cos(0.3), y: sin(theta) * sin(0.3),
                                                               z: -cos(theta)))
            XCTAssertFalse(p.northern)
            XCTAssertEqual(p.u * p.u + p.v * p.v, 1 - cos(theta), accuracy: 1e-12)
            XCTAssertEqual(atan2(p.v, p.u), 0.3, accuracy: 1e-12)
        }
        XCTAssertNil(SpherePlot.lambertProjection(x: 0, y: 0, z: 0))
    }

    func testSpherePlotPlacesPolesAtDiscCentres() throws {
        let points = Matrix<Float>([[0, 0, 1], [0, 0, -1], [1, 0, 0]])
        let plot = SpherePlot(title: "u₂ on S²", points: points, values: [1.0, -1, 0], valueLabel: "u₂", markerSize: 5)
        let elements = try XCTUnwrap(parseXML(plot.svg()))
        let discs = elements.withClass("disc")
        XCTAssertEqual(discs.count, 2)
        let layout = plot.discLayout
        XCTAssertEqual(Double(discs[0].attributes["cx"] ?? ""), layout.north.x)
        XCTAssertEqual(Double(discs[1].attributes["cx"] ?? ""), layout.south.x)
        XCTAssertEqual(elements.withClass("series").count, 1)
        XCTAssertEqual(elements.withClass("colorbar").count, 1)
        // Value 1 is the top colour level, −1 the bottom one, 0 the middle.
        func dot(colour: RGBColor) throws -> [Double] {
            let p = try XCTUnwrap(elements.named("path").first { $0.attributes["stroke"] == colour.hex })
            return pathNumbers(p.attributes["d"] ?? "")
        }
        let top = try dot(colour: Colormap.diverging.color(at: 63.5 / 64))
        XCTAssertEqual(top[0], layout.north.x, accuracy: 0.01)
        XCTAssertEqual(top[1], layout.north.y, accuracy: 0.01)
        let bottom = try dot(colour: Colormap.diverging.color(at: 0.5 / 64))
        XCTAssertEqual(bottom[0], layout.south.x, accuracy: 0.01)
        XCTAssertEqual(bottom[1], layout.south.y, accuracy: 0.01)
        let middle = try dot(colour: Colormap.diverging.color(at: 32.5 / 64))
        XCTAssertEqual(middle[0], layout.north.x + layout.radius, accuracy: 0.01)
        XCTAssertEqual(middle[1], layout.north.y, accuracy: 0.01)
    }
}
