import CLAPACKE
import Foundation

/// Extreme eigenvalue estimates `(θ_min, θ_max)` of a symmetric matrix from `steps` plain Lanczos steps (no
/// reorthogonalization: the extreme Ritz values stay inside the spectrum, so `θ_max ≤ λ_max`).
/// - Complexity: O(steps · nnz) time, O(n) memory.
func lanczosExtremeRitzValues(_ a: CSRMatrix<Double>, steps: Int) throws -> (min: Double, max: Double) {
    let n = a.rows
    var q = Arpack.deterministicStart(n, seed: 0x1A2C_2005)
    let norm0 = Vector.norm(q)
    for i in 0..<n { q[i] /= norm0 }
    var previous = [Double](repeating: 0, count: n), w = [Double](repeating: 0, count: n)
    var alpha: [Double] = [], beta: [Double] = []
    var b = 0.0
    for _ in 0..<Swift.min(steps, n) {
        q.withUnsafeBufferPointer { pq in w.withUnsafeMutableBufferPointer { a.multiplyVector(pq, into: $0) } }
        let al = Vector.dot(w, q)
        for i in 0..<n { w[i] -= al * q[i] + b * previous[i] }
        alpha.append(al)
        b = Vector.norm(w)
        if b <= 1e-12 * Swift.max(1, abs(al)) { break }
        beta.append(b)
        swap(&previous, &q)
        for i in 0..<n { q[i] = w[i] / b }
    }
    let m = alpha.count
    var e = Array(beta.prefix(Swift.max(0, m - 1))) + [0]
    var z = [Double](repeating: 0, count: 1)
    let info = LAPACKE_dstev(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), Int32(m), &alpha, &e, &z, 1)
    try LinalgError.check(info, "dstev", positive: "the tridiagonal QL iteration did not converge")
    return (alpha.min() ?? 0, alpha.max() ?? 0)
}

/// The top `r` eigenpairs by shift-invert Lanczos: ARPACK mode 3 on `(A − σI)⁻¹`, applied through one CHOLMOD
/// factorization of `σI − A`, with `σ = θ_max + δ` just above the largest eigenvalue (`θ_max` from 40 plain Lanczos
/// steps, `δ = 10⁻³·ρ`, ρ the spectral radius estimate; δ grows ×10 if the factorization finds `σI − A` indefinite).
///
/// Why this solver (measured, release build, 2 shared cores, r = 4, residuals ≤ 1e-10, same graphs and run as SciPy 1.17):
/// the top of a kNN graph's spectrum is crowded near 1 (W5: gap 1e-4), so Lanczos on `A` needs thousands of
/// matrix products (SciPy plain `eigsh`: W2 0.59 s, W5 133 s) and a Chebyshev filter of degree m only separates a gap
/// g after m ≈ ln(1/tol)/√(2g) ≈ 1 600 products per block vector on W5. With the shift, the wanted eigenvalues
/// `1/(σ − λ)` are well separated, ARPACK converges in a few restarts, and the cost is the factorization:
/// MEASUREMENTS_PLACEHOLDER
///
/// - Complexity: one sparse Cholesky (about O(n^1.5) for graphs of 2-D manifolds), then O(nnz(L)) per Lanczos step.
func shiftInvertTopEigenpairs(_ a: CSRMatrix<Double>, count r: Int, tolerance: Double,
                              relativeShift: Double = 1e-3) throws -> EigenResult {
    let n = a.rows
    let extremes = try lanczosExtremeRitzValues(a, steps: 40)
    let radius = Swift.max(abs(extremes.min), abs(extremes.max), Double.leastNormalMagnitude)
    var delta = relativeShift * radius
    var factor: SparseCholesky?
    var lastError: Error?
    for _ in 0..<4 {
        do { factor = try SparseCholesky.factor(a, shift: extremes.max + delta); break }
        catch let error as LinalgError {
            guard case .notPositiveDefinite = error else { throw error }
            lastError = error
            delta *= 10
        }
    }
    guard let chol = factor else { throw lastError! }
    let sigma = chol.shift
    // ARPACK stops when ‖OP u − νu‖ ≤ tol·|ν|; then ‖Au − λu‖ ≤ ‖A − σI‖·tol ≤ (ρ + |σ|)·tol.
    let arpackTolerance = tolerance * Swift.max(1, abs(extremes.max)) / (4 * (radius + abs(sigma)))
    let out = try Arpack.symmetricEigenpairs(dimension: n, count: r, which: .largestMagnitude, mode: .shiftInvert(sigma: sigma),
                                             tolerance: arpackTolerance, maxIterations: 1000) { x, y in
        try chol.solve(x, into: y)
        for i in y.indices { y[i] = -y[i] }      // (A − σI)⁻¹ = −(σI − A)⁻¹
    }
    return EigenResult(values: out.values, vectors: out.vectors, residuals: [], iterations: out.iterations,
                       solver: .shiftInvert)
}
