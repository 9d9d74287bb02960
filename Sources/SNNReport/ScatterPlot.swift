/// A scatter plot whose points are coloured by a continuous value (with a colour bar), by an integer label
/// (with a legend), or all in one colour; rendered as SVG.
///
/// Each point costs about 16 bytes of SVG (a zero-length path segment with a round cap; points are grouped into
/// one path per colour), so 20 000 points make about 0.32 MB (measured). Above `maxPoints` every k-th point is drawn and
/// the figure says so. Points with a non-finite coordinate or value (or ≤ 0 on a log axis) are skipped.
/// With a continuous colour, points are drawn in order of their colour level (64 levels), not input order.
public struct ScatterPlot: SVGFigure {
    /// How points are coloured.
    public enum Coloring: Sendable {
        /// Every point in one colour.
        case uniform(RGBColor)
        /// `values[i]` through `colormap`, over `range` (nil: the finite values' range, or ±max|value| when
        /// `symmetric`); a colour bar labelled `label` is drawn on the right.
        case continuous(values: [Double], colormap: Colormap, label: String, range: ClosedRange<Double>?,
                        symmetric: Bool)
        /// `labels[i]` as a palette colour, with a legend naming each label (`names[label]`, else "label k").
        case categorical(labels: [Int], names: [Int: String])

        /// Continuous colouring by `values` with the viridis-like map over their range.
        public static func values<T: BinaryFloatingPoint>(_ values: [T], label: String = "",
                                                          colormap: Colormap = .viridis) -> Coloring {
            .continuous(values: values.map { Double($0) }, colormap: colormap, label: label, range: nil,
                        symmetric: false)
        }

        /// Categorical colouring by integer labels.
        public static func labels(_ labels: [Int], names: [Int: String] = [:]) -> Coloring {
            .categorical(labels: labels, names: names)
        }
    }

    public var title: String
    public var xAxis: PlotAxis
    public var yAxis: PlotAxis
    public var x: [Double]
    public var y: [Double]
    public var coloring: Coloring
    /// Marker diameter in pixels.
    public var markerSize: Double
    /// Above this many points only every k-th point is drawn (with a note in the figure).
    public var maxPoints: Int
    public var width: Double
    public var height: Double

    /// A scatter of the points `(x[i], y[i])`.
    public init<T: BinaryFloatingPoint>(title: String = "", x: [T], y: [T], xAxis: PlotAxis = PlotAxis(),
                                        yAxis: PlotAxis = PlotAxis(),
                                        coloring: Coloring = .uniform(RGBColor.categorical(0)),
                                        markerSize: Double = 4, maxPoints: Int = 50_000,
                                        width: Double = 540, height: Double = 440) {
        precondition(x.count == y.count, "scatter: \(x.count) x values but \(y.count) y values")
        switch coloring {
        case .uniform: break
        case .continuous(let values, _, _, _, _):
            precondition(values.count == x.count, "scatter: \(values.count) colour values for \(x.count) points")
        case .categorical(let labels, _):
            precondition(labels.count == x.count, "scatter: \(labels.count) labels for \(x.count) points")
        }
        precondition(maxPoints >= 1, "maxPoints must be positive")
        self.title = title
        self.x = x.map { Double($0) }
        self.y = y.map { Double($0) }
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.coloring = coloring
        self.markerSize = markerSize
        self.maxPoints = maxPoints
        self.width = width
        self.height = height
    }

    /// The scatter as a standalone SVG document: one `<g class="series">` for a uniform or continuous colouring,
    /// one per distinct label for a categorical one.
    /// - Complexity: O(n).
    public func svg() -> String {
        var shown = x.indices.filter { xAxis.accepts(x[$0]) && yAxis.accepts(y[$0]) }
        if case .continuous(let values, _, _, _, _) = coloring { shown = shown.filter { values[$0].isFinite } }
        let drawable = shown.count
        let stride = drawable > maxPoints ? (drawable + maxPoints - 1) / maxPoints : 1
        if stride > 1 { shown = Swift.stride(from: 0, to: drawable, by: stride).map { shown[$0] } }

        var legend: [LegendEntry] = []
        var rightSpace = 16.0
        var colorRange: ClosedRange<Double>? = nil
        switch coloring {
        case .uniform:
            break
        case .continuous(let values, _, _, let range, let symmetric):
            colorRange = range ?? ColorBar.range(of: shown.map { values[$0] }, symmetric: symmetric) ?? 0...1
            rightSpace = ColorBar.width + 12
        case .categorical(let labels, let names):
            legend = Set(shown.map { labels[$0] }).sorted().map { label in
                LegendEntry(name: names[label] ?? "label \(label)", color: RGBColor.categorical(label), line: false,
                            marker: .circle)
            }
            rightSpace = PlotFrame.legendWidth(legend)
        }

        let frame = PlotFrame(width: width, height: height, title: title, xAxis: xAxis, yAxis: yAxis,
                              xRange: valueRange(shown.map { x[$0] }), yRange: valueRange(shown.map { y[$0] }),
                              rightSpace: rightSpace)
        var doc = SVGDocument(width: width, height: height)
        frame.drawBackground(&doc)
        frame.openDataArea(&doc)
        let dotAttributes: [(String, String)] = [("stroke-linecap", "round")]
        switch coloring {
        case .uniform(let color):
            var dots = SVGPath()
            for i in shown { dots.dot(frame.px(x[i]), frame.py(y[i])) }
            doc.open("g", [("class", "series")])
            doc.path(dots, fill: nil, stroke: color, strokeWidth: markerSize, extra: dotAttributes)
            doc.close()
        case .continuous(let values, let colormap, _, _, _):
            let levels = 64
            let range = colorRange ?? 0...1
            let span = range.upperBound - range.lowerBound
            var paths = [SVGPath](repeating: SVGPath(), count: levels)
            for i in shown {
                let t = span > 0 ? min(max((values[i] - range.lowerBound) / span, 0), 1) : 0.5
                paths[min(levels - 1, Int(t * Double(levels)))].dot(frame.px(x[i]), frame.py(y[i]))
            }
            doc.open("g", [("class", "series")])
            for (level, p) in paths.enumerated() {
                doc.path(p, fill: nil, stroke: colormap.color(at: (Double(level) + 0.5) / Double(levels)),
                         strokeWidth: markerSize, extra: dotAttributes)
            }
            doc.close()
        case .categorical(let labels, _):
            var paths: [Int: SVGPath] = [:]
            for i in shown { paths[labels[i], default: SVGPath()].dot(frame.px(x[i]), frame.py(y[i])) }
            for label in paths.keys.sorted() {
                doc.open("g", [("class", "series")])
                doc.path(paths[label]!, fill: nil, stroke: RGBColor.categorical(label), strokeWidth: markerSize,
                         extra: dotAttributes)
                doc.close()
            }
        }
        doc.close()
        frame.drawDecorations(&doc, title: title, xLabel: xAxis.label, yLabel: yAxis.label)
        frame.drawLegend(&doc, legend)
        if case .continuous(_, let colormap, let label, _, _) = coloring, let colorRange {
            ColorBar.draw(&doc, x: frame.left + frame.plotWidth + 16, y: frame.top, height: frame.plotHeight,
                          colormap: colormap, range: colorRange, label: label)
        }
        if drawable == 0 {
            frame.drawCentredNote(&doc, x.isEmpty ? "no data" : "no finite data to show")
        } else if stride > 1 {
            frame.drawCornerNote(&doc, "showing \(shown.count) of \(drawable) points (1 in \(stride))")
        }
        return doc.svg
    }
}
