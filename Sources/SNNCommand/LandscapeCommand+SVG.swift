import Foundation
import SpectralNN

/// Minimal self-contained SVG figures for `snn landscape`: line plots (linear or log y axis) with optional
/// horizontal reference lines, and region bands (one row of coloured step intervals per run).
enum LandscapeSVG {
    struct Series {
        var name: String
        var points: [(x: Double, y: Double)]
    }

    struct ReferenceLine {
        var y: Double
        var label: String
    }

    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                          "#bcbd22", "#17becf"]
    static let regionColors: [LandscapeRegion: String] = [
        .nearOptimal: "#2ca02c", .nearSaddle: "#d62728", .largeGradient: "#1f77b4",
    ]

    private static let width = 760.0, height = 420.0
    private static let left = 78.0, right = 170.0, top = 40.0, bottom = 52.0

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    private static func fmt(_ x: Double) -> String { String(format: "%.2f", x) }

    private static func tickLabel(_ v: Double) -> String {
        if v == 0 { return "0" }
        let a = abs(v)
        return a >= 1e-2 && a < 1e4 ? String(format: "%g", (v * 1e4).rounded() / 1e4) : String(format: "%.0e", v)
    }

    /// A line plot. With `logY`, non-positive y values are dropped from the lines.
    static func linePlot(title: String, xLabel: String, yLabel: String, series: [Series], logY: Bool,
                         references: [ReferenceLine] = [], legendLimit: Int = 12) -> String {
        let transform: (Double) -> Double? = { y in
            guard y.isFinite else { return nil }
            if logY { return y > 0 ? log10(y) : nil }
            return y
        }
        let xs = series.flatMap { $0.points.map(\.x) }
        let ys = series.flatMap { $0.points.compactMap { transform($0.y) } } + references.compactMap { transform($0.y) }
        var xMin = xs.min() ?? 0, xMax = xs.max() ?? 1
        var yMin = ys.min() ?? 0, yMax = ys.max() ?? 1
        if xMax <= xMin { xMax = xMin + 1 }
        if yMax <= yMin { yMin -= 0.5; yMax += 0.5 }
        if logY { yMin = floor(yMin); yMax = ceil(yMax) } else {
            let pad = 0.05 * (yMax - yMin); yMin -= pad; yMax += pad
        }
        if xMin > 0 && xMin < 0.1 * xMax { xMin = 0 }
        let plotW = width - left - right, plotH = height - top - bottom
        func px(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * plotW }
        func py(_ y: Double) -> Double { top + (1 - (y - yMin) / (yMax - yMin)) * plotH }
        var svg = header(title: title)
        svg += "<rect x=\"\(fmt(left))\" y=\"\(fmt(top))\" width=\"\(fmt(plotW))\" height=\"\(fmt(plotH))\" fill=\"none\" stroke=\"#444\"/>\n"
        // y ticks
        let yTicks: [Double] = logY ? Array(stride(from: yMin, through: yMax, by: Swift.max(1, ((yMax - yMin) / 8).rounded(.up))))
                                    : (0...5).map { yMin + Double($0) / 5 * (yMax - yMin) }
        for t in yTicks {
            let label = logY ? "1e\(Int(t))" : tickLabel(t)
            svg += "<line x1=\"\(fmt(left))\" x2=\"\(fmt(left + plotW))\" y1=\"\(fmt(py(t)))\" y2=\"\(fmt(py(t)))\" stroke=\"#ddd\"/>\n"
            svg += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(py(t) + 4))\" text-anchor=\"end\" font-size=\"11\">\(label)</text>\n"
        }
        for k in 0...5 {
            let t = xMin + Double(k) / 5 * (xMax - xMin)
            svg += "<text x=\"\(fmt(px(t)))\" y=\"\(fmt(top + plotH + 16))\" text-anchor=\"middle\" font-size=\"11\">\(tickLabel(t.rounded()))</text>\n"
        }
        if !logY && yMin < 0 && yMax > 0 {
            svg += "<line x1=\"\(fmt(left))\" x2=\"\(fmt(left + plotW))\" y1=\"\(fmt(py(0)))\" y2=\"\(fmt(py(0)))\" stroke=\"#000\" stroke-width=\"0.8\"/>\n"
        }
        for ref in references {
            guard let y = transform(ref.y) else { continue }
            svg += "<line x1=\"\(fmt(left))\" x2=\"\(fmt(left + plotW))\" y1=\"\(fmt(py(y)))\" y2=\"\(fmt(py(y)))\" stroke=\"#999\" stroke-dasharray=\"5,4\"/>\n"
            svg += "<text x=\"\(fmt(left + plotW - 4))\" y=\"\(fmt(py(y) - 3))\" text-anchor=\"end\" font-size=\"10\" fill=\"#666\">\(escape(ref.label))</text>\n"
        }
        for (index, s) in series.enumerated() {
            let color = palette[index % palette.count]
            var path = ""
            var pen = false
            for p in s.points {
                guard let y = transform(p.y) else { pen = false; continue }
                path += (pen ? " L" : " M") + fmt(px(p.x)) + "," + fmt(py(y))
                pen = true
            }
            if !path.isEmpty {
                svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.2\" stroke-opacity=\"0.85\"><title>\(escape(s.name))</title></path>\n"
            }
            if index < legendLimit {
                let ly = top + 14 * Double(index) + 6
                svg += "<line x1=\"\(fmt(width - right + 10))\" x2=\"\(fmt(width - right + 28))\" y1=\"\(fmt(ly))\" y2=\"\(fmt(ly))\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
                svg += "<text x=\"\(fmt(width - right + 32))\" y=\"\(fmt(ly + 4))\" font-size=\"10\">\(escape(s.name))</text>\n"
            } else if index == legendLimit {
                svg += "<text x=\"\(fmt(width - right + 10))\" y=\"\(fmt(top + 14 * Double(index) + 10))\" font-size=\"10\">… \(series.count - legendLimit) more</text>\n"
            }
        }
        svg += axisLabels(xLabel: xLabel, yLabel: yLabel + (logY ? " (log scale)" : ""))
        return svg + "</svg>\n"
    }

    /// One row per run: each step coloured by its region.
    static func regionBands(title: String, runs: [(name: String, samples: [LandscapeSample])]) -> String {
        let rowH = 14.0, plotW = width - left - right
        let h = top + Double(runs.count) * rowH + bottom + 10
        let xMax = Double(Swift.max(1, runs.map { $0.samples.last?.step ?? 0 }.max() ?? 1))
        func px(_ x: Double) -> Double { left + x / xMax * plotW }
        var svg = header(title: title, height: h)
        for (row, run) in runs.enumerated() {
            let y = top + Double(row) * rowH
            svg += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y + rowH - 4))\" text-anchor=\"end\" font-size=\"10\">\(escape(run.name))</text>\n"
            var start = 0
            let samples = run.samples
            for i in 1...Swift.max(1, samples.count) where i == samples.count || samples[i].region != samples[start].region {
                guard start < samples.count else { break }
                let x0 = px(Double(samples[start].step)), x1 = px(Double(samples[i - 1].step + 1))
                let color = regionColors[samples[start].region] ?? "#999"
                svg += "<rect x=\"\(fmt(x0))\" y=\"\(fmt(y + 1))\" width=\"\(fmt(Swift.max(0.5, x1 - x0)))\" height=\"\(fmt(rowH - 2))\" fill=\"\(color)\"><title>\(samples[start].region.rawValue): steps \(samples[start].step)–\(samples[i - 1].step)</title></rect>\n"
                start = i
            }
        }
        let axisY = top + Double(runs.count) * rowH
        for k in 0...5 {
            let t = Double(k) / 5 * xMax
            svg += "<text x=\"\(fmt(px(t)))\" y=\"\(fmt(axisY + 16))\" text-anchor=\"middle\" font-size=\"11\">\(tickLabel(t.rounded()))</text>\n"
        }
        for (index, region) in LandscapeRegion.allCases.enumerated() {
            let ly = top + 16 * Double(index) + 6
            svg += "<rect x=\"\(fmt(width - right + 10))\" y=\"\(fmt(ly - 6))\" width=\"14\" height=\"10\" fill=\"\(regionColors[region]!)\"/>\n"
            svg += "<text x=\"\(fmt(width - right + 30))\" y=\"\(fmt(ly + 3))\" font-size=\"10\">\(region.rawValue)</text>\n"
        }
        svg += "<text x=\"\(fmt(left + plotW / 2))\" y=\"\(fmt(axisY + 36))\" text-anchor=\"middle\" font-size=\"12\">step</text>\n"
        return svg + "</svg>\n"
    }

    private static func header(title: String, height h: Double = height) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(h))\" viewBox=\"0 0 \(Int(width)) \(Int(h))\" font-family=\"sans-serif\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
            + "<text x=\"\(fmt(width / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">\(escape(title))</text>\n"
    }

    private static func axisLabels(xLabel: String, yLabel: String) -> String {
        let plotH = height - top - bottom
        return "<text x=\"\(fmt(left + (width - left - right) / 2))\" y=\"\(fmt(height - 12))\" text-anchor=\"middle\" font-size=\"12\">\(escape(xLabel))</text>\n"
            + "<text transform=\"translate(16,\(fmt(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">\(escape(yLabel))</text>\n"
    }
}
