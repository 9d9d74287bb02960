import SNNLinalg

/// Two distances between an n × r trial `Y` and a target span: the subspace error `‖sin Θ‖_F/√r` and the relative
/// Procrustes error `min_O ‖Û O − Q‖_F / ‖Q‖_F` between orthonormal bases `Û` of `span(Y)` and `Q` of the target.
public struct SpanErrors: Sendable, Equatable {
    public var subspace: Double
    public var procrustes: Double

    public init(subspace: Double, procrustes: Double) {
        self.subspace = subspace
        self.procrustes = procrustes
    }

    /// Compares `span(y)` with `span(target)`; both are orthonormalized first (QR), so only the spans matter.
    /// - Throws: `LinalgError.rankDeficient` when either has dependent columns.
    /// - Complexity: O(n · r²).
    public init(_ y: Matrix<Double>, _ target: Matrix<Double>) throws {
        precondition(y.rows == target.rows && y.cols == target.cols, "span errors need matrices of one shape")
        let a = try y.orthonormalColumns(), b = try target.orthonormalColumns()
        subspace = try Subspace.subspaceError(a, b)
        procrustes = try Subspace.procrustesError(a, b)
    }
}
