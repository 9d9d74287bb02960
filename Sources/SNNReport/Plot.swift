/// A min–max band drawn around a series (e.g. the spread over seeds in a sweep).
public struct ErrorBand: Sendable {
    public var lower: [Double]
    public var upper: [Double]

    /// A band from `lower[i]` to `upper[i]` at the series' `x[i]`.
    public init<T: BinaryFloatingPoint>(lower: [T], upper: [T]) {
        precondition(lower.count == upper.count, "band bounds have \(lower.count) and \(upper.count) values")
        self.lower = lower.map { Double($0) }
        self.upper = upper.map { Double($0) }
    }
}

/// One named data series of a `Plot`.
public struct PlotSeries: Sendable {
    /// How the points are drawn.
    public enum Style: Sendable, Equatable { case line, markers, lineAndMarkers }

    /// Legend text; an empty name keeps the series out of the legend.
    public var name: String
    public var x: [Double]
    public var y: [Double]
    public var style: Style
    /// The colour; nil takes the palette colour of the series' position in the plot.
    public var color: RGBColor?
    public var marker: MarkerShape
    /// Marker diameter in pixels.
    public var markerSize: Double
    public var lineWidth: Double
    public var dashed: Bool
    /// An optional min–max band around the series, one bound pair per point.
    public var band: ErrorBand?

    /// A series through the points `(x[i], y[i])`.
    public init<X: BinaryFloatingPoint, Y: BinaryFloatingPoint>(
        name: String, x: [X], y: [Y], style: Style = .line, color: RGBColor? = nil, marker: MarkerShape = .circle,
        markerSize: Double = 6, lineWidth: Double = 1.8, dashed: Bool = false, band: ErrorBand? = nil
    ) {
        precondition(x.count == y.count, "series \(name): \(x.count) x values but \(y.count) y values")
        if let band { precondition(band.lower.count == x.count, "series \(name): band length differs from x") }
        self.name = name
        self.x = x.map { Double($0) }
        self.y = y.map { Double($0) }
        self.style = style
        self.color = color
        self.marker = marker
        self.markerSize = markerSize
        self.lineWidth = lineWidth
        self.dashed = dashed
        self.band = band
    }
}

/// A labelled horizontal or vertical reference line (e.g. a target error of 0.05).
public struct ReferenceLine: Sendable {
    public enum Orientation: Sendable, Equatable {
        /// The line y = value.
        case horizontal
        /// The line x = value.
        case vertical
    }

    public var orientation: Orientation
    public var value: Double
    public var label: String
    public var color: RGBColor

    public init(_ orientation: Orientation, at value: Double, label: String = "", color: RGBColor = RGBColor(hex: "#333333")) {
        self.orientation = orientation
        self.value = value
        self.label = label
        self.color = color
    }

    /// The line y = `y`.
    public static func horizontal(_ y: Double, label: String = "", color: RGBColor = RGBColor(hex: "#333333")) -> ReferenceLine {
        ReferenceLine(.horizontal, at: y, label: label, color: color)
    }

    /// The line x = `x`.
    public static func vertical(_ x: Double, label: String = "", color: RGBColor = RGBColor(hex: "#333333")) -> ReferenceLine {
        ReferenceLine(.vertical, at: x, label: label, color: color)
    }
}

/// A labelled shaded stripe `lower ≤ x ≤ upper` across the whole plot height (e.g. a region of a trajectory).
public struct ShadedBand: Sendable {
    public var lower: Double
    public var upper: Double
    public var label: String
    public var color: RGBColor

    public init(from lower: Double, to upper: Double, label: String = "", color: RGBColor = RGBColor(hex: "#9aa9b8")) {
        self.lower = min(lower, upper)
        self.upper = max(lower, upper)
        self.label = label
        self.color = color
    }
}

/// A line and/or scatter plot of named series on linear or log₁₀ axes, with legend, reference lines and shaded
/// x-bands, rendered as SVG.
///
/// Points that cannot be shown (NaN, ±∞, or ≤ 0 on a log axis) are skipped and break a line; a plot without
/// data shows an empty frame with a note.
///
/// ```swift
/// var plot = Plot(title: "Error vs neurons", xAxis: PlotAxis(label: "neurons", scale: .log10),
///                 yAxis: PlotAxis(label: "error", scale: .log10))
/// plot.add(PlotSeries(name: "depth 2", x: widths, y: errors, style: .lineAndMarkers,
///                     band: ErrorBand(lower: mins, upper: maxs)))
/// plot.referenceLines.append(.horizontal(0.05, label: "target 0.05"))
/// let svg = plot.svg()
/// ```
public struct Plot: SVGFigure {
    public var title: String
    public var xAxis: PlotAxis
    public var yAxis: PlotAxis
    public var series: [PlotSeries]
    public var referenceLines: [ReferenceLine]
    public var shadedBands: [ShadedBand]
    /// Outer size in pixels.
    public var width: Double
    public var height: Double

    public init(title: String = "", xAxis: PlotAxis = PlotAxis(), yAxis: PlotAxis = PlotAxis(),
                series: [PlotSeries] = [], referenceLines: [ReferenceLine] = [], shadedBands: [ShadedBand] = [],
                width: Double = 560, height: Double = 380) {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
        self.referenceLines = referenceLines
        self.shadedBands = shadedBands
        self.width = width
        self.height = height
    }

    /// Appends a series.
    public mutating func add(_ series: PlotSeries) { self.series.append(series) }

    /// The colour series `index` is drawn in.
    public func color(ofSeries index: Int) -> RGBColor { series[index].color ?? RGBColor.categorical(index) }

    /// The plot as a standalone SVG document; each series is one `<g class="series">` element.
    /// - Complexity: O(total number of points).
    public func svg() -> String {
        var xs: [Double] = [], ys: [Double] = []
        for s in series {
            for i in s.x.indices where xAxis.accepts(s.x[i]) {
                if yAxis.accepts(s.y[i]) {
                    xs.append(s.x[i])
                    ys.append(s.y[i])
                }
                if let band = s.band {
                    for v in [band.lower[i], band.upper[i]] where yAxis.accepts(v) { ys.append(v) }
                }
            }
        }
        let hasData = !xs.isEmpty
        for r in referenceLines {
            switch r.orientation {
            case .horizontal: if yAxis.accepts(r.value) && hasData { ys.append(r.value) }
            case .vertical: if xAxis.accepts(r.value) && hasData { xs.append(r.value) }
            }
        }

        let legend = series.indices.filter { !series[$0].name.isEmpty }.map { i -> LegendEntry in
            let s = series[i]
            return LegendEntry(name: s.name, color: color(ofSeries: i), line: s.style != .markers, dashed: s.dashed,
                               marker: s.style == .line ? nil : s.marker, band: s.band != nil)
        }
        let frame = PlotFrame(width: width, height: height, title: title, xAxis: xAxis, yAxis: yAxis,
                              xRange: valueRange(xs), yRange: valueRange(ys),
                              rightSpace: PlotFrame.legendWidth(legend))
        var doc = SVGDocument(width: width, height: height)
        frame.drawBackground(&doc)
        frame.openDataArea(&doc)
        drawShadedBands(&doc, frame)
        for (i, s) in series.enumerated() { draw(s, color: color(ofSeries: i), into: &doc, frame) }
        drawReferenceLines(&doc, frame)
        doc.close()
        frame.drawDecorations(&doc, title: title, xLabel: xAxis.label, yLabel: yAxis.label)
        frame.drawLegend(&doc, legend)
        if !hasData {
            frame.drawCentredNote(&doc, series.isEmpty ? "no data" : "no finite data to show")
        }
        return doc.svg
    }

    private func drawShadedBands(_ doc: inout SVGDocument, _ frame: PlotFrame) {
        for b in shadedBands {
            let lo = xAxis.scale == .log10 ? max(b.lower, frame.xTicks.lower) : b.lower
            guard xAxis.accepts(lo), xAxis.accepts(b.upper) else { continue }
            let x0 = frame.px(lo), x1 = frame.px(b.upper)
            doc.rect(x: x0, y: 0, width: x1 - x0, height: frame.plotHeight, fill: b.color, opacity: 0.22,
                     className: "region")
            if !b.label.isEmpty {
                // Centred on the visible part of the band, but kept inside the plot area.
                let half = SVGDocument.estimatedTextWidth(b.label, size: 10) / 2
                let centre = (max(x0, 0) + min(x1, frame.plotWidth)) / 2
                let x = min(max(centre, half + 3), frame.plotWidth - half - 3)
                doc.text(b.label, x: x, y: 14, size: 10, anchor: .middle, fill: Ink.muted)
            }
        }
    }

    private func drawReferenceLines(_ doc: inout SVGDocument, _ frame: PlotFrame) {
        for r in referenceLines {
            switch r.orientation {
            case .horizontal:
                guard yAxis.accepts(r.value) else { continue }
                let y = frame.py(r.value)
                doc.line(x1: 0, y1: y, x2: frame.plotWidth, y2: y, stroke: r.color, strokeWidth: 1.2, dash: "6 4",
                         className: "reference")
                if !r.label.isEmpty {
                    doc.text(r.label, x: frame.plotWidth - 6, y: y - 4, size: 10, anchor: .end, fill: r.color)
                }
            case .vertical:
                guard xAxis.accepts(r.value) else { continue }
                let x = frame.px(r.value)
                doc.line(x1: x, y1: 0, x2: x, y2: frame.plotHeight, stroke: r.color, strokeWidth: 1.2, dash: "6 4",
                         className: "reference")
                if !r.label.isEmpty {
                    doc.text(r.label, x: x + 4, y: frame.plotHeight - 6, size: 10, fill: r.color)
                }
            }
        }
    }

    private func draw(_ s: PlotSeries, color: RGBColor, into doc: inout SVGDocument, _ frame: PlotFrame) {
        doc.open("g", [("class", "series")])
        if let band = s.band {
            var area = SVGPath()
            var run: [Int] = []
            func flush() {
                if run.count >= 2 {
                    area.move(frame.px(s.x[run[0]]), frame.py(band.upper[run[0]]))
                    for i in run.dropFirst() { area.line(frame.px(s.x[i]), frame.py(band.upper[i])) }
                    for i in run.reversed() { area.line(frame.px(s.x[i]), frame.py(band.lower[i])) }
                    area.close()
                }
                run.removeAll()
            }
            for i in s.x.indices {
                if xAxis.accepts(s.x[i]) && yAxis.accepts(band.lower[i]) && yAxis.accepts(band.upper[i]) {
                    run.append(i)
                } else {
                    flush()
                }
            }
            flush()
            doc.path(area, fill: color, opacity: 0.2, className: "band")
        }
        if s.style != .markers {
            var line = SVGPath()
            var connected = false
            for i in s.x.indices {
                guard xAxis.accepts(s.x[i]) && yAxis.accepts(s.y[i]) else { connected = false; continue }
                if connected { line.line(frame.px(s.x[i]), frame.py(s.y[i])) } else { line.move(frame.px(s.x[i]), frame.py(s.y[i])) }
                connected = true
            }
            var extra: [(String, String)] = [("stroke-linejoin", "round"), ("stroke-linecap", "round")]
            if s.dashed { extra.append(("stroke-dasharray", "6 4")) }
            doc.path(line, fill: nil, stroke: color, strokeWidth: s.lineWidth, extra: extra)
        }
        if s.style != .line {
            var dots = SVGPath()
            for i in s.x.indices where xAxis.accepts(s.x[i]) && yAxis.accepts(s.y[i]) {
                dots.dot(frame.px(s.x[i]), frame.py(s.y[i]))
            }
            doc.path(dots, fill: nil, stroke: color, strokeWidth: s.markerSize,
                     extra: [("stroke-linecap", s.marker.lineCap)])
        }
        doc.close()
    }
}
