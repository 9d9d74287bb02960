/// A figure that renders itself as a standalone SVG document.
public protocol SVGFigure: Sendable {
    /// The figure as one `<svg xmlns=… viewBox=…>…</svg>` string.
    func svg() -> String
}

/// A builder for one standalone SVG document: elements are appended in drawing order and every text and
/// attribute value is escaped; coordinates are written with at most 2 decimals.
///
/// ```swift
/// var doc = SVGDocument(width: 200, height: 100)
/// doc.rect(x: 0, y: 0, width: 200, height: 100, fill: .white)
/// doc.text("λ₁ < λ₂", x: 100, y: 50, anchor: .middle)
/// let svg = doc.svg
/// ```
public struct SVGDocument: Sendable {
    /// Horizontal text alignment (`text-anchor`).
    public enum TextAnchor: String, Sendable { case start, middle, end }

    public let width: Double
    public let height: Double
    private var body = ""
    private var openElements: [String] = []

    /// An empty document of `width × height` user units (pixels at 100 % zoom).
    public init(width: Double, height: Double) {
        precondition(width > 0 && height > 0, "an SVG document needs a positive size")
        self.width = width
        self.height = height
        body.reserveCapacity(4096)
    }

    /// The complete document; every element opened with `open` must have been closed.
    public var svg: String {
        precondition(openElements.isEmpty, "SVG elements left open: \(openElements)")
        let w = NumberFormat.coordinate(width), h = NumberFormat.coordinate(height)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
            + " font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">" + body + "</svg>"
    }

    /// Number of bytes of markup so far (without the root element).
    public var byteCount: Int { body.utf8.count }

    // MARK: Generic elements

    /// Appends `<name a="v" …/>`, or `<name …>text</name>` when `text` is given; values are escaped.
    public mutating func element(_ name: String, _ attributes: [(String, String)], text: String? = nil) {
        body += "<" + name
        appendAttributes(attributes)
        if let text {
            body += ">" + Markup.escape(text) + "</" + name + ">"
        } else {
            body += "/>"
        }
    }

    /// Opens `<name …>`; close it with `close()`.
    public mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        body += "<" + name
        appendAttributes(attributes)
        body += ">"
        openElements.append(name)
    }

    /// Closes the innermost element opened with `open`.
    public mutating func close() {
        guard let name = openElements.popLast() else { preconditionFailure("close() without an open element") }
        body += "</" + name + ">"
    }

    private mutating func appendAttributes(_ attributes: [(String, String)]) {
        for (key, value) in attributes {
            body += " " + key + "=\"" + Markup.escape(value) + "\""
        }
    }

    // MARK: Shapes

    /// A rectangle; `fill: nil` means no fill.
    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: RGBColor?,
                              stroke: RGBColor? = nil, strokeWidth: Double = 1, opacity: Double = 1,
                              className: String? = nil) {
        var a: [(String, String)] = [("x", c(x)), ("y", c(y)), ("width", c(max(width, 0))),
                                     ("height", c(max(height, 0))), ("fill", fill?.hex ?? "none")]
        if let stroke { a += [("stroke", stroke.hex), ("stroke-width", c(strokeWidth))] }
        if opacity < 1 { a.append(("fill-opacity", c(opacity))) }
        if let className { a.append(("class", className)) }
        element("rect", a)
    }

    /// A straight line; `dash` is an SVG `stroke-dasharray` such as `"5 3"`.
    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: RGBColor,
                              strokeWidth: Double = 1, dash: String? = nil, className: String? = nil) {
        var a: [(String, String)] = [("x1", c(x1)), ("y1", c(y1)), ("x2", c(x2)), ("y2", c(y2)),
                                     ("stroke", stroke.hex), ("stroke-width", c(strokeWidth))]
        if let dash { a.append(("stroke-dasharray", dash)) }
        if let className { a.append(("class", className)) }
        element("line", a)
    }

    /// A circle.
    public mutating func circle(cx: Double, cy: Double, r: Double, fill: RGBColor?, stroke: RGBColor? = nil,
                                strokeWidth: Double = 1, className: String? = nil) {
        var a: [(String, String)] = [("cx", c(cx)), ("cy", c(cy)), ("r", c(r)), ("fill", fill?.hex ?? "none")]
        if let stroke { a += [("stroke", stroke.hex), ("stroke-width", c(strokeWidth))] }
        if let className { a.append(("class", className)) }
        element("circle", a)
    }

    /// A path; `extra` attributes (e.g. `stroke-linecap`) are appended as given.
    public mutating func path(_ path: SVGPath, fill: RGBColor?, stroke: RGBColor? = nil, strokeWidth: Double = 1,
                              opacity: Double = 1, extra: [(String, String)] = [], className: String? = nil) {
        guard !path.isEmpty else { return }
        var a: [(String, String)] = [("d", path.data), ("fill", fill?.hex ?? "none")]
        if let stroke { a += [("stroke", stroke.hex), ("stroke-width", c(strokeWidth))] }
        if opacity < 1 { a.append(("opacity", c(opacity))) }
        a += extra
        if let className { a.append(("class", className)) }
        element("path", a)
    }

    /// Text at `(x, y)` (the baseline); `rotation` in degrees about that point; `size` in pixels.
    public mutating func text(_ text: String, x: Double, y: Double, size: Double = 12,
                              anchor: TextAnchor = .start, bold: Bool = false, fill: RGBColor? = nil,
                              rotation: Double = 0, className: String? = nil) {
        var a: [(String, String)] = [("x", c(x)), ("y", c(y))]
        if size != 12 { a.append(("font-size", c(size))) }
        if anchor != .start { a.append(("text-anchor", anchor.rawValue)) }
        if bold { a.append(("font-weight", "bold")) }
        if let fill { a.append(("fill", fill.hex)) }
        if rotation != 0 { a.append(("transform", "rotate(\(c(rotation)) \(c(x)) \(c(y)))")) }
        if let className { a.append(("class", className)) }
        element("text", a, text: text)
    }

    private func c(_ v: Double) -> String { NumberFormat.coordinate(v) }

    /// A rough width in pixels of `text` set at `size` in a sans-serif face (for layout only).
    public static func estimatedTextWidth(_ text: String, size: Double = 12) -> Double {
        Double(text.count) * size * 0.58
    }
}

/// The `d` attribute of an SVG path, built from absolute commands with coordinates at most 2 decimals.
public struct SVGPath: Sendable {
    public private(set) var data = ""
    public init() {}
    public var isEmpty: Bool { data.isEmpty }

    /// Starts a new subpath at `(x, y)`.
    public mutating func move(_ x: Double, _ y: Double) {
        data += "M"
        pair(x, y)
    }

    /// A straight segment to `(x, y)`.
    public mutating func line(_ x: Double, _ y: Double) {
        data += "L"
        pair(x, y)
    }

    /// Closes the current subpath.
    public mutating func close() { data += "Z" }

    /// A zero-length subpath at `(x, y)`: with a round (square) line cap and stroke width d it draws a dot
    /// (square) of diameter (side) d, in about 16 bytes per point.
    public mutating func dot(_ x: Double, _ y: Double) {
        data += "M"
        pair(x, y)
        data += "h0"
    }

    private mutating func pair(_ x: Double, _ y: Double) {
        NumberFormat.appendCoordinate(x, to: &data)
        data += " "
        NumberFormat.appendCoordinate(y, to: &data)
    }
}
