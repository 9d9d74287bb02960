import SNNLinalg

/// The a-posteriori error certificate of a trial subspace (DESIGN §2): how far `span(Y)` can be from the top-r
/// eigenspace `span(U_r)` of a symmetric matrix `A`, computed from `A` and `Y` alone, without a reference.
///
/// Ingredients:
/// 1. Rayleigh–Ritz: `Q` = orthonormal basis of `span(Y)`, `QᵀAQ = Z diag(μ) Zᵀ`, Ritz vectors `Û = Q Z` and values
///    `μ_1 ≥ … ≥ μ_r`.
/// 2. Residual `R = AÛ − Û diag(μ)`: `‖R‖_F` and each column's norm `‖r_k‖` (each interval `μ_k ± ‖r_k‖` holds an
///    eigenvalue of A).
/// 3. An upper estimate `ν` of `λ_{r+1}`: by Courant–Fischer, `λ_{r+1} ≤ λ_max(A on span(Û)^⊥)` for *any* r-dimensional
///    `span(Û)`; `DeflatedLanczos` estimates that maximum from above as `θ_max + |β_m s_m|`.
/// 4. Davis–Kahan (sin Θ theorem): if `μ_r > λ_{r+1}` then `‖sin Θ(span Y, span U_r)‖_F ≤ ‖R‖_F / (μ_r − λ_{r+1})`, so
///    with `ν ≥ λ_{r+1}` and gap `δ = μ_r − ν > 0`, `‖sin Θ‖_F ≤ ‖R‖_F / δ`.
///
/// What is guaranteed: steps 1, 2 and 4 are exact statements up to rounding. Step 3 is the weak link: `ν` is an upper
/// bound on `λ_{r+1}` only if Lanczos has found the top of the deflated spectrum (see `DeflatedLanczos`). When
/// that spectrum is crowded (many eigenvalues just below `λ_{r+1}`, as on large ε-graphs of manifolds), a few tens of
/// steps leave `θ_max` unconverged: `|β_m s_m|` is large, `ν` overestimates `λ_{r+1}`, and the bound becomes loose
/// or the gap estimate non-positive, reported as **not certified** (`certified == false`, `bound == nil`). A poor
/// trial subspace is also reported as not certified: its complement still holds a top eigenvector, so `ν ≥ λ_r > μ_r`.
/// More steps (`lanczosSteps`) tighten `ν`.
public struct Certificate: Sendable, Equatable {
    /// The number of Lanczos steps used by default.
    public static let defaultLanczosSteps = 40

    /// Ritz values `μ_1 ≥ … ≥ μ_r`.
    public var ritzValues: [Double]
    /// Ritz vectors `Û` (n × r, orthonormal columns), column k belonging to `μ_k`.
    public var ritzVectors: Matrix<Double>
    /// `‖R‖_F`, `R = AÛ − Û diag(μ)`.
    public var residualNorm: Double
    /// `‖r_k‖` for each Ritz pair.
    public var residualColumnNorms: [Double]
    /// The Lanczos run on `A` deflated by `Û`.
    public var lanczos: DeflatedLanczos
    /// `ν = θ_max + |β_m s_m|`, the estimated upper bound on `λ_{r+1}`.
    public var upperBoundNextEigenvalue: Double
    /// `δ = μ_r − ν`.
    public var gap: Double
    /// True when `δ > 0` (the bound exists).
    public var certified: Bool
    /// `‖R‖_F / δ`, the bound on `‖sin Θ‖_F`; nil when not certified.
    public var bound: Double?

    /// The bound on the project's subspace error `‖sin Θ‖_F / √r`; nil when not certified.
    public var subspaceErrorBound: Double? { bound.map { $0 / Double(ritzValues.count).squareRoot() } }

    /// Certifies `span(y)` as an approximation of the top-r eigenspace of `a`.
    /// - Parameters:
    ///   - y: n × r trial basis (any full-rank basis; e.g. network outputs), 1 ≤ r < n.
    ///   - a: the symmetric n × n matrix (the normalized adjacency).
    ///   - lanczosSteps: Lanczos steps on the deflated operator (default 40).
    ///   - seed: seed of the Lanczos start vector.
    /// - Throws: `EvalError.mismatch` when `y` and `a` disagree on n; `EvalError.invalidSetting` when r ≥ n or
    ///   `lanczosSteps < 1`; `LinalgError.rankDeficient` / `.nonFinite` for a rank-deficient or non-finite `y`.
    /// - Complexity: O((r + m) · nnz(A) + n · (r + m)²) for m Lanczos steps.
    public init(trial y: Matrix<Double>, matrix a: CSRMatrix<Double>,
                lanczosSteps: Int = Certificate.defaultLanczosSteps, seed: UInt64 = 0) throws {
        guard a.rows == a.cols else { throw EvalError.mismatch("the matrix is \(a.rows)×\(a.cols); the certificate needs a square one") }
        guard y.rows == a.rows else {
            throw EvalError.mismatch("the trial subspace has \(y.rows) rows but the graph has \(a.rows) vertices; "
                + "pass the embedding of the graph's own points")
        }
        let n = a.rows, r = y.cols
        guard r >= 1 && r < n else {
            throw EvalError.invalidSetting("the certificate needs 1 ≤ r < n, got r = \(r) for n = \(n)")
        }
        let q = try y.orthonormalColumns()
        let aq = a.multiply(q)
        var projected = Matrix.multiply(q, aq, transposeA: true)
        for i in 0..<r { for j in 0..<i {
            let s = (projected[i, j] + projected[j, i]) / 2
            projected[i, j] = s; projected[j, i] = s
        } }
        let eigen = try projected.symmetricEigen()
        let uHat = Matrix.multiply(q, eigen.vectors)
        var residual = Matrix.multiply(aq, eigen.vectors)
        for i in 0..<n { for k in 0..<r { residual[i, k] -= uHat[i, k] * eigen.values[k] } }

        ritzValues = eigen.values
        ritzVectors = uHat
        residualNorm = residual.frobeniusNorm
        residualColumnNorms = residual.columnNorms()
        lanczos = try DeflatedLanczos(matrix: a, deflating: uHat, steps: lanczosSteps, seed: seed)
        upperBoundNextEigenvalue = lanczos.upperBound
        gap = eigen.values[r - 1] - upperBoundNextEigenvalue
        certified = gap > 0
        bound = certified ? residualNorm / gap : nil
    }
}
