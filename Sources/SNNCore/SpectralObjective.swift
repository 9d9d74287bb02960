import SNNLinalg

/// The SNN objective of the paper (eq. 1.1) in output space: `ℓ(Y) = ‖YYᵀ − A‖_F²` for `Y ∈ R^{n×r}`,
/// evaluated without ever forming an n × n matrix:
///
///     ℓ(Y) = ‖YᵀY‖_F² − 2 tr(Yᵀ A Y) + ‖A‖_F²,      ∇_Y ℓ = 4 (Y (YᵀY) − A Y).
///
/// Its minimizers are `U_r Λ_r^{1/2} O`, `O ∈ O(r)` (Eckart–Young–Mirsky), when `λ_r > 0`.
public struct SpectralObjective<Scalar: LinalgScalar>: Sendable {
    /// The symmetric matrix `A` whose top eigenpairs are sought (normally the normalized adjacency).
    public let matrix: CSRMatrix<Scalar>
    /// `‖A‖_F²`, the constant term, accumulated in Double.
    public let matrixFrobeniusSquared: Double

    public init(matrix: CSRMatrix<Scalar>) {
        precondition(matrix.rows == matrix.cols, "the objective needs a square matrix")
        self.matrix = matrix
        self.matrixFrobeniusSquared = matrix.values.reduce(0.0) { $0 + Double($1) * Double($1) }
    }

    /// `ℓ(Y)` and `∇_Y ℓ`. - Complexity: O(nnz(A)·r + n·r²).
    public func lossAndGradient(_ y: Matrix<Scalar>) -> (loss: Double, gradient: Matrix<Scalar>) {
        precondition(y.rows == matrix.rows, "Y has \(y.rows) rows, the matrix is \(matrix.rows) × \(matrix.rows)")
        let s = y.gram()                                  // YᵀY, r × r
        let ay = matrix.multiply(y)                       // A Y, n × r
        var gradient = Matrix.multiply(y, s, alpha: 4)    // 4 Y (YᵀY)
        gradient.add(ay, scaledBy: -4)                    // − 4 A Y
        return (loss(gram: s, y: y, ay: ay), gradient)
    }

    /// `ℓ(Y)` alone. - Complexity: O(nnz(A)·r + n·r²).
    public func loss(_ y: Matrix<Scalar>) -> Double {
        loss(gram: y.gram(), y: y, ay: matrix.multiply(y))
    }

    private func loss(gram s: Matrix<Scalar>, y: Matrix<Scalar>, ay: Matrix<Scalar>) -> Double {
        var gramSquared = 0.0, trace = 0.0
        for v in s.storage { gramSquared += Double(v) * Double(v) }
        for i in y.storage.indices { trace += Double(y.storage[i]) * Double(ay.storage[i]) }
        return gramSquared - 2 * trace + matrixFrobeniusSquared
    }
}
