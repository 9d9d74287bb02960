import SNNLinalg
import SNNNeural

extension InputStandardization {
    /// Centres every column and divides all of them by one overall standard deviation
    /// `s = √(Σ_ij (x_ij − μ_j)² / (n·d))`, which keeps the geometry (distances up to one factor) that the graph
    /// was built from; per-column scaling would stretch anisotropic data such as a swiss roll.
    /// - Complexity: O(n·d).
    public init(centeringWithOverallScale x: Matrix<T>) {
        let mean = InputStandardization(fitting: x).mean
        var sum = 0.0
        for i in 0..<x.rows { for j in 0..<x.cols { let c = Double(x[i, j] - mean[j]); sum += c * c } }
        let variance = sum / Double(max(1, x.rows * x.cols))
        let s = variance > 0 && variance.isFinite ? T(variance.squareRoot()) : 1
        self.init(mean: mean, scale: [T](repeating: s, count: x.cols))
    }
}
