import SNNLinalg

/// The distance on the quotient `R^{n×r}_* / O(r)` (DESIGN §2): `d(Y, Y*) = min_O ‖Y − Y* O‖_F`, attained at
/// the polar factor `O` of `Y*ᵀ Y` (orthogonal Procrustes, SciPy `orthogonal_procrustes(Y*, Y)`).
public struct QuotientDistance: Sendable, Equatable {
    /// `min_O ‖Y − Y* O‖_F`.
    public var distance: Double
    /// The minimizing orthogonal `O` (r × r).
    public var rotation: Matrix<Double>

    /// The quotient distance between `y` and `reference` with its optimal rotation.
    /// - Throws: `LinalgError.nonFinite` for NaN/Inf entries; `LinalgError.lapack` if the r × r SVD fails.
    /// - Complexity: O(n·r² + r³).
    public init(from y: Matrix<Double>, to reference: Matrix<Double>) throws {
        precondition(y.rows == reference.rows && y.cols == reference.cols,
                     "the quotient distance needs two matrices of one shape, got \(y.rows)×\(y.cols) and \(reference.rows)×\(reference.cols)")
        let o = try Subspace.procrustesRotation(from: reference, to: y)
        var difference = y
        Matrix.gemm(reference, o, alpha: -1, beta: 1, into: &difference)
        self.distance = difference.frobeniusNorm
        self.rotation = o
    }
}
