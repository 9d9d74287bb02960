/// The top `r` eigenpairs by LAPACK `dsyevr` on the dense form (NumPy `eigh(A.toarray())[…, -r:]`), through
/// `Matrix.symmetricEigen(top:)`. - Complexity: O(n²) memory, O(n³) time.
func denseTopEigenpairs(_ a: CSRMatrix<Double>, count r: Int) throws -> EigenResult {
    let eigen = try a.toDense().symmetricEigen(top: r)
    return EigenResult(values: eigen.values, vectors: eigen.vectors, residuals: [], iterations: 0, solver: .dense)
}

/// ARPACK Lanczos on `A` (SciPy `eigsh(A, r, which='LA')`), ncv = max(2r + 1, 20).
func arpackTopEigenpairs(_ a: CSRMatrix<Double>, count r: Int, tolerance: Double) throws -> EigenResult {
    let n = a.rows
    let out = try Arpack.symmetricEigenpairs(dimension: n, count: r, which: .largestAlgebraic, tolerance: tolerance / 4,
                                             maxIterations: Swift.max(1000, n / 10)) { x, y in
        a.multiplyVector(x, into: y)
    }
    return EigenResult(values: out.values, vectors: out.vectors, residuals: [], iterations: out.iterations, solver: .arpack)
}
