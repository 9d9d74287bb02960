/// How exact neighbour queries are answered (scikit-learn's `algorithm=` of `NearestNeighbors`).
public enum NeighborAlgorithm: String, CaseIterable, Sendable {
    /// A k-d tree for low dimensions, the blocked GEMM brute force for high dimensions or very few points.
    case auto
    /// A k-d tree (median splits on the widest coordinate, points reordered by leaf); exact.
    case kdtree
    /// Blocked brute force through GEMM (`‖x‖² + ‖y‖² − 2x·y`) with an exact re-check of the candidates.
    case brute

    /// Dimensions up to which `.auto` uses the k-d tree. Above this the tree visits a large share of the
    /// leaves on full-dimensional data and the GEMM brute force is faster (measured on uniform random data).
    public static let kdTreeMaximumDimension = 16

    /// Point counts below which `.auto` uses the brute force (a tree does not pay for itself).
    public static let kdTreeMinimumPoints = 64

    /// The concrete algorithm `.auto` stands for on `n` points in `d` dimensions (the others map to themselves).
    public func resolved(points n: Int, dimension d: Int) -> NeighborAlgorithm {
        switch self {
        case .auto: return d <= Self.kdTreeMaximumDimension && n >= Self.kdTreeMinimumPoints ? .kdtree : .brute
        case .kdtree, .brute: return self
        }
    }
}
