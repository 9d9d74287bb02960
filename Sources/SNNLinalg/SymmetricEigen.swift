/// Eigenpairs of a symmetric (or symmetric-definite generalized) problem, largest eigenvalue first.
public struct SymmetricEigen<Scalar: LinalgScalar>: Equatable, Sendable {
    /// The eigenvalues in descending order.
    public var values: [Scalar]
    /// The eigenvectors as columns (n × k); column `j` belongs to `values[j]`.
    public var vectors: Matrix<Scalar>

    /// Eigenpairs from descending `values` and the matching columns of `vectors`.
    public init(values: [Scalar], vectors: Matrix<Scalar>) {
        precondition(values.count == vectors.cols, "\(values.count) eigenvalues but \(vectors.cols) eigenvector columns")
        self.values = values
        self.vectors = vectors
    }
}

extension Matrix {
    /// Eigenvalues and eigenvectors of the symmetric matrix `A`, all of them or the `count` largest, in
    /// descending order (NumPy `np.linalg.eigh` reversed; SciPy `eigh(a, subset_by_index=[n-count, n-1])`),
    /// through the MRRR solver `?syevr`. Only the upper triangle of `A` is read.
    ///
    /// The eigenvector signs are made deterministic by `normalizeColumnSigns()`.
    /// - Parameter count: how many of the largest eigenpairs to compute (`0...n`); `nil` for all n.
    /// - Throws: `LinalgError.nonFinite` for NaN/Inf input; `LinalgError.lapack` when `syevr` fails to converge.
    /// - Complexity: O(n³) for the tridiagonal reduction, plus O(n · count) per eigenvector.
    public func symmetricEigen(top count: Int? = nil) throws -> SymmetricEigen<Scalar> {
        precondition(rows == cols, "symmetricEigen needs a square matrix, got \(rows)×\(cols)")
        let n = rows
        let k = count ?? n
        precondition(k >= 0 && k <= n, "symmetricEigen(top: \(k)) needs 0 ≤ count ≤ n = \(n)")
        try requireFinite("the matrix passed to symmetricEigen")
        if k == 0 { return SymmetricEigen(values: [], vectors: Matrix(rows: n, cols: 0)) }
        var a = storage
        var w = [Scalar](repeating: 0, count: n)
        var z = Matrix(rows: n, cols: k)
        var isuppz = [Int32](repeating: 0, count: 2 * k)
        var found: Int32 = 0
        let range: ClosedRange<Int>? = count == nil ? nil : (n - k + 1)...n
        let info = a.withUnsafeMutableBufferPointer { pa in
            w.withUnsafeMutableBufferPointer { pw in
                z.storage.withUnsafeMutableBufferPointer { pz in
                    isuppz.withUnsafeMutableBufferPointer { ps in
                        Scalar.syevr(vectors: true, n: n, a: pa.baseAddress!, lda: n, range: range, found: &found,
                                     w: pw.baseAddress!, z: pz.baseAddress!, ldz: k, isuppz: ps.baseAddress!)
                    }
                }
            }
        }
        try LinalgError.check(info, "syevr", positive:
            "the MRRR eigensolver failed to converge (internal error \(info)) on the \(n)×\(n) matrix; check it for badly scaled entries")
        guard Int(found) == k else {
            throw LinalgError.lapack(routine: "syevr", info: found,
                                     meaning: "returned \(found) eigenpairs where \(k) were requested")
        }
        var result = SymmetricEigen(values: Array(w[0..<k].reversed()), vectors: z.reversingColumns())
        result.vectors.normalizeColumnSigns()
        return result
    }

    /// Solves the generalized symmetric-definite eigenproblem `A w = μ B w` (SciPy `eigh(a, b)` reversed)
    /// through `?sygvd`; `A` symmetric, `B` symmetric positive definite, only their upper triangles are read.
    ///
    /// Returns all n eigenvalues in descending order and the eigenvectors as columns, normalized so that
    /// `Wᵀ B W = I`, with signs made deterministic by `normalizeColumnSigns()`.
    /// - Throws: `LinalgError.notPositiveDefinite` when `B` is not positive definite; `LinalgError.nonFinite`
    ///   for NaN/Inf input; `LinalgError.lapack` when the eigensolver fails to converge.
    /// - Complexity: O(n³).
    public func generalizedSymmetricEigen(_ b: Matrix) throws -> SymmetricEigen<Scalar> {
        precondition(rows == cols && b.rows == rows && b.cols == cols,
                     "generalizedSymmetricEigen needs two square matrices of one size, got \(rows)×\(cols) and \(b.rows)×\(b.cols)")
        try requireFinite("the matrix A of the generalized eigenproblem A w = μ B w")
        try b.requireFinite("the matrix B of the generalized eigenproblem A w = μ B w")
        let n = rows
        if n == 0 { return SymmetricEigen(values: [], vectors: Matrix(rows: 0, cols: 0)) }
        var a = self
        var bb = b.storage
        var w = [Scalar](repeating: 0, count: n)
        let info = a.storage.withUnsafeMutableBufferPointer { pa in
            bb.withUnsafeMutableBufferPointer { pb in
                w.withUnsafeMutableBufferPointer { pw in
                    Scalar.sygvd(n: n, a: pa.baseAddress!, lda: n, b: pb.baseAddress!, ldb: n, w: pw.baseAddress!)
                }
            }
        }
        if info > Int32(n) {
            throw LinalgError.notPositiveDefinite(
                what: "the matrix B of the generalized eigenproblem (its leading minor of order \(Int(info) - n))",
                advice: "B must be symmetric positive definite; add a small multiple of the identity or check how it was built")
        }
        try LinalgError.check(info, "sygvd", positive:
            "the divide-and-conquer eigensolver failed to converge (\(info) off-diagonal elements did not reach zero); check A for badly scaled entries")
        var result = SymmetricEigen(values: Array(w.reversed()), vectors: a.reversingColumns())
        result.vectors.normalizeColumnSigns()
        return result
    }

    /// The columns in reverse order (NumPy `a[:, ::-1]`). - Complexity: O(rows · cols).
    func reversingColumns() -> Matrix {
        var out = Matrix(rows: rows, cols: cols)
        let c = cols
        storage.withUnsafeBufferPointer { s in
            out.storage.withUnsafeMutableBufferPointer { d in
                for i in 0..<rows { for j in 0..<c { d[i * c + j] = s[i * c + c - 1 - j] } }
            }
        }
        return out
    }
}
