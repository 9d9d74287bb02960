import SNNLinalg

/// Per-feature standardization `x' = (x − mean) / scale` (scikit-learn `StandardScaler`), fitted on the
/// training points and stored with the model so new points are transformed the same way.
public struct InputStandardization<T: LinalgScalar>: Sendable, Equatable, Codable {
    /// Per-column means.
    public var mean: [T]
    /// Per-column scales (standard deviations; 1 for constant columns so they map to 0, not NaN).
    public var scale: [T]

    public init(mean: [T], scale: [T]) {
        precondition(mean.count == scale.count, "mean and scale differ in length")
        precondition(scale.allSatisfy { $0 > 0 && $0.isFinite }, "scales must be positive and finite")
        self.mean = mean
        self.scale = scale
    }

    /// The identity transform on `dimension` features.
    public static func identity(dimension: Int) -> InputStandardization {
        InputStandardization(mean: [T](repeating: 0, count: dimension), scale: [T](repeating: 1, count: dimension))
    }

    /// Fits means and (population) standard deviations of the columns of `x`, accumulating in Double.
    /// - Complexity: O(rows · cols).
    public init(fitting x: Matrix<T>) {
        precondition(x.rows > 0, "cannot fit a standardization to zero points")
        let n = x.rows, d = x.cols
        var mean = [Double](repeating: 0, count: d), square = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { mean[j] += Double(x.storage[i * d + j]) } }
        for j in 0..<d { mean[j] /= Double(n) }
        for i in 0..<n { for j in 0..<d { let c = Double(x.storage[i * d + j]) - mean[j]; square[j] += c * c } }
        let std = square.map { ($0 / Double(n)).squareRoot() }
        self.init(mean: mean.map { T($0) }, scale: std.map { $0 > 0 && $0.isFinite ? T($0) : 1 })
    }

    /// `(x − mean) / scale` row by row.
    /// - Complexity: O(rows · cols).
    public func apply(_ x: Matrix<T>) -> Matrix<T> {
        precondition(x.cols == mean.count, "points have \(x.cols) features, the standardization \(mean.count)")
        var out = x
        let d = x.cols
        let inverse = scale.map { 1 / $0 }
        out.storage.withUnsafeMutableBufferPointer { p in
            for i in 0..<x.rows { for j in 0..<d { p[i * d + j] = (p[i * d + j] - mean[j]) * inverse[j] } }
        }
        return out
    }
}
