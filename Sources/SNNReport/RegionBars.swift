/// Horizontal bars, one per row (e.g. one per optimisation run), in which step `i` of a row is a unit-wide
/// segment coloured by that step's category; with a labelled x axis in steps and a legend of the categories,
/// rendered as SVG.
///
/// Consecutive steps of the same category are merged into one `<rect class="segment">`, whose tooltip says
/// the category and the step range; each row is one `<g class="bar">` element.
///
/// ```swift
/// let bars = RegionBars(title: "Region per step",
///                       rows: [(label: "random 1", categories: [2, 2, 1, 1, 0]), (label: "near Y*", categories: [0, 0])],
///                       categoryNames: ["near-optimal", "near-saddle", "large-gradient"],
///                       colors: [RGBColor(hex: "#2a9d4b"), RGBColor(hex: "#c8313a"), RGBColor(hex: "#2f6db5")])
/// let svg = bars.svg()
/// ```
public struct RegionBars: SVGFigure {
    /// One bar: its label and the category index of each step, step 0 first.
    public struct Row: Sendable {
        public var label: String
        public var categories: [Int]

        public init(label: String, categories: [Int]) {
            self.label = label
            self.categories = categories
        }
    }

    public var title: String
    public var rows: [Row]
    /// Legend text of category `k`.
    public var categoryNames: [String]
    /// Fill colour of category `k`.
    public var colors: [RGBColor]
    /// Label of the x axis.
    public var xLabel: String
    /// Outer width in pixels; the height follows from the number of rows.
    public var width: Double
    /// Height of one bar including its gap, in pixels.
    public var rowHeight: Double

    /// Bars for `rows`; every category index must lie in `0..<categoryNames.count`, and there must be one
    /// colour per category.
    public init(title: String = "", rows: [(label: String, categories: [Int])], categoryNames: [String],
                colors: [RGBColor], xLabel: String = "step", width: Double = 760, rowHeight: Double = 14) {
        precondition(colors.count == categoryNames.count,
                     "RegionBars: \(categoryNames.count) category names but \(colors.count) colours")
        for row in rows {
            precondition(row.categories.allSatisfy { $0 >= 0 && $0 < categoryNames.count },
                         "RegionBars: row \(row.label) has a category outside 0..<\(categoryNames.count)")
        }
        precondition(rowHeight > 2, "RegionBars: a row must be more than 2 px high")
        self.title = title
        self.rows = rows.map { Row(label: $0.label, categories: $0.categories) }
        self.categoryNames = categoryNames
        self.colors = colors
        self.xLabel = xLabel
        self.width = width
        self.rowHeight = rowHeight
    }

    /// Runs of equal categories in `categories`: (category, first step, step count), in step order.
    /// - Complexity: O(categories.count).
    public static func segments(_ categories: [Int]) -> [(category: Int, start: Int, count: Int)] {
        var result: [(category: Int, start: Int, count: Int)] = []
        var start = 0
        for i in categories.indices.dropFirst() where categories[i] != categories[start] {
            result.append((categories[start], start, i - start))
            start = i
        }
        if start < categories.count { result.append((categories[start], start, categories.count - start)) }
        return result
    }

    /// The figure as a standalone SVG document.
    /// - Complexity: O(total number of steps).
    public func svg() -> String {
        let top = title.isEmpty ? 16.0 : 38.0
        let bottom = 26.0 + (xLabel.isEmpty ? 0 : 20)
        let labelWidth = rows.map { SVGDocument.estimatedTextWidth($0.label, size: 10) }.max() ?? 0
        let left = 14 + min(labelWidth, 240)
        let legendText = categoryNames.map { SVGDocument.estimatedTextWidth($0, size: 11) }.max() ?? 0
        let legendWidth = categoryNames.isEmpty ? 0 : 16 + 20 + min(legendText, 220) + 10
        let plotWidth = max(40, width - left - max(16, legendWidth))
        let legendHeight = 8 + Double(categoryNames.count) * 18
        let plotHeight = max(Double(rows.count) * rowHeight, legendHeight, 20)
        let height = top + plotHeight + bottom
        let steps = rows.map(\.categories.count).max() ?? 0
        let ticks = AxisTicks.linear(lower: 0, upper: Double(max(steps, 1)), targetCount: max(2, Int(plotWidth / 90)),
                                     expand: false)
        func px(_ step: Double) -> Double { left + ticks.fraction(step) * plotWidth }

        var doc = SVGDocument(width: width, height: height)
        doc.rect(x: 0, y: 0, width: width, height: height, fill: Ink.white)
        for v in ticks.major {
            doc.line(x1: px(v), y1: top, x2: px(v), y2: top + plotHeight, stroke: Ink.grid)
        }
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * rowHeight
            doc.open("g", [("class", "bar")])
            doc.text(row.label, x: left - 6, y: y + rowHeight / 2 + 3.5, size: 10, anchor: .end, fill: Ink.text)
            for s in Self.segments(row.categories) {
                let x0 = px(Double(s.start)), x1 = px(Double(s.start + s.count))
                let last = s.start + s.count - 1
                let tooltip = "\(categoryNames[s.category]): " + (s.count == 1 ? "step \(s.start)" : "steps \(s.start)–\(last)")
                doc.open("rect", [("x", NumberFormat.coordinate(x0)), ("y", NumberFormat.coordinate(y + 1)),
                                  ("width", NumberFormat.coordinate(max(0.5, x1 - x0))),
                                  ("height", NumberFormat.coordinate(rowHeight - 2)),
                                  ("fill", colors[s.category].hex), ("class", "segment")])
                doc.element("title", [], text: tooltip)
                doc.close()
            }
            doc.close()
        }

        // Frame, x ticks and labels, title.
        doc.rect(x: left, y: top, width: plotWidth, height: plotHeight, fill: nil, stroke: Ink.frame)
        let axisY = top + plotHeight
        for v in ticks.major {
            doc.line(x1: px(v), y1: axisY, x2: px(v), y2: axisY + 5, stroke: Ink.frame)
            doc.text(NumberFormat.compact(v), x: px(v), y: axisY + 17, size: 11, anchor: .middle, fill: Ink.text)
        }
        if !xLabel.isEmpty {
            doc.text(xLabel, x: left + plotWidth / 2, y: axisY + 38, anchor: .middle, fill: Ink.text)
        }
        if !title.isEmpty {
            doc.text(title, x: left + plotWidth / 2, y: 22, size: 15, anchor: .middle, bold: true, fill: Ink.text)
        }
        if rows.isEmpty {
            doc.text("no data", x: left + plotWidth / 2, y: top + plotHeight / 2 + 4, anchor: .middle,
                     fill: Ink.muted, className: "note")
        }

        // Legend: one colour swatch per category, right of the bars.
        if !categoryNames.isEmpty {
            let x = left + plotWidth + 16
            doc.open("g", [("class", "legend")])
            for (k, name) in categoryNames.enumerated() {
                let y = top + 8 + Double(k) * 18
                doc.rect(x: x, y: y - 5, width: 14, height: 10, fill: colors[k])
                doc.text(name, x: x + 20, y: y + 4, size: 11, fill: Ink.text)
            }
            doc.close()
        }
        return doc.svg
    }
}
