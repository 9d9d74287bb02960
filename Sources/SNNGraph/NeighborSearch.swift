import SNNLinalg

/// Exact Euclidean neighbour queries of a point set against itself (scikit-learn `NearestNeighbors`), by a
/// k-d tree or a blocked GEMM brute force, parallel over the machine's cores. Distances are
/// `√(Σ_c (x_ic − x_jc)²)` summed in coordinate order by every algorithm, so all of them return identical
/// answers; ties are broken by the smaller index.
public enum NeighborSearch {
    /// The `k` nearest neighbours of every point, itself excluded (duplicates of it are kept, at distance 0).
    /// - Parameters:
    ///   - points: `n × d` row-major coordinates.
    ///   - k: neighbours per point, `1 ≤ k < n`.
    ///   - algorithm: `.auto` picks the k-d tree for `d ≤ 16`, the brute force otherwise or for `n < 64`.
    /// - Returns: `n × k` indices and distances, each row sorted by (distance, index).
    /// - Throws: `GraphError.invalidPoints` (empty, zero dimension, NaN/Inf), `GraphError.invalidParameter` (k).
    /// - Complexity: k-d tree O(n log n · k) on low-dimensional data; brute force O(n² d).
    public static func kNearest(_ points: Matrix<Double>, k: Int, algorithm: NeighborAlgorithm = .auto) throws -> KNearestNeighbors {
        try PointValidation.check(points)
        try PointValidation.checkK(k, n: points.rows)
        switch algorithm.resolved(points: points.rows, dimension: points.cols) {
        case .brute: return BruteForceSearch(points).kNearestAll(k: k)
        case .kdtree, .auto: return KDTree(points).kNearestAll(k: k)
        }
    }

    /// All `j ≠ i` with `|x_i − x_j| ≤ radius` (scikit-learn `radius_neighbors(sort_results=…)`, sorted by index).
    /// - Parameters:
    ///   - points: `n × d` row-major coordinates.
    ///   - radius: finite, > 0; the boundary is included.
    ///   - algorithm: as for `kNearest`.
    /// - Throws: `GraphError.invalidPoints`, `GraphError.invalidParameter` (radius).
    /// - Complexity: k-d tree O(n log n + pairs) on low-dimensional data; brute force O(n² d).
    public static func withinRadius(_ points: Matrix<Double>, radius: Double, algorithm: NeighborAlgorithm = .auto) throws -> RadiusNeighbors {
        try PointValidation.check(points)
        try PointValidation.checkPositive(radius, name: "radius")
        return withinRadiusUnchecked(points, radius: radius, algorithm: algorithm)
    }

    /// `withinRadius` on points already validated.
    static func withinRadiusUnchecked(_ points: Matrix<Double>, radius: Double, algorithm: NeighborAlgorithm) -> RadiusNeighbors {
        switch algorithm.resolved(points: points.rows, dimension: points.cols) {
        case .brute: return BruteForceSearch(points).withinRadiusAll(radius: radius)
        case .kdtree, .auto: return KDTree(points).withinRadiusAll(radius: radius)
        }
    }
}
