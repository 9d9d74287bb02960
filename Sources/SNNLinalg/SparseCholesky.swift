import CCholmod

/// A sparse Cholesky factorization `P (σI − A) Pᵀ = L Lᵀ` of a shifted symmetric matrix by SuiteSparse CHOLMOD
/// (supernodal, on OpenBLAS), with a fill-reducing permutation `P`; solves `(σI − A) X = B` for many
/// right-hand sides. SciPy has no CHOLMOD binding; the analogue is `scikit-sparse`'s `cholesky(A, beta)`.
///
/// `σI − A` is positive definite exactly when `σ > λ_max(A)`; this is what shift-invert Lanczos needs for the top
/// of the spectrum. Only the upper triangle of `A` is read (`A` is taken to be symmetric).
///
/// The object owns CHOLMOD's workspace, a copy of `−A` (for `refactor(shift:)`) and the factor, and frees them on `deinit`. Solves reuse a workspace, so one
/// instance must not be used from several threads at once (it is not `Sendable`).
public final class SparseCholesky {
    /// Fill-reducing orderings (CHOLMOD `Common->method[0].ordering`).
    public enum Ordering: String, Sendable, CaseIterable {
        /// CHOLMOD's default strategy: AMD, then METIS nested dissection if AMD's fill is poor; the better is kept.
        case automatic
        /// Approximate minimum degree.
        case amd
        /// METIS nested dissection.
        case metis
        /// No permutation.
        case natural
    }

    /// Dimension `n` of the factored matrix.
    public let dimension: Int
    /// The shift `σ` of `σI − A` (of the last `refactor`).
    public private(set) var shift: Double = 0
    /// Stored entries of `L` (including supernodal padding): the memory of the factor is about 8 bytes each.
    public private(set) var factorEntries: Int = 0
    /// Floating-point operations of the factorization reported by CHOLMOD's analysis.
    public private(set) var factorFlops: Double = 0
    /// The ordering CHOLMOD used (`amd`, `metis`, `natural`, or `nesdis`/`colamd`/`given`).
    public private(set) var orderingUsed: String = ""

    private let common: UnsafeMutablePointer<cholmod_common>
    private var factor: UnsafeMutablePointer<cholmod_factor>?
    private var negated: UnsafeMutablePointer<cholmod_sparse>?
    private var isFactored = false
    private var xWork: UnsafeMutablePointer<cholmod_dense>?
    private var yWork: UnsafeMutablePointer<cholmod_dense>?
    private var eWork: UnsafeMutablePointer<cholmod_dense>?

    /// Factors `σI − A` for a symmetric `A` (upper triangle read): fill-reducing ordering and symbolic analysis,
    /// then the numeric factorization (`refactor(shift:)`).
    ///
    /// - Parameters:
    ///   - a: square symmetric matrix.
    ///   - sigma: the shift σ; `σI − A` must be positive definite (σ above the largest eigenvalue of `A`).
    ///   - ordering: the fill-reducing ordering; `.automatic` is CHOLMOD's default choice.
    /// - Throws: `LinalgError.notPositiveDefinite` when `σ ≤ λ_max(A)` (numerically), `LinalgError.invalidMatrix`
    ///   for a non-square matrix, `LinalgError.nonFinite` for NaN/Inf, and `.lapack(routine: "cholmod…")`
    ///   (out of memory, or another CHOLMOD failure).
    /// - Complexity: analysis O(nnz) to O(nnz log n); numeric factorization O(Σ_j (nnz of column j of L)²),
    ///   about O(n^1.5) for graphs of 2-D manifolds with nested dissection.
    public static func factor(_ a: CSRMatrix<Double>, shift sigma: Double, ordering: Ordering = .automatic) throws -> SparseCholesky {
        let chol = try analyze(a, ordering: ordering)
        try chol.refactor(shift: sigma)
        return chol
    }

    /// The ordering and symbolic analysis of `A` alone; `refactor(shift:)` must follow before any solve.
    static func analyze(_ a: CSRMatrix<Double>, ordering: Ordering = .automatic) throws -> SparseCholesky {
        guard a.rows == a.cols else { throw LinalgError.invalidMatrix("Cholesky needs a square matrix, got \(a.rows)×\(a.cols)") }
        guard a.values.allSatisfy({ $0.isFinite }) else { throw LinalgError.nonFinite(what: "the matrix to factor") }
        let chol = SparseCholesky(dimension: a.rows)
        try chol.analyze(a, ordering: ordering)
        return chol
    }

    private init(dimension: Int) {
        self.dimension = dimension
        common = UnsafeMutablePointer<cholmod_common>.allocate(capacity: 1)
        cholmod_l_start(common)
        common.pointee.print = 0           // errors become thrown Swift errors, not stderr text
    }

    deinit {
        if factor != nil { cholmod_l_free_factor(&factor, common) }
        if negated != nil { cholmod_l_free_sparse(&negated, common) }
        if xWork != nil { cholmod_l_free_dense(&xWork, common) }
        if yWork != nil { cholmod_l_free_dense(&yWork, common) }
        if eWork != nil { cholmod_l_free_dense(&eWork, common) }
        cholmod_l_finish(common)
        common.deallocate()
    }

    private func cholmodFailure(_ what: String) -> LinalgError {
        let status = common.pointee.status
        let meaning: String
        switch status {
        case CHOLMOD_OUT_OF_MEMORY: meaning = "out of memory; the factor of this matrix does not fit (try the ARPACK solver, which needs no factorization)"
        case CHOLMOD_TOO_LARGE: meaning = "the problem is too large for CHOLMOD's integer sizes"
        case CHOLMOD_INVALID: meaning = "invalid input (a bug in snn; please report it)"
        default: meaning = "CHOLMOD status \(status)"
        }
        return .lapack(routine: "cholmod_l_\(what)", info: status, meaning: meaning)
    }

    private func analyze(_ a: CSRMatrix<Double>, ordering: Ordering) throws {
        let n = dimension
        // −A, upper triangle (CSR row i = CSC column i of the symmetric matrix; keep entries with row ≤ column).
        var upper = 0
        a.rowPointers.withUnsafeBufferPointer { rp in
            a.columnIndices.withUnsafeBufferPointer { ci in
                for i in 0..<n { for p in rp[i]..<rp[i + 1] where Int(ci[p]) >= i { upper += 1 } }
            }
        }
        negated = cholmod_l_allocate_sparse(n, n, Swift.max(upper, 1), 1, 1, 1, CHOLMOD_REAL, common)
        guard let s = negated else { throw cholmodFailure("allocate_sparse") }
        let sp = s.pointee.p.assumingMemoryBound(to: Int.self)
        let si = s.pointee.i.assumingMemoryBound(to: Int.self)
        let sx = s.pointee.x.assumingMemoryBound(to: Double.self)
        a.rowPointers.withUnsafeBufferPointer { rp in
            a.columnIndices.withUnsafeBufferPointer { ci in
                a.values.withUnsafeBufferPointer { va in
                    var q = 0
                    for j in 0..<n {
                        sp[j] = q
                        for p in rp[j]..<rp[j + 1] {
                            let row = Int(ci[p])
                            if row <= j { si[q] = row; sx[q] = -va[p]; q += 1 }
                        }
                    }
                    sp[n] = q
                }
            }
        }
        switch ordering {
        case .automatic: common.pointee.nmethods = 0
        case .amd, .metis, .natural:
            common.pointee.nmethods = 1
            common.pointee.method.0.ordering = ordering == .amd ? CHOLMOD_AMD : ordering == .metis ? CHOLMOD_METIS : CHOLMOD_NATURAL
            common.pointee.postorder = 1
        }
        // Supernodal is always LLᵀ; a simplicial LDLᵀ would not stop at a negative pivot (indefinite σI − A).
        common.pointee.supernodal = CHOLMOD_SUPERNODAL
        guard let l = cholmod_l_analyze(s, common) else { throw cholmodFailure("analyze") }
        factor = l
        factorFlops = common.pointee.fl
        let used = Int(l.pointee.ordering)
        orderingUsed = [CHOLMOD_NATURAL: "natural", CHOLMOD_GIVEN: "given", CHOLMOD_AMD: "amd", CHOLMOD_METIS: "metis",
                        CHOLMOD_NESDIS: "nesdis", CHOLMOD_COLAMD: "colamd"][Int32(used)] ?? "ordering \(used)"
    }

    /// Numeric factorization of `σI − A` for a new shift, reusing the ordering and symbolic analysis.
    /// - Throws: `LinalgError.notPositiveDefinite` when `σ ≤ λ_max(A)` numerically; the object then cannot solve
    ///   until a later `refactor` succeeds.
    /// - Complexity: the numeric part of `factor` (no new ordering).
    public func refactor(shift sigma: Double) throws {
        guard sigma.isFinite else { throw LinalgError.nonFinite(what: "the Cholesky shift σ") }
        guard let s = negated, let l = factor else { preconditionFailure("refactor before analysis") }
        isFactored = false
        shift = sigma
        var beta: (Double, Double) = (sigma, 0)
        let ok = withUnsafeMutablePointer(to: &beta) {
            $0.withMemoryRebound(to: Double.self, capacity: 2) { cholmod_l_factorize_p(s, $0, nil, 0, l, common) }
        }
        if common.pointee.status == CHOLMOD_NOT_POSDEF || l.pointee.minor < dimension {
            throw LinalgError.notPositiveDefinite(
                what: "σI − A with σ = \(sigma) (pivot \(l.pointee.minor) of \(dimension))",
                advice: "σ must exceed the largest eigenvalue of A; raise the shift (for a normalized adjacency, any σ > 1 works)")
        }
        guard ok != 0, common.pointee.status >= CHOLMOD_OK else { throw cholmodFailure("factorize_p") }
        factorEntries = Self.storedEntries(l.pointee)
        isFactored = true
    }

    private static func storedEntries(_ l: cholmod_factor) -> Int {
        l.is_super != 0 ? Int(l.xsize) : Int(l.nzmax)
    }

    /// Solves `(σI − A) x = b` for one right-hand side, reusing CHOLMOD's workspace (no allocation after the
    /// first call). `x` and `b` may not overlap.
    /// - Complexity: O(nnz(L)).
    public func solve(_ b: UnsafeBufferPointer<Double>, into x: UnsafeMutableBufferPointer<Double>) throws {
        precondition(b.count == dimension && x.count == dimension, "right-hand side length must equal the dimension")
        try solveColumns(UnsafeMutableRawPointer(mutating: b.baseAddress!), columns: 1) { out in
            x.baseAddress!.update(from: out, count: dimension)
        }
    }

    /// Solves `(σI − A) X = B` for the columns of `B` (n × m, several right-hand sides at once).
    /// - Complexity: O(nnz(L) · m).
    public func solve(_ b: Matrix<Double>) throws -> Matrix<Double> {
        precondition(b.rows == dimension, "right-hand side has \(b.rows) rows, expected \(dimension)")
        let n = dimension, m = b.cols
        if m == 0 || n == 0 { return b }
        var columnMajor = b.transposed().storage        // m × n row-major = n × m column-major
        var result = Matrix<Double>(rows: n, cols: m)
        try columnMajor.withUnsafeMutableBufferPointer { pb in
            try solveColumns(UnsafeMutableRawPointer(pb.baseAddress!), columns: m) { out in
                result.storage.withUnsafeMutableBufferPointer { pr in
                    for j in 0..<m { for i in 0..<n { pr[i * m + j] = out[j * n + i] } }
                }
            }
        }
        return result
    }

    private func solveColumns(_ data: UnsafeMutableRawPointer, columns m: Int,
                              _ read: (UnsafePointer<Double>) -> Void) throws {
        guard isFactored, let l = factor else { preconditionFailure("solve on an unfactored SparseCholesky") }
        var rhs = cholmod_dense(nrow: dimension, ncol: m, nzmax: dimension * m, d: dimension, x: data, z: nil,
                                xtype: CHOLMOD_REAL, dtype: CHOLMOD_DOUBLE)
        let ok = cholmod_l_solve2(CHOLMOD_A, l, &rhs, nil, &xWork, nil, &yWork, &eWork, common)
        guard ok != 0, let x = xWork else { throw cholmodFailure("solve2") }
        read(x.pointee.x.assumingMemoryBound(to: Double.self))
    }
}
