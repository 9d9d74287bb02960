import Foundation

/// Compact number text for tick labels, table cells and SVG coordinates.
public enum NumberFormat {
    /// A short label for `value`: at most `significant` significant digits, trailing zeros dropped, scientific
    /// notation with a bare exponent below 0.01 or from 100 000 up (`1e-3`, `0.02`, `1500`, `2.5e6`);
    /// `NaN`, `∞` and `-∞` for non-finite values.
    /// - Complexity: O(1).
    public static func compact(_ value: Double, significant: Int = 4) -> String {
        precondition(significant >= 1 && significant <= 17, "significant digits must be in 1...17")
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "∞" : "-∞" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude < 0.01 || magnitude >= 1e5 {
            let text = String(format: "%.\(significant - 1)e", value)
            guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
            let mantissa = trimFraction(String(text[text.startIndex..<e]))
            let exponent = Int(text[text.index(after: e)...]) ?? 0
            return "\(mantissa)e\(exponent)"
        }
        let exponent = Int(floor(log10(magnitude)))
        let decimals = max(0, significant - 1 - exponent)
        return trimFraction(String(format: "%.\(decimals)f", value))
    }

    /// Drops trailing zeros after a decimal point, and the point itself when nothing follows it.
    static func trimFraction(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var t = Substring(text)
        while t.last == "0" { t = t.dropLast() }
        if t.last == "." { t = t.dropLast() }
        if t == "-0" { return "0" }
        return String(t)
    }

    /// Appends `value` rounded to 2 decimals with trailing zeros dropped (`12`, `12.5`, `-0.07`); used for every
    /// SVG coordinate so a figure stays small. Non-finite values become `0`; magnitudes are clamped to 1e9.
    /// - Complexity: O(1).
    @inline(__always)
    static func appendCoordinate(_ value: Double, to out: inout String) {
        guard value.isFinite else { out += "0"; return }
        var hundredths = Int((min(max(value, -1e9), 1e9) * 100).rounded())
        if hundredths < 0 { out += "-"; hundredths = -hundredths }
        out += String(hundredths / 100)
        let fraction = hundredths % 100
        if fraction != 0 {
            out += "."
            if fraction % 10 == 0 {
                out += String(fraction / 10)
            } else {
                if fraction < 10 { out += "0" }
                out += String(fraction)
            }
        }
    }

    /// `value` as SVG coordinate text (see `appendCoordinate`).
    static func coordinate(_ value: Double) -> String {
        var s = ""
        appendCoordinate(value, to: &s)
        return s
    }
}
