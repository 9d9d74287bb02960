import SNNLinalg
import SNNData

/// The top eigenvalue of a symmetric matrix `A` restricted to the orthogonal complement of a subspace
/// (the operator `P A P`, `P = I − Q Qᵀ`), estimated by Lanczos with full reorthogonalization.
///
/// After m steps the tridiagonal `T_m = V_mᵀ (P A P) V_m` has the top eigenpair `(θ, s)`; its Ritz vector
/// `z = V_m s` has the residual `‖P A P z − θ z‖ = |β_m s_m|` (β_m the last off-diagonal that the recurrence
/// produced). What this guarantees and what it does not:
/// - **Guaranteed** (up to rounding): θ is at most the largest eigenvalue of `P A P` on `span(Q)^⊥` (Ritz values
///   interlace), and some eigenvalue of that operator lies in `[θ − |β_m s_m|, θ + |β_m s_m|]` (the residual bound
///   for a symmetric matrix).
/// - **Not guaranteed**: that this eigenvalue is the *largest* one. If the random start vector is nearly
///   orthogonal to the top eigenvector, or the top of the deflated spectrum is crowded so that m steps have not
///   separated it, `θ + |β_m s_m|` can lie below the true maximum. With a random start the first failure is
///   improbable; the second shows up as a large `|β_m s_m|` (a loose, larger upper bound), not a silent miss,
///   whenever θ has not converged.
/// - Complexity: O(m · (nnz(A) + n · (m + q))) for q = `Q.cols`.
public struct DeflatedLanczos: Sendable, Equatable {
    /// Lanczos steps actually taken (fewer than asked on breakdown or when the complement is small).
    public var steps: Int
    /// θ, the largest Ritz value of `T_m`.
    public var topRitzValue: Double
    /// `|β_m s_m|`, the residual norm of θ's Ritz vector (0 after a breakdown: an exact invariant subspace).
    public var residualBound: Double
    /// All Ritz values of `T_m`, descending.
    public var ritzValues: [Double]
    /// True when the recurrence stopped early because the Krylov space became invariant.
    public var brokeDown: Bool

    /// `θ + |β_m s_m|`: the estimated upper bound on the top eigenvalue of `P A P` on `span(Q)^⊥`.
    public var upperBound: Double { topRitzValue + residualBound }

    /// Runs Lanczos on `P A P` from a seeded random start vector in `span(Q)^⊥`.
    /// - Parameters:
    ///   - a: a symmetric n × n matrix.
    ///   - q: n × k with orthonormal columns (k < n), the subspace to deflate.
    ///   - steps: the number of Lanczos steps m ≥ 1 (capped at n − k).
    ///   - seed: seed of the start vector.
    /// - Throws: `EvalError.invalidSetting` when `steps < 1` or `span(Q)` is the whole space.
    /// - Complexity: O(m · (nnz(A) + n · (m + k))) plus O(m³) for the tridiagonal eigenproblem.
    public init(matrix a: CSRMatrix<Double>, deflating q: Matrix<Double>, steps requested: Int, seed: UInt64) throws {
        precondition(a.rows == a.cols && q.rows == a.rows, "DeflatedLanczos needs a square matrix and a basis with n rows")
        let n = a.rows, k = q.cols
        guard requested >= 1 else { throw EvalError.invalidSetting("the number of Lanczos steps must be at least 1, got \(requested)") }
        guard k < n else {
            throw EvalError.invalidSetting("the subspace has dimension \(k) = n, so its complement is empty; use r < n")
        }
        let m = min(requested, n - k)
        var generator = SeededGenerator(seed: seed)
        var basis = Matrix<Double>(rows: m + 1, cols: n)   // Lanczos vectors as rows
        var v = (0..<n).map { _ in generator.normal() }
        Self.orthogonalize(&v, against: q, lanczos: basis, count: 0)
        Self.orthogonalize(&v, against: q, lanczos: basis, count: 0)
        var norm = Vector.norm(v)
        precondition(norm > 0, "the random start vector lies in span(Q)")
        for i in 0..<n { basis[0, i] = v[i] / norm }

        var alpha: [Double] = [], beta: [Double] = []
        var scale = 0.0
        var brokeDown = false
        for j in 0..<m {
            let vj = basis.row(j)
            var w = a.multiply(vj)
            // w = P A v_j (v_j is already in span(Q)^⊥).
            Self.orthogonalize(&w, against: q, lanczos: basis, count: 0)
            let aj = Vector.dot(vj, w)
            alpha.append(aj)
            scale = max(scale, abs(aj) + (beta.last ?? 0))
            // Full reorthogonalization (twice is enough) removes α_j v_j, β_{j−1} v_{j−1} and rounding drift.
            Self.orthogonalize(&w, against: q, lanczos: basis, count: j + 1)
            Self.orthogonalize(&w, against: q, lanczos: basis, count: j + 1)
            norm = Vector.norm(w)
            beta.append(norm)
            if norm <= 1e-12 * max(scale, 1e-300) {
                brokeDown = true
                beta[beta.count - 1] = 0
                break
            }
            for i in 0..<n { basis[j + 1, i] = w[i] / norm }
        }
        let steps = alpha.count
        var t = Matrix<Double>(rows: steps, cols: steps)
        for i in 0..<steps {
            t[i, i] = alpha[i]
            if i + 1 < steps { t[i, i + 1] = beta[i]; t[i + 1, i] = beta[i] }
        }
        let eigen = try t.symmetricEigen()
        self.steps = steps
        self.brokeDown = brokeDown
        ritzValues = eigen.values
        topRitzValue = eigen.values[0]
        residualBound = abs(beta[steps - 1] * eigen.vectors[steps - 1, 0])
    }

    /// `x ← x − Q Qᵀ x − Vᵀ V x` over the first `count` Lanczos rows `V` (one classical Gram–Schmidt pass).
    /// - Complexity: O(n · (k + count)).
    static func orthogonalize(_ x: inout [Double], against q: Matrix<Double>, lanczos: Matrix<Double>, count: Int) {
        if q.cols > 0 {
            let c = q.times(x, transposed: true)
            let qc = q.times(c)
            Vector.axpy(-1, qc, &x)
        }
        if count > 0 {
            // h = V x, x ← x − Vᵀ h over the first `count` rows, in place (no copy of V).
            let n = x.count
            var h = [Double](repeating: 0, count: count)
            lanczos.storage.withUnsafeBufferPointer { pv in
                h.withUnsafeMutableBufferPointer { ph in
                    x.withUnsafeMutableBufferPointer { px in
                        Double.gemv(trans: false, m: count, n: n, alpha: 1, a: pv.baseAddress!, lda: n,
                                    x: UnsafePointer(px.baseAddress!), beta: 0, y: ph.baseAddress!)
                        Double.gemv(trans: true, m: count, n: n, alpha: -1, a: pv.baseAddress!, lda: n,
                                    x: UnsafePointer(ph.baseAddress!), beta: 1, y: px.baseAddress!)
                    }
                }
            }
        }
    }
}
