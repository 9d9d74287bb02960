/// One cell of a report table: text, or a number formatted compactly and right-aligned.
public enum TableCell: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral {
    case text(String)
    case integer(Int)
    /// A number shown with `significant` significant digits (see `NumberFormat.compact`).
    case number(Double, significant: Int)
    /// A duration in seconds, shown as `850 ms`, `12.3 s` or `4 min 05 s`.
    case seconds(Double)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value, significant: 4) }

    /// A number with 4 significant digits.
    public static func number(_ value: Double) -> TableCell { .number(value, significant: 4) }

    /// The cell's text.
    public var text: String {
        switch self {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .number(let v, let significant): return NumberFormat.compact(v, significant: significant)
        case .seconds(let s):
            guard s.isFinite else { return NumberFormat.compact(s) }
            if s < 1 { return NumberFormat.compact(s * 1000, significant: 3) + " ms" }
            if s < 60 { return NumberFormat.compact(s, significant: 3) + " s" }
            let total = Int(s.rounded())
            let seconds = total % 60
            return "\(total / 60) min " + (seconds < 10 ? "0" : "") + "\(seconds) s"
        }
    }

    var isNumeric: Bool {
        if case .text = self { return false }
        return true
    }
}

/// A self-contained HTML report: headings, paragraphs, tables and inline SVG figures in one string with inline
/// CSS, no scripts and no external resources, so a browser shows it without any other file. The markup is also
/// well-formed XML (XHTML-style empty elements), so XML tools can check it.
///
/// ```swift
/// var report = HTMLReport(title: "snn demo")
/// report.section("Settings")
/// report.keyValues(["points": 2000, "seed": 7, "ε": 0.25])
/// report.paragraph("The SNN recovers the first 9 eigenvectors.")
/// report.figure(plot, caption: "Loss per epoch")
/// try report.html.write(toFile: "report.html", atomically: true, encoding: .utf8)
/// ```
public struct HTMLReport: Sendable {
    public var title: String
    private var body: [String] = []
    private var figureCount = 0

    public init(title: String) {
        self.title = title
    }

    /// A section heading (`<h2>`).
    public mutating func section(_ heading: String) {
        body.append("<h2>" + Markup.escape(heading) + "</h2>")
    }

    /// A subsection heading (`<h3>`).
    public mutating func subsection(_ heading: String) {
        body.append("<h3>" + Markup.escape(heading) + "</h3>")
    }

    /// A paragraph of plain text (escaped; line breaks are kept).
    public mutating func paragraph(_ text: String) {
        body.append("<p>" + Markup.escape(text).split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "<br/>") + "</p>")
    }

    /// Monospaced text kept as typed (a command line, a log excerpt).
    public mutating func preformatted(_ text: String) {
        body.append("<pre>" + Markup.escape(text) + "</pre>")
    }

    /// A two-column table of settings, timings or results, in the given order.
    public mutating func keyValues(_ pairs: KeyValuePairs<String, TableCell>, caption: String? = nil) {
        keyValues(pairs.map { (key: $0.key, value: $0.value) }, caption: caption)
    }

    /// A two-column table of settings, timings or results, in the given order.
    public mutating func keyValues(_ pairs: [(key: String, value: TableCell)], caption: String? = nil) {
        var s = "<table class=\"kv\">" + tableCaption(caption) + "<tbody>"
        for (key, value) in pairs {
            s += "<tr><th scope=\"row\">" + Markup.escape(key) + "</th>" + cell(value) + "</tr>"
        }
        body.append(s + "</tbody></table>")
    }

    /// A data table with a header row; numeric cells are right-aligned. Every row must have `header.count` cells.
    public mutating func table(header: [String], rows: [[TableCell]], caption: String? = nil) {
        for (i, row) in rows.enumerated() {
            precondition(row.count == header.count, "table row \(i) has \(row.count) cells, header has \(header.count)")
        }
        var s = "<table class=\"data\">" + tableCaption(caption) + "<thead><tr>"
        for h in header { s += "<th>" + Markup.escape(h) + "</th>" }
        s += "</tr></thead><tbody>"
        for row in rows {
            s += "<tr>" + row.map(cell).joined() + "</tr>"
        }
        body.append(s + "</tbody></table>")
    }

    /// An inline SVG figure (a string made by this module's figures or `SVGDocument`) with a numbered caption.
    /// Consecutive figures sit side by side when the window is wide enough.
    public mutating func figure(_ svg: String, caption: String = "") {
        figureCount += 1
        var s = "<figure>" + svg
        if !caption.isEmpty {
            s += "<figcaption><b>Figure \(figureCount).</b> " + Markup.escape(caption) + "</figcaption>"
        }
        body.append(s + "</figure>")
    }

    /// An inline figure rendered from `figure`.
    public mutating func figure(_ figure: some SVGFigure, caption: String = "") {
        self.figure(figure.svg(), caption: caption)
    }

    /// The whole document.
    /// - Complexity: O(total size).
    public var html: String {
        let t = Markup.escape(title)
        return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
            + "<title>" + t + "</title><style>" + Self.css + "</style></head>\n<body><main><h1>" + t + "</h1>\n"
            + body.joined(separator: "\n") + "\n</main></body></html>\n"
    }

    private func tableCaption(_ caption: String?) -> String {
        guard let caption, !caption.isEmpty else { return "" }
        return "<caption>" + Markup.escape(caption) + "</caption>"
    }

    private func cell(_ c: TableCell) -> String {
        (c.isNumeric ? "<td class=\"num\">" : "<td>") + Markup.escape(c.text) + "</td>"
    }

    static let css = """
    body{margin:0;background:#fafafa;color:#222;font:15px/1.5 Helvetica,Arial,sans-serif}\
    main{max-width:1240px;margin:0 auto;padding:20px 20px 48px;background:#fff}\
    h1{font-size:26px;margin:0 0 12px;border-bottom:2px solid #2f6db5;padding-bottom:6px}\
    h2{font-size:20px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:3px}\
    h3{font-size:16px;margin:18px 0 6px}\
    p{margin:6px 0 10px;max-width:860px}\
    pre{background:#f3f3f3;padding:8px 10px;overflow-x:auto;font-size:13px}\
    table{border-collapse:collapse;margin:8px 0 16px;font-size:14px}\
    caption{text-align:left;font-weight:bold;padding:2px 0 4px}\
    th,td{border:1px solid #ddd;padding:3px 10px;text-align:left;vertical-align:top}\
    thead th{background:#eef2f7}\
    table.kv th{background:#f6f6f6;font-weight:normal;color:#444}\
    td.num{text-align:right;font-variant-numeric:tabular-nums;font-family:Menlo,Consolas,monospace;font-size:13px}\
    figure{display:inline-block;vertical-align:top;margin:8px 12px 16px 0;max-width:100%}\
    figure svg{display:block;max-width:100%;height:auto;border:1px solid #e5e5e5}\
    figcaption{font-size:13px;color:#444;margin-top:4px;max-width:640px}
    """
}
