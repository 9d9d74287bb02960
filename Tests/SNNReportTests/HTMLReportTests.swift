import Foundation
import SNNLinalg
import XCTest
@testable import SNNReport

final class HTMLReportTests: XCTestCase {
    func testReportIsSelfContainedWellFormedAndEscaped() throws {
        var report = HTMLReport(title: "SNN <demo> & report")
        report.section("Settings")
        report.keyValues(["points": 2000, "ε": 0.25, "manifold": "S²", "training": .seconds(12.34)],
                         caption: "Run settings")
        report.paragraph("Line one\nline <two>")
        report.table(header: ["k", "λ_k", "error"],
                     rows: [[1, 0.0, .number(0.0123456)], [2, 0.99871234, "n/a"]])
        var plot = Plot(title: "a")
        plot.add(PlotSeries(name: "s", x: [1.0, 2], y: [3.0, 4]))
        report.figure(plot, caption: "First <figure>")
        report.figure(ScatterPlot(x: [1.0, 2], y: [1.0, 2], coloring: .labels([0, 1])), caption: "Second")
        report.preformatted("snn demo --out out")
        let html = report.html

        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("<title>SNN &lt;demo&gt; &amp; report</title>"))
        XCTAssertTrue(html.contains("<h1>SNN &lt;demo&gt; &amp; report</h1>"))
        XCTAssertTrue(html.contains("line &lt;two&gt;"))
        XCTAssertTrue(html.contains("<td class=\"num\">0.01235</td>"))
        XCTAssertTrue(html.contains("<td class=\"num\">0.9987</td>"))
        XCTAssertTrue(html.contains("<td class=\"num\">12.3 s</td>"))
        XCTAssertTrue(html.contains("<b>Figure 2.</b> Second"))
        XCTAssertFalse(html.contains("src="))
        XCTAssertFalse(html.contains("href="))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("<link"))
        XCTAssertFalse(html.contains("url("))

        let elements = try XCTUnwrap(parseXML(html))
        XCTAssertEqual(elements.named("figure").count, 2)
        XCTAssertEqual(elements.named("svg").count, 4)  // two figures, each with a nested data area
        XCTAssertEqual(elements.named("table").count, 2)
        XCTAssertEqual(elements.named("tr").count, 4 + 3)
        XCTAssertEqual(elements.named("h2").map(\.text), ["Settings"])
        XCTAssertEqual(elements.named("figcaption").count, 2)
        XCTAssertEqual(elements.withClass("series").count, 3)
    }

    /// Builds a report with every kind of figure and checks it; writes it to `$SNN_REPORT_DEMO` when set, to be
    /// looked at in a browser (`SNN_REPORT_DEMO=/tmp/report-demo.html swift test --filter SNNReportTests`).
    func testDemoReport() throws {
        let html = ReportDemo.html()
        let elements = try XCTUnwrap(parseXML(html))
        XCTAssertEqual(elements.named("figure").count, 6)
        XCTAssertLessThan(html.utf8.count, 2_000_000)
        if let path = ProcessInfo.processInfo.environment["SNN_REPORT_DEMO"] {
            try html.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}

/// A report with one of each figure, on synthetic data.
enum ReportDemo {
    static func html() -> String {
        var report = HTMLReport(title: "SNNReport demo")
        report.section("Settings")
        report.keyValues(["manifold": "S²", "points": 2000, "ε": 0.3, "seed": 7, "training": .seconds(41.7)],
                         caption: "Run")
        report.paragraph("Synthetic data showing every figure type of SNNReport.")

        let epochs = (1...200).map(Double.init)
        var loss = Plot(title: "Training loss", xAxis: PlotAxis(label: "epoch"),
                        yAxis: PlotAxis(label: "loss − minimum", scale: .log10))
        loss.add(PlotSeries(name: "full batch", x: epochs, y: epochs.map { 3 * exp(-$0 / 25) + 1e-4 }))
        loss.add(PlotSeries(name: "minibatch", x: epochs,
                            y: epochs.map { 3 * exp(-$0 / 35) * (1 + 0.3 * sin($0)) + 2e-4 }, dashed: true))
        loss.shadedBands = [ShadedBand(from: 1, to: 30, label: "large gradient"),
                            ShadedBand(from: 60, to: 110, label: "near saddle"),
                            ShadedBand(from: 150, to: 200, label: "near optimal")]
        loss.referenceLines = [.horizontal(1e-3, label: "tolerance 1e-3")]
        report.section("Training")
        report.figure(loss, caption: "Loss along the trajectory, regions shaded.")

        let widths: [Double] = [16, 32, 64, 128, 256, 512, 1024]
        var neurons = Plot(title: "Error vs neurons", xAxis: PlotAxis(label: "neurons", scale: .log10),
                           yAxis: PlotAxis(label: "subspace error", scale: .log10))
        for (k, depth) in [2, 3].enumerated() {
            let mean = widths.map { 0.8 / pow($0, 0.5 + 0.1 * Double(k)) }
            neurons.add(PlotSeries(name: "depth \(depth)", x: widths, y: mean, style: .lineAndMarkers,
                                   band: ErrorBand(lower: mean.map { $0 * 0.75 }, upper: mean.map { $0 * 1.3 })))
        }
        neurons.add(PlotSeries(name: "slope −1/2 (m = 2)", x: widths, y: widths.map { 1.2 / $0.squareRoot() },
                               color: RGBColor(hex: "#888888"), dashed: true))
        neurons.referenceLines = [.horizontal(0.05, label: "target 0.05")]
        report.figure(neurons, caption: "Error vs width, min–max over 3 seeds.")

        report.section("Embedding")
        var rng = UInt64(12345)
        func uniform() -> Double {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            return Double(rng >> 11) / Double(1 << 53)
        }
        let n = 2000
        var sphere = Matrix<Double>(rows: n, cols: 3)
        for i in 0..<n {
            let z = 2 * uniform() - 1, phi = 2 * Double.pi * uniform(), r = (1 - z * z).squareRoot()
            sphere[i, 0] = r * cos(phi)
            sphere[i, 1] = r * sin(phi)
            sphere[i, 2] = z
        }
        let xs = sphere.column(0), ys = sphere.column(1), zs = sphere.column(2)
        report.figure(ScatterPlot(title: "Embedding coloured by z", x: xs, y: ys, xAxis: PlotAxis(label: "u₁"),
                                  yAxis: PlotAxis(label: "u₂"), coloring: .values(zs, label: "z")),
                      caption: "First two coordinates, coloured by height.")
        let labels = (0..<n).map { zs[$0] > 0.3 ? 0 : (zs[$0] < -0.3 ? 1 : 2) }
        report.figure(ScatterPlot(title: "Clusters", x: xs, y: zs, xAxis: PlotAxis(label: "x"), yAxis: PlotAxis(label: "z"),
                                  coloring: .labels(labels, names: [0: "north cap", 1: "south cap", 2: "belt"])),
                      caption: "k-means labels.")
        let y2 = (0..<n).map { 3 * zs[$0] * zs[$0] - 1 }
        report.figure(SpherePlot(title: "Eigenvector u₂ on S²", points: sphere, values: (0..<n).map { xs[$0] },
                                 valueLabel: "u₂"), caption: "An l = 1 harmonic: x.")
        report.figure(SpherePlot(title: "Eigenvector u₅ on S²", points: sphere, values: y2, valueLabel: "u₅"),
                      caption: "An l = 2 harmonic: 3z² − 1.")
        report.section("Eigenvalues")
        report.table(header: ["k", "λ_k (graph)", "l(l+1)", "relative error"],
                     rows: (0..<4).map { k in [.integer(k), .number(Double(k) * 1.98), .integer(k * (k + 1)),
                                              .number(0.0123 * Double(k))] })
        return report.html
    }
}
