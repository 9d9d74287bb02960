/// The reference eigensolvers for the top of the spectrum of a sparse symmetric matrix (the normalized adjacency
/// `A = D^{-1/2} G D^{-1/2}` of a similarity graph, whose top eigenvalues crowd near 1).
public enum EigenSolver: String, CaseIterable, Sendable {
    /// Dense LAPACK for `n ≤ EigenSolver.denseLimit`, shift-invert Lanczos over a sparse Cholesky above.
    case auto
    /// LAPACK `dsyevr` on the dense matrix (NumPy `numpy.linalg.eigh`): O(n²) memory, O(n³) time.
    case dense
    /// ARPACK Lanczos on `A` itself (SciPy `eigsh(A, r, which='LA')`); slow when the top is crowded.
    case arpack
    /// ARPACK in shift-invert mode over a CHOLMOD factorization of `σI − A`, σ just above `λ_max`
    /// (SciPy `eigsh(A, r, sigma=σ)`, which factors with SuperLU instead).
    case shiftInvert = "shift-invert"

    /// Largest dimension that `.auto` hands to the dense solver. Measured on W1 (n = 2000): dense 1.1 s,
    /// shift-invert 0.05 s, SciPy `eigsh` 0.07 s; at n = 1000 the dense solve takes ≈ 0.15 s. Dense stays the
    /// choice for small graphs because it also finds every copy of a repeated eigenvalue (several components).
    public static let denseLimit = 1000
}

/// Top eigenpairs of a symmetric matrix with their residuals.
public struct EigenResult: Sendable {
    /// Eigenvalues, descending.
    public var values: [Double]
    /// Unit eigenvectors (n × r columns, in the order of `values`) with the deterministic sign: in each column the
    /// entry of largest magnitude is positive, the first one on ties (scikit-learn's `_deterministic_vector_sign_flip`).
    public var vectors: Matrix<Double>
    /// `‖A u_k − λ_k u_k‖₂` for each pair.
    public var residuals: [Double]
    /// Iterations of the solver: ARPACK implicit restarts for `.arpack` / `.shiftInvert`, 0 for `.dense`.
    public var iterations: Int
    /// The solver that produced the result (never `.auto`).
    public var solver: EigenSolver
}

/// Invalid requests to the eigensolvers.
public enum EigenSolverError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The number of eigenpairs is not in `1..<n`.
    case invalidCount(requested: Int, dimension: Int)

    public var description: String {
        switch self {
        case let .invalidCount(requested, dimension):
            return "cannot compute \(requested) eigenpairs of a \(dimension)×\(dimension) matrix; "
                + "the count must be at least 1 and less than the dimension (\(dimension))"
        }
    }
}

/// The `r` largest eigenpairs of a sparse symmetric matrix (SciPy `eigsh(A, r, which='LA')`).
///
/// - Parameters:
///   - a: square symmetric matrix (checked to 1e-12 of the largest entry, which lets `D^{-1/2} W D^{-1/2}` of a
///     weighted graph through despite last-bit rounding differences; the solvers read one triangle or apply `A`).
///   - r: number of eigenpairs, `1 ≤ r < n`.
///   - solver: `.auto` uses `.dense` for `n ≤ 4000` and `.shiftInvert` above (see `shiftInvertTopEigenpairs`
///     for the measurements behind that choice).
///   - tolerance: wanted residual `‖Au − λu‖ ≤ tolerance · max(1, |λ_1|)`; the iterative solvers target it and
///     verify it on the returned pairs.
/// Lanczos (`.arpack`, `.shiftInvert`) sees an eigenvalue of multiplicity m > 1 only through rounding; the repeated
/// λ = 1 of a graph with several components is found (tested), but a graph made of identical components repeats
/// every eigenvalue, and Lanczos may return a lower eigenvalue in place of a copy: use `.dense` for such graphs.
///
/// - Throws: `EigenSolverError.invalidCount` for `r ∉ 1..<n`, `LinalgError.invalidMatrix` for a non-square or
///   non-symmetric matrix, `LinalgError.nonFinite`, `LinalgError.notConverged` (with the residual reached) when the
///   tolerance is not met, `LinalgError.arpack` / `.lapack` for library failures.
/// - Complexity: dense O(n³); ARPACK O(nnz) per Lanczos step; shift-invert one sparse Cholesky plus O(nnz(L)) per step.
public func topEigenpairs(of a: CSRMatrix<Double>, count r: Int, solver: EigenSolver = .auto,
                          tolerance: Double = 1e-10) throws -> EigenResult {
    guard a.rows == a.cols else { throw LinalgError.invalidMatrix("eigenpairs need a square matrix, got \(a.rows)×\(a.cols)") }
    let n = a.rows
    guard r >= 1, r < n else { throw EigenSolverError.invalidCount(requested: r, dimension: n) }
    precondition(tolerance > 0 && tolerance.isFinite, "tolerance must be a positive finite number")
    guard a.values.allSatisfy({ $0.isFinite }) else { throw LinalgError.nonFinite(what: "the matrix") }
    guard a.isSymmetric(tolerance: 1e-12) else {
        throw LinalgError.invalidMatrix("the matrix is not symmetric; symmetrize it (e.g. (A + Aᵀ)/2 or max(A, Aᵀ)) first")
    }
    let chosen: EigenSolver = solver == .auto ? (n <= EigenSolver.denseLimit ? .dense : .shiftInvert) : solver
    var result: EigenResult
    switch chosen {
    case .dense, .auto: result = try denseTopEigenpairs(a, count: r)
    case .arpack: result = try arpackTopEigenpairs(a, count: r, tolerance: tolerance)
    case .shiftInvert: result = try shiftInvertTopEigenpairs(a, count: r, tolerance: tolerance)
    }
    result.vectors.normalizeColumnSigns()
    result.residuals = eigenResiduals(a, values: result.values, vectors: result.vectors)
    if chosen != .dense {
        let worst = result.residuals.max() ?? 0
        let bound = tolerance * Swift.max(1, abs(result.values.first ?? 0))
        guard worst <= bound else {
            throw LinalgError.notConverged(
                solver: "\(chosen.rawValue) eigensolver", iterations: result.iterations, residual: worst, tolerance: bound,
                advice: "ask for a looser tolerance, or use --solver dense when n is small enough to fit n² doubles")
        }
    }
    return result
}
