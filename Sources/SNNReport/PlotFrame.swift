/// The marker drawn at each point of a series.
public enum MarkerShape: Sendable, Equatable {
    case circle
    case square

    var lineCap: String { self == .circle ? "round" : "square" }
}

/// One row of a legend.
struct LegendEntry {
    var name: String
    var color: RGBColor
    var line: Bool = true
    var dashed: Bool = false
    var marker: MarkerShape? = nil
    var band: Bool = false
}

/// Common colours of the figure furniture.
enum Ink {
    static let text = RGBColor(hex: "#222222")
    static let muted = RGBColor(hex: "#666666")
    static let frame = RGBColor(hex: "#444444")
    static let grid = RGBColor(hex: "#e3e3e3")
    static let white = RGBColor(hex: "#ffffff")
    static let reference = RGBColor(hex: "#333333")
}

/// The layout of a 2-D plot: outer size, the plot area, axis ticks and the data-to-pixel map.
struct PlotFrame {
    let width: Double
    let height: Double
    let left: Double
    let top: Double
    let plotWidth: Double
    let plotHeight: Double
    let xTicks: AxisTicks
    let yTicks: AxisTicks
    /// Inset of the data domain inside the plot area, so markers on the domain edge are not cut.
    let pad = 6.0

    /// Lays out a plot of `width × height` whose right margin must hold `rightSpace` pixels (legend or colour bar).
    init(width: Double, height: Double, title: String, xAxis: PlotAxis, yAxis: PlotAxis,
         xRange: ClosedRange<Double>?, yRange: ClosedRange<Double>?, rightSpace: Double) {
        self.width = width
        self.height = height
        top = title.isEmpty ? 16 : 38
        let bottom = 26.0 + (xAxis.label.isEmpty ? 0 : 20)
        plotHeight = max(40, height - top - bottom)
        yTicks = AxisTicks.forAxis(yAxis, dataRange: yRange, targetCount: max(2, Int(plotHeight / 55)))
        let labelWidth = yTicks.major.map { SVGDocument.estimatedTextWidth(NumberFormat.compact($0), size: 11) }
            .max() ?? 10
        left = 14 + labelWidth + (yAxis.label.isEmpty ? 0 : 20)
        plotWidth = max(40, width - left - max(16, rightSpace))
        xTicks = AxisTicks.forAxis(xAxis, dataRange: xRange, targetCount: max(2, Int(plotWidth / 90)))
    }

    /// Horizontal pixel of `x` inside the data area (origin at the plot area's top-left corner).
    func px(_ x: Double) -> Double { pad + xTicks.fraction(x) * (plotWidth - 2 * pad) }
    /// Vertical pixel of `y` inside the data area.
    func py(_ y: Double) -> Double { pad + (1 - yTicks.fraction(y)) * (plotHeight - 2 * pad) }

    /// White background, plot area and grid lines at the major ticks.
    func drawBackground(_ doc: inout SVGDocument) {
        doc.rect(x: 0, y: 0, width: width, height: height, fill: Ink.white)
        for v in xTicks.major {
            let x = left + px(v)
            doc.line(x1: x, y1: top, x2: x, y2: top + plotHeight, stroke: Ink.grid)
        }
        for v in yTicks.major {
            let y = top + py(v)
            doc.line(x1: left, y1: y, x2: left + plotWidth, y2: y, stroke: Ink.grid)
        }
    }

    /// Opens the clipped data area (a nested `<svg>`, which hides what falls outside it); close with `doc.close()`.
    func openDataArea(_ doc: inout SVGDocument) {
        doc.open("svg", [("x", NumberFormat.coordinate(left)), ("y", NumberFormat.coordinate(top)),
                         ("width", NumberFormat.coordinate(plotWidth)),
                         ("height", NumberFormat.coordinate(plotHeight)), ("overflow", "hidden")])
    }

    /// Frame, ticks, tick labels, axis labels and title.
    func drawDecorations(_ doc: inout SVGDocument, title: String, xLabel: String, yLabel: String) {
        doc.rect(x: left, y: top, width: plotWidth, height: plotHeight, fill: nil, stroke: Ink.frame)
        let bottom = top + plotHeight
        for v in xTicks.major {
            let x = left + px(v)
            doc.line(x1: x, y1: bottom, x2: x, y2: bottom + 5, stroke: Ink.frame)
            doc.text(NumberFormat.compact(v), x: x, y: bottom + 17, size: 11, anchor: .middle, fill: Ink.text)
        }
        for v in xTicks.minor {
            let x = left + px(v)
            doc.line(x1: x, y1: bottom, x2: x, y2: bottom + 3, stroke: Ink.frame)
        }
        for v in yTicks.major {
            let y = top + py(v)
            doc.line(x1: left - 5, y1: y, x2: left, y2: y, stroke: Ink.frame)
            doc.text(NumberFormat.compact(v), x: left - 8, y: y + 4, size: 11, anchor: .end, fill: Ink.text)
        }
        for v in yTicks.minor {
            let y = top + py(v)
            doc.line(x1: left - 3, y1: y, x2: left, y2: y, stroke: Ink.frame)
        }
        if !xLabel.isEmpty {
            doc.text(xLabel, x: left + plotWidth / 2, y: bottom + 38, anchor: .middle, fill: Ink.text)
        }
        if !yLabel.isEmpty {
            doc.text(yLabel, x: 14, y: top + plotHeight / 2, anchor: .middle, fill: Ink.text, rotation: -90)
        }
        if !title.isEmpty {
            doc.text(title, x: left + plotWidth / 2, y: 22, size: 15, anchor: .middle, bold: true, fill: Ink.text)
        }
    }

    /// A grey note centred in the plot area (e.g. "no data").
    func drawCentredNote(_ doc: inout SVGDocument, _ note: String) {
        doc.text(note, x: left + plotWidth / 2, y: top + plotHeight / 2, anchor: .middle, fill: Ink.muted,
                 className: "note")
    }

    /// A small grey note right-aligned just above the plot area (e.g. "showing 50 000 of 80 000 points").
    func drawCornerNote(_ doc: inout SVGDocument, _ note: String) {
        doc.text(note, x: left + plotWidth, y: top - 4, size: 10, anchor: .end, fill: Ink.muted, className: "note")
    }

    /// The right margin a legend with these entries needs.
    static func legendWidth(_ entries: [LegendEntry]) -> Double {
        guard !entries.isEmpty else { return 0 }
        let text = entries.map { SVGDocument.estimatedTextWidth($0.name, size: 11) }.max() ?? 0
        return 16 + 28 + min(text, 220) + 10
    }

    /// A legend outside the plot area, to its right, top-aligned.
    func drawLegend(_ doc: inout SVGDocument, _ entries: [LegendEntry]) {
        guard !entries.isEmpty else { return }
        let x = left + plotWidth + 16
        let rowHeight = 18.0
        let capacity = max(1, Int(plotHeight / rowHeight))
        doc.open("g", [("class", "legend")])
        for (i, entry) in entries.prefix(capacity).enumerated() {
            let y = top + 8 + Double(i) * rowHeight
            if entry.band {
                doc.rect(x: x, y: y - 5, width: 24, height: 10, fill: entry.color, opacity: 0.25)
            }
            if entry.line {
                doc.line(x1: x, y1: y, x2: x + 24, y2: y, stroke: entry.color, strokeWidth: 2,
                         dash: entry.dashed ? "5 3" : nil)
            }
            if let marker = entry.marker {
                var p = SVGPath()
                p.dot(x + 12, y)
                doc.path(p, fill: nil, stroke: entry.color, strokeWidth: 7, extra: [("stroke-linecap", marker.lineCap)])
            }
            doc.text(entry.name, x: x + 30, y: y + 4, size: 11, fill: Ink.text)
        }
        if entries.count > capacity {
            doc.text("… \(entries.count - capacity) more", x: x + 30, y: top + 8 + Double(capacity) * rowHeight,
                     size: 11, fill: Ink.muted)
        }
        doc.close()
    }
}

/// A vertical colour bar with ticks, shared by the colour-mapped figures.
enum ColorBar {
    /// Width the bar, its tick labels and its rotated label need.
    static let width = 78.0

    /// Draws the bar for `range` at `(x, y)`, `height` tall, labelled `label` along its right side.
    static func draw(_ doc: inout SVGDocument, x: Double, y: Double, height: Double, colormap: Colormap,
                     range: ClosedRange<Double>, label: String) {
        let steps = 48
        let barWidth = 14.0
        doc.open("g", [("class", "colorbar")])
        let h = height / Double(steps)
        for i in 0..<steps {
            let t = (Double(i) + 0.5) / Double(steps)
            // Overlap each slice by 0.5 px so no hairline seams show between them.
            doc.rect(x: x, y: y + height - Double(i + 1) * h, width: barWidth, height: h + 0.5,
                     fill: colormap.color(at: t))
        }
        doc.rect(x: x, y: y, width: barWidth, height: height, fill: nil, stroke: Ink.frame)
        let ticks = AxisTicks.linear(lower: range.lowerBound, upper: range.upperBound, targetCount: 4, expand: false)
        let span = range.upperBound - range.lowerBound
        for v in ticks.major {
            let f = span > 0 ? (v - range.lowerBound) / span : 0.5
            let ty = y + height * (1 - f)
            doc.line(x1: x + barWidth, y1: ty, x2: x + barWidth + 4, y2: ty, stroke: Ink.frame)
            doc.text(NumberFormat.compact(v), x: x + barWidth + 7, y: ty + 4, size: 10, fill: Ink.text)
        }
        if !label.isEmpty {
            doc.text(label, x: x + width - 8, y: y + height / 2, size: 11, anchor: .middle, fill: Ink.text,
                     rotation: -90)
        }
        doc.close()
    }

    /// The range of the finite `values`, symmetric about 0 when `symmetric`; nil when there is none.
    static func range(of values: [Double], symmetric: Bool) -> ClosedRange<Double>? {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        guard lo <= hi else { return nil }
        if symmetric {
            let m = max(abs(lo), abs(hi))
            return m > 0 ? -m...m : -1...1
        }
        return lo < hi ? lo...hi : (lo - 0.5)...(hi + 0.5)
    }
}

/// The smallest range holding all `values` (none: nil).
func valueRange(_ values: [Double]) -> ClosedRange<Double>? {
    guard var lo = values.first else { return nil }
    var hi = lo
    for v in values {
        lo = min(lo, v)
        hi = max(hi, v)
    }
    return lo...hi
}
