/// Numerical and data failures of the linear algebra layer. Each description says what failed and what to change.
public enum LinalgError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A LAPACK routine returned `info ≠ 0`.
    case lapack(routine: String, info: Int32, meaning: String)
    /// An ARPACK routine returned an error code.
    case arpack(routine: String, info: Int32, meaning: String)
    /// An iterative solver stopped before its tolerance was met.
    case notConverged(solver: String, iterations: Int, residual: Double, tolerance: Double, advice: String)
    /// A matrix that must be positive definite is not (e.g. a Cholesky or a Gram matrix).
    case notPositiveDefinite(what: String, advice: String)
    /// A matrix whose columns must be linearly independent is not.
    case rankDeficient(what: String, rank: Int, expected: Int, advice: String)
    /// Invalid sparse structure or dimensions supplied by data.
    case invalidMatrix(String)
    /// A non-finite value where finite numbers are required.
    case nonFinite(what: String)

    public var description: String {
        switch self {
        case let .lapack(routine, info, meaning):
            return "LAPACK \(routine) failed (info = \(info)): \(meaning)"
        case let .arpack(routine, info, meaning):
            return "ARPACK \(routine) failed (info = \(info)): \(meaning)"
        case let .notConverged(solver, iterations, residual, tolerance, advice):
            return "\(solver) did not converge after \(iterations) iterations (residual \(residual), tolerance \(tolerance)); \(advice)"
        case let .notPositiveDefinite(what, advice):
            return "\(what) is not positive definite; \(advice)"
        case let .rankDeficient(what, rank, expected, advice):
            return "\(what) is rank-deficient (numerical rank \(rank) of \(expected)); \(advice)"
        case let .invalidMatrix(message):
            return "invalid matrix: \(message)"
        case let .nonFinite(what):
            return "\(what) contains NaN or infinite values"
        }
    }

    /// Throws `.lapack` for a non-zero `info`: LAPACKE's out-of-memory codes, an illegal argument (negative `info`),
    /// or `positive`, the routine-specific meaning of a positive `info`.
    static func check(_ info: Int32, _ routine: String, positive: String) throws {
        if info == 0 { return }
        // LAPACKE's own codes: LAPACK_WORK_MEMORY_ERROR (-1010) and LAPACK_TRANSPOSE_MEMORY_ERROR (-1011).
        if info == -1010 || info == -1011 {
            throw LinalgError.lapack(routine: routine, info: info,
                                     meaning: "out of memory for the \(info == -1010 ? "workspace" : "row-major transpose copy"); reduce the problem size")
        }
        if info < 0 {
            throw LinalgError.lapack(routine: routine, info: info, meaning: "argument \(-info) had an illegal value (a bug in snn; please report it)")
        }
        throw LinalgError.lapack(routine: routine, info: info, meaning: positive)
    }
}
