/// Dense factorizations on top of LAPACK: thin SVD, Cholesky, thin QR and an orthonormal basis of the columns.
///
/// Every routine works on a copy (the receiver is never changed), refuses NaN/Inf before calling LAPACK
/// (`LinalgError.nonFinite`) and turns every `info ≠ 0` into a thrown `LinalgError`.
extension Matrix {
    /// Throws `LinalgError.nonFinite` naming `what` when an element is NaN or infinite.
    func requireFinite(_ what: @autoclosure () -> String) throws {
        let finite = storage.withUnsafeBufferPointer { p in
            for x in p where !x.isFinite { return false }
            return true
        }
        if !finite { throw LinalgError.nonFinite(what: what()) }
    }

    /// Thin singular value decomposition `A = U diag(s) Vᵀ` (NumPy `np.linalg.svd(a, full_matrices=False)`),
    /// by divide and conquer (`?gesdd`).
    ///
    /// With `k = min(rows, cols)`: `u` is rows × k with orthonormal columns, `singularValues` has k entries in
    /// descending order, `vt` is k × cols with orthonormal rows.
    /// - Throws: `LinalgError.nonFinite` for NaN/Inf input; `LinalgError.lapack` when the bidiagonal
    ///   divide and conquer fails to converge.
    /// - Complexity: O(rows · cols · min(rows, cols)).
    public func svd() throws -> (u: Matrix, singularValues: [Scalar], vt: Matrix) {
        try requireFinite("the matrix passed to svd()")
        let m = rows, n = cols, k = Swift.min(m, n)
        var u = Matrix(rows: m, cols: k), vt = Matrix(rows: k, cols: n)
        var s = [Scalar](repeating: 0, count: k)
        if k == 0 { return (u, s, vt) }
        var a = storage
        let info = a.withUnsafeMutableBufferPointer { pa in
            s.withUnsafeMutableBufferPointer { ps in
                u.storage.withUnsafeMutableBufferPointer { pu in
                    vt.storage.withUnsafeMutableBufferPointer { pv in
                        Scalar.gesdd(m: m, n: n, a: pa.baseAddress!, lda: n, s: ps.baseAddress!,
                                     u: pu.baseAddress!, ldu: k, vt: pv.baseAddress!, ldvt: n)
                    }
                }
            }
        }
        try LinalgError.check(info, "gesdd", positive:
            "the divide-and-conquer SVD of the \(m)×\(n) matrix did not converge; check the input for huge or badly scaled entries")
        return (u, s, vt)
    }

    /// Cholesky factor `L` (lower triangular, zeros above the diagonal) with `A = L Lᵀ`
    /// (NumPy `np.linalg.cholesky`), through `?potrf`. Only the lower triangle of `A` is read.
    /// - Throws: `LinalgError.notPositiveDefinite` (naming the first leading minor that is not) when `A` is not
    ///   symmetric positive definite; `LinalgError.nonFinite` for NaN/Inf input.
    /// - Complexity: O(n³ / 3).
    public func cholesky() throws -> Matrix {
        precondition(rows == cols, "cholesky() needs a square matrix, got \(rows)×\(cols)")
        try requireFinite("the matrix passed to cholesky()")
        let n = rows
        var l = self
        if n == 0 { return l }
        let info = l.storage.withUnsafeMutableBufferPointer { Scalar.potrf(n: n, a: $0.baseAddress!, lda: n) }
        if info > 0 {
            throw LinalgError.notPositiveDefinite(
                what: "the \(n)×\(n) matrix passed to cholesky() (its leading minor of order \(info))",
                advice: "pass a symmetric positive definite matrix, e.g. add a small multiple of the identity (a ridge) to it")
        }
        try LinalgError.check(info, "potrf", positive: "leading minor \(info) is not positive definite")
        l.storage.withUnsafeMutableBufferPointer { p in
            for i in 0..<n { for j in (i + 1)..<n { p[i * n + j] = 0 } }
        }
        return l
    }

    /// Thin QR factorization `A = Q R` of a rows × cols matrix with rows ≥ cols (NumPy
    /// `np.linalg.qr(a, mode="reduced")`), by Householder reflections (`?geqrf` then `?orgqr`).
    ///
    /// `q` is rows × cols with orthonormal columns, `r` is cols × cols upper triangular (its diagonal may be
    /// negative, as in LAPACK and NumPy).
    /// - Throws: `LinalgError.nonFinite` for NaN/Inf input.
    /// - Complexity: O(rows · cols²).
    public func qr() throws -> (q: Matrix, r: Matrix) {
        precondition(rows >= cols, "qr() computes the thin QR of a tall matrix; got \(rows)×\(cols) (rows < cols)")
        try requireFinite("the matrix passed to qr()")
        let m = rows, n = cols
        var a = self
        var r = Matrix(rows: n, cols: n)
        if n == 0 { return (a, r) }
        var tau = [Scalar](repeating: 0, count: n)
        let info = a.storage.withUnsafeMutableBufferPointer { pa in
            tau.withUnsafeMutableBufferPointer { Scalar.geqrf(m: m, n: n, a: pa.baseAddress!, lda: n, tau: $0.baseAddress!) }
        }
        try LinalgError.check(info, "geqrf", positive: "unexpected positive info from the QR factorization")
        for i in 0..<n { for j in i..<n { r.storage[i * n + j] = a.storage[i * n + j] } }
        let info2 = a.storage.withUnsafeMutableBufferPointer { pa in
            tau.withUnsafeBufferPointer { Scalar.orgqr(m: m, n: n, k: n, a: pa.baseAddress!, lda: n, tau: $0.baseAddress!) }
        }
        try LinalgError.check(info2, "orgqr", positive: "unexpected positive info while forming Q")
        return (a, r)
    }

    /// An orthonormal basis of the column span: the `Q` of the thin QR (`scipy.linalg.orth` without the SVD).
    ///
    /// A column is taken as linearly dependent on the previous ones when `|R_jj| ≤ max(rows, cols) · ε · ‖A‖_col`
    /// with `‖A‖_col` the largest column norm.
    /// - Throws: `LinalgError.rankDeficient` when the columns are (numerically) linearly dependent, or there are more
    ///   columns than rows; `LinalgError.nonFinite` for NaN/Inf input.
    /// - Complexity: O(rows · cols²).
    public func orthonormalColumns() throws -> Matrix {
        if cols > rows {
            throw LinalgError.rankDeficient(
                what: "a \(rows)×\(cols) matrix (more columns than rows)", rank: rows, expected: cols,
                advice: "its columns cannot be linearly independent; pass at most \(rows) columns")
        }
        let (q, r) = try qr()
        let n = cols
        if n == 0 { return q }
        let scale = columnNorms().max() ?? 0
        let tolerance = Scalar(Swift.max(rows, cols)) * Scalar.ulpOfOne * scale
        let rank = (0..<n).reduce(0) { $0 + (abs(r.storage[$1 * n + $1]) > tolerance ? 1 : 0) }
        if rank < n {
            throw LinalgError.rankDeficient(
                what: "the \(rows)×\(cols) matrix whose columns should be orthonormalized", rank: rank, expected: n,
                advice: "its columns are linearly dependent; remove redundant (or zero) columns")
        }
        return q
    }
}
