import SNNLinalg
import SNNGraph
import SNNCore

/// The similarity graph an experiment builds on its points: the paper's ε-graph (indicator kernel, self-loops)
/// or a binary kNN graph (union symmetrization).
public enum ExperimentGraph: Sendable, Equatable {
    case epsilon(Double)
    case knn(Int)

    /// The graph on `points`, the rule that gives new points a degree, and a one-line description.
    /// - Throws: `GraphError` for invalid points or ε; `EvalError.invalidSetting` for k ≥ n.
    /// - Complexity: one radius or k-nearest-neighbour search, O(n + nnz) assembly.
    public func build(_ points: Matrix<Double>) throws -> (graph: CSRMatrix<Double>, rule: DegreeModel.Rule, description: String) {
        switch self {
        case let .epsilon(eps):
            let graph = try SimilarityGraph.epsilon(points, eps: eps, kernel: .indicator, selfLoops: true)
            return (graph, .epsilon(eps: eps, kernel: .indicator, selfLoops: true), "ε-graph, ε = \(eps), indicator kernel, self-loops")
        case let .knn(k):
            guard k < points.rows else {
                throw EvalError.invalidSetting("k = \(k) neighbours needs more than \(k) points (n = \(points.rows)); use a smaller --knn or a larger -n")
            }
            return (try SimilarityGraph.knn(points, k: k), .nearestNeighbors(k: k), "kNN, k = \(k), union, binary weights")
        }
    }
}

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
