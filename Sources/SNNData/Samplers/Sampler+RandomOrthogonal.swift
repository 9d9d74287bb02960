import SNNLinalg

extension Sampler {
    /// The first `cols` columns of a Haar-random `rows × rows` orthogonal matrix (a uniformly random point of
    /// the Stiefel manifold): the Q factor, with positive diagonal R, of the QR factorization of a `rows × cols`
    /// standard Gaussian matrix (SciPy `scipy.stats.ortho_group` restricted to its first columns).
    ///
    /// Q is computed by classical Gram–Schmidt with one re-orthogonalization pass ("twice is enough"), which
    /// yields orthonormal columns to rounding and the positive-diagonal R that makes the distribution Haar
    /// (the sign fix a Householder QR would need). Padding a point x ∈ R^cols with zeros and rotating it by a
    /// full Haar matrix gives exactly `Q x`, so this is that embedding without the unused columns.
    /// - Precondition: 1 ≤ cols ≤ rows.
    /// - Complexity: O(rows · cols²).
    public static func randomOrthonormalColumns(rows: Int, cols: Int, using rng: inout SeededGenerator) -> Matrix<Double> {
        precondition(cols >= 1 && cols <= rows, "need 1 ≤ cols ≤ rows, got \(rows) × \(cols)")
        // Work column by column in a column-major buffer: column j is q[j * rows ..< (j + 1) * rows].
        var q = [Double](repeating: 0, count: rows * cols)
        q.withUnsafeMutableBufferPointer { p in
            for j in 0..<cols {
                var norm = 0.0
                repeat {
                    for i in 0..<rows { p[j * rows + i] = rng.normal() }
                    for _ in 0..<2 {
                        for k in 0..<j {
                            var dot = 0.0
                            for i in 0..<rows { dot += p[k * rows + i] * p[j * rows + i] }
                            for i in 0..<rows { p[j * rows + i] -= dot * p[k * rows + i] }
                        }
                    }
                    norm = 0
                    for i in 0..<rows { norm += p[j * rows + i] * p[j * rows + i] }
                    norm = norm.squareRoot()
                } while norm < 1e-8  // a draw (numerically) in the span of the previous columns: probability 0
                for i in 0..<rows { p[j * rows + i] /= norm }
            }
        }
        return Matrix(rows: rows, cols: cols) { i, j in q[j * rows + i] }
    }
}
