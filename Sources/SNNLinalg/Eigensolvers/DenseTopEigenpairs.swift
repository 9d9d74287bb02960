/// The top `r` eigenpairs by LAPACK `dsyevr` on the dense form (NumPy `eigh(A.toarray())[…, -r:]`).
/// - Complexity: O(n²) memory, O(n³) time.
func denseTopEigenpairs(_ a: CSRMatrix<Double>, count r: Int) throws -> EigenResult {
    let n = a.rows
    var dense = a.toDense()
    var w = [Double](repeating: 0, count: n)
    var z = [Double](repeating: 0, count: n * r)
    var isuppz = [Int32](repeating: 0, count: 2 * n)
    var found: Int32 = 0
    let info = dense.storage.withUnsafeMutableBufferPointer { pa in
        Double.syevr(vectors: true, n: n, a: pa.baseAddress!, lda: n, range: (n - r + 1)...n, found: &found,
                     w: &w, z: &z, ldz: r, isuppz: &isuppz)
    }
    try LinalgError.check(info, "dsyevr", positive: "the eigenvalue iteration did not converge (internal LAPACK failure)")
    // z is n × r row-major, eigenvalues ascending: reverse the column order.
    var vectors = Matrix<Double>(rows: n, cols: r)
    for i in 0..<n { for j in 0..<r { vectors.storage[i * r + j] = z[i * r + (r - 1 - j)] } }
    return EigenResult(values: (0..<r).map { w[r - 1 - $0] }, vectors: vectors, residuals: [], iterations: 0, solver: .dense)
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
