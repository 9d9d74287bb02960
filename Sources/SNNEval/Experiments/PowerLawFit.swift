import Foundation

/// The least-squares line through `(log₁₀ x, log₁₀ y)`: `y ≈ C · x^slope` (NumPy `np.polyfit(np.log10(x), np.log10(y), 1)`).
public struct PowerLawFit: Sendable, Equatable {
    /// The exponent (slope on log–log axes).
    public var slope: Double
    /// log₁₀ C.
    public var intercept: Double
    /// Coefficient of determination of the log–log fit (1 for an exact power law).
    public var rSquared: Double
    /// Number of points used (those with x > 0 and y > 0, both finite).
    public var count: Int

    /// Fits the points with positive finite coordinates; nil when fewer than two remain or all x are equal.
    /// - Complexity: O(n).
    public init?(x: [Double], y: [Double]) {
        precondition(x.count == y.count, "the fit needs as many x as y values")
        let pairs = zip(x, y).filter { $0.0 > 0 && $0.1 > 0 && $0.0.isFinite && $0.1.isFinite }.map { (log10($0.0), log10($0.1)) }
        guard pairs.count >= 2 else { return nil }
        let n = Double(pairs.count)
        let mx = pairs.reduce(0) { $0 + $1.0 } / n, my = pairs.reduce(0) { $0 + $1.1 } / n
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for (u, v) in pairs { sxx += (u - mx) * (u - mx); sxy += (u - mx) * (v - my); syy += (v - my) * (v - my) }
        guard sxx > 0 else { return nil }
        slope = sxy / sxx
        intercept = my - slope * mx
        rSquared = syy > 0 ? (sxy * sxy) / (sxx * syy) : 1
        count = pairs.count
    }

    /// `C · x^slope`.
    public func value(at x: Double) -> Double { pow(10, intercept + slope * log10(x)) }
}
