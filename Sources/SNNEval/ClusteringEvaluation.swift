import SNNLinalg

/// Downstream spectral clustering of an embedding scored against known labels: k-means on the rows (optionally
/// row-normalized, Ng–Jordan–Weiss), then ARI, NMI and Hungarian-matched accuracy.
public struct ClusteringEvaluation: Sendable, Equatable {
    /// k, the number of k-means clusters.
    public var clusters: Int
    /// The number of distinct labels.
    public var classes: Int
    public var normalizeRows: Bool
    public var adjustedRandIndex: Double
    public var normalizedMutualInformation: Double
    public var accuracy: Double
    /// The k-means inertia of the winning restart.
    public var inertia: Double
    /// The k-means cluster of each row.
    public var predicted: [Int]

    /// Clusters `embedding` (n × r) into `clusters` groups (default: the number of distinct labels) and scores
    /// the result against `labels` (n entries).
    /// - Throws: `EvalError.mismatch` when the label count differs from the row count; the errors of `KMeans.fit`.
    /// - Complexity: that of `KMeans.fit` plus O(n log n + k³).
    public init(embedding: Matrix<Double>, labels: [Int], clusters: Int? = nil, normalizeRows: Bool = false,
                restarts: Int = 10, seed: UInt64 = 0) throws {
        guard labels.count == embedding.rows else {
            throw EvalError.mismatch("there are \(labels.count) labels but the embedding has \(embedding.rows) rows; "
                + "pass one label per point of the graph")
        }
        let classes = Set(labels).count
        let k = clusters ?? classes
        let result = try KMeans(clusters: k, restarts: restarts, normalizeRows: normalizeRows).fit(embedding, seed: seed)
        self.clusters = k
        self.classes = classes
        self.normalizeRows = normalizeRows
        adjustedRandIndex = try ClusteringScores.adjustedRandIndex(labels, result.labels)
        normalizedMutualInformation = try ClusteringScores.normalizedMutualInformation(labels, result.labels)
        accuracy = try ClusteringScores.clusteringAccuracy(labels, result.labels)
        inertia = result.inertia
        predicted = result.labels
    }
}
