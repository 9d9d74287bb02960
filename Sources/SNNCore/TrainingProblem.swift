import SNNLinalg
import SNNGraph

/// Everything a training run learns from: the points, their similarity graph and its normalized adjacency.
public struct TrainingProblem: Sendable {
    public let points: Matrix<Double>
    /// `A = D^{-1/2} G D^{-1/2}`.
    public let adjacency: CSRMatrix<Double>
    /// `d_i = Σ_j G_ij`.
    public let degrees: [Double]
    /// How new points get a degree (ε-graph kernel sum or kNN mean).
    public let degreeRule: DegreeModel.Rule
    /// Number of eigenpairs r.
    public let rank: Int
    /// Reference eigenpairs of `A` (descending values, n × r vectors) for the subspace error, if known.
    public var reference: (values: [Double], vectors: Matrix<Double>)?
    /// Human-readable graph settings stored in the model's metadata.
    public var graphDescription: String

    /// - Throws: `SNNError.mismatch` when the graph and the points disagree; `GraphError` for an isolated vertex;
    ///   `SNNError.invalidSetting` for r outside 1..<n.
    public init(points: Matrix<Double>, graph: CSRMatrix<Double>, rank r: Int, degreeRule: DegreeModel.Rule,
                graphDescription: String) throws {
        guard graph.rows == points.rows else {
            throw SNNError.mismatch("the graph has \(graph.rows) vertices but there are \(points.rows) points; build the graph from these points (snn graph)")
        }
        guard points.isFinite else { throw GraphError.invalidPoints("the points contain NaN or infinite values") }
        guard r >= 1, r < points.rows else {
            throw SNNError.invalidSetting("-r must be between 1 and n − 1 = \(points.rows - 1) (got \(r))")
        }
        try graph.validateSimilarityGraph()
        self.points = points
        self.degrees = graph.degrees()
        self.adjacency = try graph.normalizedAdjacency()
        self.degreeRule = degreeRule
        self.rank = r
        self.graphDescription = graphDescription
    }

    /// Number of points n.
    public var count: Int { points.rows }
}
