import SNNLinalg

/// Eigenpairs recovered from network outputs `Y ≈ U_r Λ_r^{1/2} O` (DESIGN §2):
/// `S = YᵀY = V Σ Vᵀ` gives eigenvalue estimates `λ̂ = diag Σ` and un-rotated eigenvectors `Û = Y V Σ^{-1/2}`;
/// the same map `f(x) ↦ f(x) V Σ^{-1/2}` embeds new points.
public struct EigenRecovery: Sendable, Equatable {
    /// `V` (r × r, orthogonal), columns ordered by descending `sigma`, signs fixed on the training points.
    public var rotation: Matrix<Double>
    /// `diag Σ`, the eigenvalue estimates `λ̂`, descending.
    public var sigma: [Double]

    /// Largest allowed condition number of `YᵀY` before `Y` counts as rank-deficient.
    public static let maximumCondition = 1e10

    /// Decomposes `YᵀY`.
    /// - Throws: `LinalgError.rankDeficient` when `YᵀY` is singular to working precision (a collapsed output).
    /// - Complexity: O(n·r²).
    public init(outputs y: Matrix<Double>) throws {
        guard y.isFinite else { throw LinalgError.nonFinite(what: "the network outputs") }
        let eigen = try y.gram().symmetricEigen()
        let top = eigen.values.first ?? 0
        let rank = eigen.values.filter { $0 > top / Self.maximumCondition && $0 > 0 }.count
        guard rank == y.cols else {
            throw LinalgError.rankDeficient(
                what: "the network output Y (its Gram matrix YᵀY)", rank: rank, expected: y.cols,
                advice: "train longer, lower the learning rate or widen the network (--hidden) so that all r outputs stay independent")
        }
        rotation = eigen.vectors
        sigma = eigen.values
        // Fix the signs on the training points: each eigenvector column gets the deterministic sign
        // (its entry of largest magnitude positive, as `normalizeColumnSigns`).
        let u = applied(to: y)
        for j in 0..<u.cols {
            var best = 0
            for i in 0..<u.rows where abs(u[i, j]) > abs(u[best, j]) { best = i }
            if u.rows > 0 && u[best, j] < 0 { for i in 0..<rotation.rows { rotation[i, j] = -rotation[i, j] } }
        }
    }

    public init(rotation: Matrix<Double>, sigma: [Double]) {
        precondition(rotation.rows == rotation.cols && rotation.cols == sigma.count)
        self.rotation = rotation
        self.sigma = sigma
    }

    /// `Y V Σ^{-1/2}`: eigenvector estimates (unit columns on the training points). - Complexity: O(n·r²).
    public func applied(to y: Matrix<Double>) -> Matrix<Double> {
        var u = Matrix.multiply(y, rotation)
        for j in 0..<u.cols {
            let s = 1 / sigma[j].squareRoot()
            for i in 0..<u.rows { u[i, j] *= s }
        }
        return u
    }
}

/// Rayleigh–Ritz refinement of a trial subspace with the matrix itself.
public enum RayleighRitz {
    /// Solves `(Yᵀ A Y) w = μ (YᵀY) w` (r × r, `?sygvd`) and returns the Ritz values `μ` (descending) and the Ritz
    /// vectors `Y w` (unit norm, deterministic sign): the best approximations to eigenpairs of `A` in `span(Y)`.
    /// - Throws: `LinalgError` when `YᵀY` is not positive definite (rank-deficient `Y`).
    /// - Complexity: O(nnz(A)·r + n·r²).
    public static func refine(_ y: Matrix<Double>, matrix a: CSRMatrix<Double>) throws -> (values: [Double], vectors: Matrix<Double>) {
        precondition(y.rows == a.rows)
        let ay = a.multiply(y)
        var projected = Matrix.multiply(y, ay, transposeA: true)
        for i in 0..<projected.rows { for j in 0..<i {
            let m = (projected[i, j] + projected[j, i]) / 2; projected[i, j] = m; projected[j, i] = m
        } }
        let eigen: SymmetricEigen<Double>
        do { eigen = try projected.generalizedSymmetricEigen(y.gram()) } catch LinalgError.notPositiveDefinite {
            throw LinalgError.rankDeficient(what: "the trial subspace Y", rank: -1, expected: y.cols,
                                            advice: "train longer or widen the network so that all r outputs stay independent")
        }
        var vectors = Matrix.multiply(y, eigen.vectors)
        let norms = vectors.columnNorms()
        for j in 0..<vectors.cols { for i in 0..<vectors.rows { vectors[i, j] /= norms[j] } }
        vectors.normalizeColumnSigns()
        return (eigen.values, vectors)
    }
}
