import Foundation
import SNNLinalg

/// Values on points of the unit sphere S², painted on two discs side by side: the northern (z ≥ 0) and the
/// southern (z < 0) hemisphere in Lambert azimuthal equal-area projection, with a shared colour bar.
///
/// Both discs keep +x to the right and +y up (the southern one is seen from above, through the sphere), so a
/// point just north and one just south of the equator land at the same place on the two rims. Each disc's rim
/// is the equator; faint circles mark colatitudes 30° and 60° from its pole. Used to show eigenvectors on S²:
/// with the default diverging colour map over a range symmetric about 0, sign changes read as blue ↔ red.
public struct SpherePlot: SVGFigure {
    public var title: String
    /// Point coordinates, n × 3 (normalized to unit length when projected).
    public var points: Matrix<Double>
    public var values: [Double]
    public var valueLabel: String
    public var colormap: Colormap
    /// Colour range; nil uses ±max|value| when `symmetric`, else the values' range.
    public var range: ClosedRange<Double>?
    public var symmetric: Bool
    /// Marker diameter in pixels; nil picks one from the number of points.
    public var markerSize: Double?
    public var width: Double
    public var height: Double

    /// A painting of `values[i]` at `points` row i (n × 3).
    public init<T: LinalgScalar, V: BinaryFloatingPoint>(
        title: String = "", points: Matrix<T>, values: [V], valueLabel: String = "",
        colormap: Colormap = .diverging, range: ClosedRange<Double>? = nil, symmetric: Bool = true,
        markerSize: Double? = nil, width: Double = 720, height: Double = 380
    ) {
        precondition(points.cols == 3, "sphere points must be n × 3, got \(points.rows) × \(points.cols)")
        precondition(values.count == points.rows, "\(values.count) values for \(points.rows) points")
        self.title = title
        self.points = Matrix(rows: points.rows, cols: 3, storage: points.storage.map { Double($0) })
        self.values = values.map { Double($0) }
        self.valueLabel = valueLabel
        self.colormap = colormap
        self.range = range
        self.symmetric = symmetric
        self.markerSize = markerSize
        self.width = width
        self.height = height
    }

    /// Lambert azimuthal equal-area projection of the direction `(x, y, z)` (normalized first) onto the unit disc
    /// of its hemisphere, centred on that hemisphere's pole: the pole maps to (0, 0), the equator to the unit
    /// circle, and equal areas on the sphere to equal areas on the disc. Nil for the zero vector or non-finite input.
    /// - Complexity: O(1).
    public static func lambertProjection(x: Double, y: Double, z: Double)
        -> (northern: Bool, u: Double, v: Double)? {
        let norm = (x * x + y * y + z * z).squareRoot()
        guard norm > 0, norm.isFinite else { return nil }
        let (a, b, c) = (x / norm, y / norm, z / norm)
        let northern = c >= 0
        // Distance from the pole in the plane is 2 sin(θ/2) = sqrt(2 (1 − cos θ)); scaled by 1/√2 to the unit disc.
        let scale = (1 / (1 + abs(c))).squareRoot()
        return (northern, a * scale, b * scale)
    }

    /// Centres and radius of the two discs in the SVG's pixels (northern first).
    public var discLayout: (north: (x: Double, y: Double), south: (x: Double, y: Double), radius: Double) {
        let top = title.isEmpty ? 16.0 : 40.0
        let bottom = 30.0
        let gap = 24.0
        let available = width - ColorBar.width - 20 - 3 * gap
        let radius = max(20, min(available / 4, (height - top - bottom) / 2))
        let cy = top + radius
        let north = (x: gap + radius, y: cy)
        return (north, (x: north.x + 2 * radius + gap, y: cy), radius)
    }

    /// The painting as a standalone SVG document: two `<circle class="disc">` outlines, one `<g class="series">`
    /// of coloured points, a colour bar.
    /// - Complexity: O(n).
    public func svg() -> String {
        let layout = discLayout
        let r = layout.radius
        var doc = SVGDocument(width: width, height: height)
        doc.rect(x: 0, y: 0, width: width, height: height, fill: Ink.white)
        let colorRange = range ?? ColorBar.range(of: values, symmetric: symmetric) ?? -1...1
        let n = points.rows
        let size = markerSize ?? min(7, max(2, 5 * (2000 / Double(max(n, 1))).squareRoot()))
        let discFill = RGBColor(hex: "#ffffff")
        for (centre, name) in [(layout.north, "northern hemisphere (z ≥ 0)"), (layout.south, "southern hemisphere (z < 0)")] {
            doc.circle(cx: centre.x, cy: centre.y, r: r, fill: discFill, className: "disc")
            for colatitude in [30.0, 60.0] {
                let rr = r * 2.0.squareRoot() * sin(colatitude * .pi / 360)
                doc.circle(cx: centre.x, cy: centre.y, r: rr, fill: nil, stroke: Ink.grid)
            }
            for k in 0..<4 {
                let a = Double(k) * .pi / 4
                doc.line(x1: centre.x - r * cos(a), y1: centre.y - r * sin(a), x2: centre.x + r * cos(a),
                         y2: centre.y + r * sin(a), stroke: Ink.grid)
            }
            doc.text(name, x: centre.x, y: centre.y + r + 20, size: 11, anchor: .middle, fill: Ink.text)
            doc.text("+x", x: centre.x + r + 3, y: centre.y + 4, size: 9, fill: Ink.muted)
            doc.text("+y", x: centre.x, y: centre.y - r - 4, size: 9, anchor: .middle, fill: Ink.muted)
        }

        let levels = 64
        let span = colorRange.upperBound - colorRange.lowerBound
        var paths = [SVGPath](repeating: SVGPath(), count: levels)
        var drawn = 0
        for i in 0..<n where values[i].isFinite {
            guard let p = Self.lambertProjection(x: points[i, 0], y: points[i, 1], z: points[i, 2]) else { continue }
            let centre = p.northern ? layout.north : layout.south
            let t = span > 0 ? min(max((values[i] - colorRange.lowerBound) / span, 0), 1) : 0.5
            paths[min(levels - 1, Int(t * Double(levels)))].dot(centre.x + p.u * r, centre.y - p.v * r)
            drawn += 1
        }
        doc.open("g", [("class", "series")])
        for (level, p) in paths.enumerated() {
            doc.path(p, fill: nil, stroke: colormap.color(at: (Double(level) + 0.5) / Double(levels)),
                     strokeWidth: size, extra: [("stroke-linecap", "round")])
        }
        doc.close()
        for centre in [layout.north, layout.south] {
            doc.circle(cx: centre.x, cy: centre.y, r: r, fill: nil, stroke: Ink.frame)
        }
        ColorBar.draw(&doc, x: layout.south.x + r + 24, y: layout.north.y - r, height: 2 * r, colormap: colormap,
                      range: colorRange, label: valueLabel)
        if !title.isEmpty {
            doc.text(title, x: (layout.north.x + layout.south.x) / 2, y: 24, size: 15, anchor: .middle, bold: true,
                     fill: Ink.text)
        }
        if drawn == 0 {
            doc.text(n == 0 ? "no data" : "no finite data to show", x: (layout.north.x + layout.south.x) / 2,
                     y: layout.north.y, anchor: .middle, fill: Ink.muted, className: "note")
        }
        return doc.svg
    }
}
