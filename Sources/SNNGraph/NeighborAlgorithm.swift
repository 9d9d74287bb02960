/// How exact neighbour queries are answered (scikit-learn's `algorithm=` of `NearestNeighbors`).
public enum NeighborAlgorithm: String, CaseIterable, Sendable {
    /// A k-d tree for low dimensions, the blocked GEMM brute force for high dimensions or very few points.
    case auto
    /// A k-d tree (median splits on the widest coordinate, points reordered by leaf); exact.
    case kdtree
    /// Blocked brute force through GEMM (`‖x‖² + ‖y‖² − 2x·y`) with an exact re-check of the candidates.
    case brute

    /// Dimensions up to which `.auto` uses the k-d tree. Measured (release, 2 cores, k = 10, n = 20 000 uniform
    /// points in the unit cube, the worst case for a tree): the tree is 4× faster at d = 8, even with the
    /// brute force at d = 12, and 2–4× slower at d = 16–20. Data of low intrinsic dimension (manifold samples, the
    /// case here) favour the tree far beyond that, and the tree scales better in n, so the cut is at 16.
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
