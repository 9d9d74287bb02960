import SNNLinalg

/// The Riemannian Hessian of `ℓ(Y) = ‖YYᵀ − A‖_F²` on the quotient `R^{n×r}_* / O(r)` at a point `Y`, as an
/// operator on the horizontal space `H_Y` (DESIGN §2).
///
/// The total space is flat and `ℓ` is rotation invariant, so the Riemannian gradient is the Euclidean one
/// (which is horizontal: `Yᵀ∇ℓ = 4((YᵀY)² − YᵀAY)` is symmetric) and the Riemannian Hessian is the horizontal
/// projection of the Euclidean Hessian-vector product
///
///     ∇²ℓ(Y)[ξ] = 4 (ξ YᵀY + Y ξᵀY + Y Yᵀξ − A ξ),     Hess ℓ(Y)[ξ] = P_h(∇²ℓ(Y)[ξ])   for ξ ∈ H_Y,
///
/// whose quadratic form is `2‖Yξᵀ + ξYᵀ‖_F² + 4⟨YYᵀ − A, ξξᵀ⟩`. The operator `P_h ∇²ℓ P_h` is symmetric on
/// `R^{n×r}`; on `H_Y` (dimension `nr − r(r−1)/2`) it is the Riemannian Hessian.
public struct RiemannianHessian: Sendable {
    /// The objective (its matrix `A`).
    public let objective: SpectralObjective<Double>
    /// The horizontal projection at `Y` (holds `Y` and `YᵀY`).
    public let projector: HorizontalProjector

    /// The Hessian at `y`.
    /// - Throws: the errors of `HorizontalProjector.init(at:)` (rank-deficient or non-finite `Y`).
    /// - Complexity: O(n·r² + r³).
    public init(objective: SpectralObjective<Double>, at y: Matrix<Double>) throws {
        precondition(y.rows == objective.matrix.rows, "Y has \(y.rows) rows, A is \(objective.matrix.rows) × \(objective.matrix.rows)")
        self.objective = objective
        self.projector = try HorizontalProjector(at: y)
    }

    /// The point `Y`.
    public var point: Matrix<Double> { projector.point }

    /// Dimension `nr − r(r−1)/2` of the horizontal space.
    public var horizontalDimension: Int {
        let n = point.rows, r = point.cols
        return n * r - r * (r - 1) / 2
    }

    /// The Euclidean Hessian-vector product `∇²ℓ(Y)[ξ] = 4 (ξ YᵀY + Y ξᵀY + Y Yᵀξ − A ξ)`.
    /// - Complexity: O(nnz(A)·r + n·r²).
    public func euclideanProduct(_ xi: Matrix<Double>) -> Matrix<Double> {
        let y = point
        precondition(xi.rows == y.rows && xi.cols == y.cols, "ξ must have the shape of Y")
        var result = objective.matrix.multiply(xi)                        // A ξ
        result.scale(by: -1)
        Matrix.gemm(xi, projector.gram, alpha: 1, beta: 1, into: &result) // + ξ YᵀY
        let xiTy = Matrix.multiply(xi, y, transposeA: true)               // ξᵀY
        let yTxi = xiTy.transposed()                                      // Yᵀξ
        var inner = xiTy
        inner.add(yTxi)                                                   // ξᵀY + Yᵀξ
        Matrix.gemm(y, inner, alpha: 1, beta: 1, into: &result)           // + Y(ξᵀY + Yᵀξ)
        result.scale(by: 4)
        return result
    }

    /// The Riemannian Hessian-vector product `P_h(∇²ℓ(Y)[P_h ξ])` (equal to `Hess ℓ(Y)[ξ]` for horizontal ξ).
    /// - Complexity: O(nnz(A)·r + n·r² + r³).
    public func product(_ xi: Matrix<Double>) -> Matrix<Double> {
        projector.project(euclideanProduct(projector.project(xi)))
    }

    /// The quadratic form `∇²ℓ(Y)[ξ, ξ] = 2‖Yξᵀ + ξYᵀ‖_F² + 4⟨YYᵀ − A, ξξᵀ⟩`, expanded without n × n matrices as
    /// `4 tr(ξᵀξ YᵀY) + 4 tr((ξᵀY)²) + 4 ‖Yᵀξ‖_F² − 4 tr(ξᵀAξ)`.
    /// - Complexity: O(nnz(A)·r + n·r²).
    public func quadraticForm(_ xi: Matrix<Double>) -> Double {
        let y = point
        let xiTxi = xi.gram()
        let xiTy = Matrix.multiply(xi, y, transposeA: true)
        let axi = objective.matrix.multiply(xi)
        var first = 0.0, second = 0.0, third = 0.0, fourth = 0.0
        let r = y.cols
        for a in 0..<r { for b in 0..<r {
            first += xiTxi[a, b] * projector.gram[a, b]
            second += xiTy[a, b] * xiTy[b, a]
            third += xiTy[a, b] * xiTy[a, b]
        } }
        for i in xi.storage.indices { fourth += xi.storage[i] * axi.storage[i] }
        return 4 * (first + second + third - fourth)
    }

    /// An upper bound on `|λ|` for every eigenvalue of the Hessian: `4 (3‖Y‖₂² + ‖A‖_∞)` (`‖A‖₂ ≤ ‖A‖_∞` for a
    /// symmetric `A`; `‖Y‖₂²` the largest eigenvalue of `YᵀY`).
    public var spectralBound: Double {
        let a = objective.matrix
        var rowMax = 0.0
        a.values.withUnsafeBufferPointer { v in
            for i in 0..<a.rows {
                var s = 0.0
                for k in a.rowPointers[i]..<a.rowPointers[i + 1] { s += abs(v[k]) }
                rowMax = Swift.max(rowMax, s)
            }
        }
        return 4 * (3 * (projector.gramEigenvalues.first ?? 0) + rowMax)
    }
}
