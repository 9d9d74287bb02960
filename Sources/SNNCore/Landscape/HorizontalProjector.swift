import SNNLinalg

/// The orthogonal projection onto the horizontal space `H_Y = {ξ : Yᵀξ symmetric}` of the quotient
/// `R^{n×r}_* / O(r)` at a full-rank `Y` (DESIGN §2), with the eigendecomposition of `YᵀY` cached so that many
/// directions can be projected at one point (Lanczos does).
///
/// The vertical space is `V_Y = {YΩ : Ω skew}`. The vertical part of `ξ` is `YΩ` where the skew `Ω` solves the
/// r × r Sylvester equation `(YᵀY)Ω + Ω(YᵀY) = Yᵀξ − ξᵀY`; with `YᵀY = V diag(s) Vᵀ` its solution is
/// `Ω = V [ (Vᵀ(Yᵀξ − ξᵀY)V)_ab / (s_a + s_b) ] Vᵀ`. This is the orthogonal projection because
/// `⟨ξ − YΩ, YΩ'⟩ = 0` for every skew `Ω'` exactly when `Yᵀ(ξ − YΩ)` is symmetric.
public struct HorizontalProjector: Sendable {
    /// The base point `Y` (n × r).
    public let point: Matrix<Double>
    /// `YᵀY` (r × r).
    public let gram: Matrix<Double>
    /// Eigenvalues of `YᵀY` (descending, all > 0).
    public let gramEigenvalues: [Double]
    /// Eigenvectors of `YᵀY` as columns.
    public let gramEigenvectors: Matrix<Double>

    /// Prepares the projection at `y`.
    /// - Throws: `LinalgError.rankDeficient` when `Y` is not of full column rank (the quotient is only a manifold
    ///   at full-rank points); `LinalgError.nonFinite` for NaN/Inf entries.
    /// - Complexity: O(n·r² + r³).
    public init(at y: Matrix<Double>) throws {
        guard y.isFinite else { throw LinalgError.nonFinite(what: "the point Y of the horizontal projection") }
        let gram = y.gram()
        let eigen = try gram.symmetricEigen()
        let largest = eigen.values.first ?? 0
        let rank = eigen.values.filter { $0 > 1e-13 * Swift.max(largest, 1e-300) }.count
        guard largest > 0, rank == y.cols else {
            throw LinalgError.rankDeficient(
                what: "the point Y (\(y.rows) × \(y.cols)) of the quotient geometry", rank: rank, expected: y.cols,
                advice: "the quotient by rotations is a manifold only at full-rank Y; perturb Y or lower r")
        }
        self.point = y
        self.gram = gram
        self.gramEigenvalues = eigen.values
        self.gramEigenvectors = eigen.vectors
    }

    /// The skew `Ω` of the vertical part `YΩ` of `ξ` (solution of `(YᵀY)Ω + Ω(YᵀY) = Yᵀξ − ξᵀY`).
    /// - Complexity: O(n·r² + r³).
    public func verticalGenerator(_ xi: Matrix<Double>) -> Matrix<Double> {
        precondition(xi.rows == point.rows && xi.cols == point.cols, "ξ must have the shape of Y")
        let r = point.cols
        let cross = Matrix.multiply(point, xi, transposeA: true)           // Yᵀξ
        var rhs = Matrix<Double>(rows: r, cols: r)
        for a in 0..<r { for b in 0..<r { rhs[a, b] = cross[a, b] - cross[b, a] } }
        let v = gramEigenvectors
        var rotated = Matrix.multiply(Matrix.multiply(v, rhs, transposeA: true), v)
        for a in 0..<r { for b in 0..<r { rotated[a, b] /= gramEigenvalues[a] + gramEigenvalues[b] } }
        var omega = Matrix.multiply(Matrix.multiply(v, rotated), v, transposeB: true)
        for a in 0..<r {                                                    // exact skew symmetry
            omega[a, a] = 0
            for b in (a + 1)..<r {
                let m = 0.5 * (omega[a, b] - omega[b, a]); omega[a, b] = m; omega[b, a] = -m
            }
        }
        return omega
    }

    /// The horizontal part `ξ_h = ξ − YΩ` of `ξ`: `Yᵀξ_h` is symmetric and projecting twice changes nothing.
    /// - Complexity: O(n·r² + r³).
    public func project(_ xi: Matrix<Double>) -> Matrix<Double> {
        var result = xi
        Matrix.gemm(point, verticalGenerator(xi), alpha: -1, beta: 1, into: &result)
        return result
    }

    /// The largest |(Yᵀξ)_ab − (Yᵀξ)_ba| relative to `‖Y‖_F ‖ξ‖_F`: 0 for a horizontal `ξ` (up to rounding).
    /// - Complexity: O(n·r²).
    public func verticalDefect(_ xi: Matrix<Double>) -> Double {
        let cross = Matrix.multiply(point, xi, transposeA: true)
        var worst = 0.0
        for a in 0..<cross.rows { for b in 0..<cross.cols { worst = Swift.max(worst, abs(cross[a, b] - cross[b, a])) } }
        let scale = point.frobeniusNorm * xi.frobeniusNorm
        return scale > 0 ? worst / scale : worst
    }
}
