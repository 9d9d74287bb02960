import SNNLinalg
import SNNGraph

/// How a command or an experiment builds the similarity graph of its points: the paper's ε-graph (indicator
/// kernel, self-loops) or a binary kNN graph (union symmetrization), together with the matching rule that gives
/// new points a degree.
public enum GraphRecipe: Sendable, Equatable {
    case epsilon(Double)
    case knn(Int)

    /// The graph on `points`, the rule that gives new points a degree, and a one-line description.
    /// - Throws: `GraphError` for invalid points, ε or k (k ≥ n).
    /// - Complexity: one radius or k-nearest-neighbour search, O(n + nnz) assembly.
    public func build(_ points: Matrix<Double>) throws -> (graph: CSRMatrix<Double>, rule: DegreeModel.Rule, description: String) {
        switch self {
        case let .epsilon(eps):
            let graph = try SimilarityGraph.epsilon(points, eps: eps, kernel: .indicator, selfLoops: true)
            return (graph, .epsilon(eps: eps, kernel: .indicator, selfLoops: true), "ε-graph, ε = \(eps), indicator kernel, self-loops")
        case let .knn(k):
            guard k < points.rows else {
                throw GraphError.invalidParameter("k = \(k) neighbours needs more than \(k) points (n = \(points.rows)); use a smaller --knn or a larger -n")
            }
            return (try SimilarityGraph.knn(points, k: k), .nearestNeighbors(k: k), "kNN, k = \(k), union, binary weights")
        }
    }
}
