import Foundation

/// How data values map to positions along an axis.
public enum AxisScale: Sendable, Equatable {
    /// Position proportional to the value.
    case linear
    /// Position proportional to log₁₀ of the value; values ≤ 0 cannot be shown and are skipped.
    case log10
}

/// One axis of a plot: its label, scale and optionally a fixed range (otherwise the data's range, widened to
/// whole ticks).
public struct PlotAxis: Sendable {
    public var label: String
    public var scale: AxisScale
    /// A fixed range in data units; on a log axis both bounds must be positive.
    public var range: ClosedRange<Double>?

    public init(label: String = "", scale: AxisScale = .linear, range: ClosedRange<Double>? = nil) {
        if let range, scale == .log10 {
            precondition(range.lowerBound > 0, "a log axis range must be positive")
        }
        self.label = label
        self.scale = scale
        self.range = range
    }

    /// Whether `value` can be placed on this axis (finite, and positive on a log axis).
    public func accepts(_ value: Double) -> Bool {
        value.isFinite && (scale == .linear || value > 0)
    }
}

/// The domain and tick marks of an axis: 1-2-5 steps on a linear axis, decades (with minor ticks at 2…9 ×)
/// on a log axis. Matplotlib's `MaxNLocator(steps=[1, 2, 5, 10])` and `LogLocator`.
public struct AxisTicks: Sendable, Equatable {
    public let scale: AxisScale
    /// The shown range in data units.
    public let lower: Double
    public let upper: Double
    /// Labelled tick values, ascending, all inside `lower...upper`.
    public let major: [Double]
    /// Unlabelled tick values (log axes only), ascending.
    public let minor: [Double]

    /// Ticks for a linear axis over the data range `lower...upper` with about `targetCount` intervals.
    /// With `expand` the domain grows to the enclosing ticks (0.03…0.97 → 0…1); otherwise it stays as given and
    /// only ticks inside it are kept. An empty range (`lower == upper`) is widened around its value.
    /// - Complexity: O(number of ticks).
    public static func linear(lower: Double, upper: Double, targetCount: Int = 5, expand: Bool = true) -> AxisTicks {
        precondition(lower.isFinite && upper.isFinite && lower <= upper, "axis range must be finite and ordered")
        var lo = lower, hi = upper
        if hi - lo <= 1e-12 * max(abs(lo), abs(hi)) {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        let (mantissa, exponent) = niceStep(for: (hi - lo) / Double(max(1, targetCount)))
        let step = Double(mantissa) * power10(exponent)
        let kLo = Int((lo / step + 1e-9).rounded(.down))
        let kHi = Int((hi / step - 1e-9).rounded(.up))
        var ticks = (kLo...kHi).map { k -> Double in
            exponent < 0 ? Double(k * mantissa) / power10(-exponent) : Double(k * mantissa) * power10(exponent)
        }
        if expand {
            return AxisTicks(scale: .linear, lower: ticks.first!, upper: ticks.last!, major: ticks, minor: [])
        }
        let tolerance = 1e-9 * step
        ticks = ticks.filter { $0 >= lower - tolerance && $0 <= upper + tolerance }
        return AxisTicks(scale: .linear, lower: lo, upper: hi, major: ticks, minor: [])
    }

    /// Ticks for a log₁₀ axis over the positive range `lower...upper`: major ticks at powers of ten (every k-th
    /// decade, at multiples of k, when the axis spans more than `targetCount` decades; also at 2 × and 5 ×
    /// when it spans at most about two decades), minor ticks at 2…9 × when it spans at most 6 decades. With
    /// `expand`, a range narrower than a decade grows to the enclosing decades and a wider one by 4 % of its
    /// log-width on each side (matplotlib's margins); otherwise it stays as given.
    /// - Complexity: O(number of decades).
    public static func log10(lower: Double, upper: Double, targetCount: Int = 6, expand: Bool = true) -> AxisTicks {
        precondition(lower > 0 && upper.isFinite && lower <= upper, "log axis range must be positive and ordered")
        var lo = lower, hi = upper
        if expand {
            let a = Foundation.log10(lower), b = Foundation.log10(upper)
            if b - a < 1 {
                let dLo = Int((a + 1e-9).rounded(.down))
                let dHi = max(dLo + 1, Int((b - 1e-9).rounded(.up)))
                lo = power10(dLo)
                hi = power10(dHi)
            } else {
                let margin = 0.04 * (b - a)
                lo = Foundation.pow(10, a - margin)
                hi = Foundation.pow(10, b + margin)
            }
        } else if hi <= lo {
            hi = lo * 10
        }
        let span = Foundation.log10(hi) - Foundation.log10(lo)
        let dFirst = Int((Foundation.log10(lo) - 1e-9).rounded(.down))
        let dLast = Int((Foundation.log10(hi) + 1e-9).rounded(.up))
        let stride = max(1, Int((span / Double(max(1, targetCount))).rounded(.up)))
        let labelTwoAndFive = span <= 2.2
        var major: [Double] = []
        var minor: [Double] = []
        for d in dFirst...dLast {
            let decade = power10(d)
            if ((d % stride) + stride) % stride == 0 { major.append(decade) } else { minor.append(decade) }
            if span <= 6 && stride == 1 {
                for m in 2...9 {
                    let v = Double("\(m)e\(d)") ?? Double(m) * decade
                    if labelTwoAndFive && (m == 2 || m == 5) { major.append(v) } else { minor.append(v) }
                }
            }
        }
        let tol = 1e-9
        let inside = { (v: Double) in v >= lo * (1 - tol) && v <= hi * (1 + tol) }
        return AxisTicks(scale: .log10, lower: lo, upper: hi,
                         major: major.filter(inside).sorted(), minor: minor.filter(inside).sorted())
    }

    /// Ticks for `axis` showing the data values `values` (already filtered by `axis.accepts`).
    static func forAxis(_ axis: PlotAxis, dataRange: ClosedRange<Double>?, targetCount: Int) -> AxisTicks {
        let fixed = axis.range
        let range = fixed ?? dataRange ?? (axis.scale == .log10 ? 1...10 : 0...1)
        switch axis.scale {
        case .linear:
            return linear(lower: range.lowerBound, upper: range.upperBound, targetCount: targetCount,
                          expand: fixed == nil)
        case .log10:
            return log10(lower: range.lowerBound, upper: range.upperBound, targetCount: targetCount,
                         expand: fixed == nil)
        }
    }

    /// Where `value` lies in the domain: 0 at `lower`, 1 at `upper` (linear in value or in log₁₀ value).
    public func fraction(_ value: Double) -> Double {
        switch scale {
        case .linear:
            return upper > lower ? (value - lower) / (upper - lower) : 0.5
        case .log10:
            let a = Foundation.log10(lower), b = Foundation.log10(upper)
            return b > a ? (Foundation.log10(value) - a) / (b - a) : 0.5
        }
    }

    /// The 1-2-5 step ≥ `raw` as mantissa × 10^exponent.
    static func niceStep(for raw: Double) -> (mantissa: Int, exponent: Int) {
        let r = raw > 0 && raw.isFinite ? raw : 1
        var e = Int(Foundation.log10(r).rounded(.down))
        let f = r / power10(e)
        let m: Int
        if f <= 1 + 1e-9 { m = 1 } else if f <= 2 + 1e-9 { m = 2 } else if f <= 5 + 1e-9 { m = 5 } else { m = 1; e += 1 }
        return (m, e)
    }

    /// 10^e as the double nearest to the exact power.
    static func power10(_ e: Int) -> Double {
        Double("1e\(e)") ?? Foundation.pow(10, Double(e))
    }
}
