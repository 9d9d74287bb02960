/// Comparing column spans: orthogonal Procrustes alignment and principal angles (the paper's "up to rotation"
/// errors, DESIGN §2).
public enum Subspace {
    /// The orthogonal `O` minimizing `‖Y O − target‖_F` (SciPy `orthogonal_procrustes(y, target)`): the polar
    /// factor `U Vᵀ` of `Yᵀ target = U Σ Vᵀ`.
    /// - Parameters:
    ///   - y: an n × r matrix (e.g. a network's output).
    ///   - target: an n × r matrix (e.g. the reference eigenvectors).
    /// - Returns: an r × r orthogonal matrix.
    /// - Throws: `LinalgError.nonFinite` for NaN/Inf input; `LinalgError.lapack` if the SVD fails.
    /// - Complexity: O(n · r²).
    public static func procrustesRotation<T: LinalgScalar>(from y: Matrix<T>, to target: Matrix<T>) throws -> Matrix<T> {
        precondition(y.rows == target.rows && y.cols == target.cols,
                     "Procrustes needs two matrices of one shape, got \(y.rows)×\(y.cols) and \(target.rows)×\(target.cols)")
        try y.requireFinite("the matrix Y to be rotated by Procrustes")
        try target.requireFinite("the Procrustes target")
        let cross = Matrix.multiply(y, target, transposeA: true)
        let (u, _, vt) = try cross.svd()
        return Matrix.multiply(u, vt)
    }

    /// The relative Procrustes error `min_O ‖Y O − target‖_F / ‖target‖_F` over orthogonal `O`.
    /// - Throws: `LinalgError.invalidMatrix` when `target` is zero (the relative error is undefined);
    ///   the errors of `procrustesRotation`.
    /// - Complexity: O(n · r²).
    public static func procrustesError<T: LinalgScalar>(_ y: Matrix<T>, _ target: Matrix<T>) throws -> T {
        let o = try procrustesRotation(from: y, to: target)
        let targetNorm = target.frobeniusNorm
        guard targetNorm > 0 else {
            throw LinalgError.invalidMatrix("the Procrustes target is zero, so the relative error is undefined; pass a non-zero target")
        }
        var difference = target
        Matrix.gemm(y, o, alpha: 1, beta: -1, into: &difference)
        return difference.frobeniusNorm / targetNorm
    }

    /// Principal angles (radians, ascending, in [0, π/2]) between `span(a)` and `span(b)` (SciPy
    /// `subspace_angles(a, b)` reversed).
    ///
    /// `a` and `b` need the same number of rows and linearly independent columns; their column counts p and q
    /// may differ, and min(p, q) angles are returned. Angles below π/4 come from the sines, the singular values of
    /// `(I − Q_a Q_aᵀ) Q_b` formed without any n × n matrix, so tiny angles (1e-9) keep their relative accuracy;
    /// the others come from the cosines, the singular values of `Q_aᵀ Q_b`.
    /// - Throws: `LinalgError.rankDeficient` when the columns of `a` or `b` are linearly dependent;
    ///   `LinalgError.nonFinite` for NaN/Inf input.
    /// - Complexity: O(n · (p + q)²).
    public static func principalAngles<T: LinalgScalar>(_ a: Matrix<T>, _ b: Matrix<T>) throws -> [T] {
        precondition(a.rows == b.rows, "principal angles need matrices with one row count, got \(a.rows) and \(b.rows)")
        if a.cols == 0 || b.cols == 0 { return [] }
        let qa = try basis(a, "first"), qb = try basis(b, "second")
        // Project the smaller basis onto the larger one; then every singular value of the residual is a sine.
        let (large, small) = qa.cols >= qb.cols ? (qa, qb) : (qb, qa)
        let overlap = Matrix.multiply(large, small, transposeA: true)
        let cosines = try overlap.svd().singularValues
        var residual = small
        Matrix.gemm(large, overlap, alpha: -1, beta: 1, into: &residual)
        let sines = Array(try residual.svd().singularValues.reversed())
        return (0..<small.cols).map { i in
            let c = Swift.min(cosines[i], 1)
            return c * c >= 0.5 ? T.asin(Swift.min(sines[i], 1)) : T.acos(c)
        }
    }

    /// The project's subspace error `‖sin Θ‖_F / √r` over the r = min(p, q) principal angles Θ; for equal
    /// dimensions it equals `‖P_a − P_b‖_F / √(2r)` with `P` the orthogonal projectors. 0 when either span is empty.
    /// - Throws: the errors of `principalAngles`.
    /// - Complexity: O(n · (p + q)²).
    public static func subspaceError<T: LinalgScalar>(_ a: Matrix<T>, _ b: Matrix<T>) throws -> T {
        let angles = try principalAngles(a, b)
        if angles.isEmpty { return 0 }
        let sines = angles.map { T.sin($0) }
        return Vector.norm(sines) / T(angles.count).squareRoot()
    }

    /// An orthonormal basis of the columns of `m`, with the rank-deficiency error naming the argument.
    private static func basis<T: LinalgScalar>(_ m: Matrix<T>, _ which: String) throws -> Matrix<T> {
        try m.requireFinite("the \(which) matrix passed to principalAngles")
        do {
            return try m.orthonormalColumns()
        } catch let LinalgError.rankDeficient(_, rank, expected, _) {
            throw LinalgError.rankDeficient(
                what: "the \(which) matrix (\(m.rows)×\(m.cols)) passed to principalAngles", rank: rank, expected: expected,
                advice: "principal angles need linearly independent columns; drop redundant or zero columns, "
                    + "or pass an orthonormal basis of the span")
        }
    }
}
