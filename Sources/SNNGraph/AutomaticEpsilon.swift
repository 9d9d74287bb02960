import SNNLinalg

extension SimilarityGraph {
    /// The default `safetyFactor` of `automaticEpsilon`: 1.2.
    ///
    /// At the connecting ε the longest edge of the minimum spanning tree is just inside the kernel's support,
    /// so some point hangs on the rest of the graph by one edge: the spectral gap of `A` is then tiny and one
    /// resample of the data can disconnect the graph. 20 % more radius gives every point a neighbourhood
    /// 1.2^d times larger in volume (1.7× in d = 3) while the graph stays close to the sparsest connected one,
    /// which keeps the construction local, as the paper's ε → 0 regime requires.
    public static let defaultSafetyFactor = 1.2

    /// The smallest ε (to 1 % relative) for which the ε-graph with `kernel` is connected, times `safetyFactor`.
    ///
    /// The connecting radius is the longest edge of the Euclidean minimum spanning tree. It is bracketed
    /// from below by the largest nearest-neighbour distance and from above by the longest edge of a minimum
    /// spanning tree of the symmetrized kNN graph (k = 10, raised until that graph is connected); when the
    /// ε-graph at the upper bound / 1.01 is disconnected the upper bound is the answer, otherwise bisection
    /// (geometric) on connectivity of the ε-graph narrows the bracket to a ratio ≤ 1.01.
    /// - Parameters:
    ///   - points: `n × d` coordinates, `n ≥ 2`, not all equal.
    ///   - kernel: the kernel the graph will use (the Gaussian's support is 3ε).
    ///   - safetyFactor: ≥ 1; see `defaultSafetyFactor`.
    /// - Returns: `eps = safetyFactor · connectingEps`, and `connectingEps`, for which the graph is connected and
    ///   at `connectingEps / 1.01` is not.
    /// - Throws: `GraphError.invalidPoints` (fewer than 2 points, all points equal, NaN/Inf),
    ///   `GraphError.invalidParameter` (safety factor).
    /// - Complexity: a few kNN searches plus O(log log) radius searches at about the connecting scale.
    public static func automaticEpsilon(_ points: Matrix<Double>, kernel: Kernel = .indicator,
                                        safetyFactor: Double = defaultSafetyFactor,
                                        algorithm: NeighborAlgorithm = .auto) throws -> (eps: Double, connectingEps: Double) {
        try PointValidation.check(points)
        guard safetyFactor.isFinite && safetyFactor >= 1 else {
            throw GraphError.invalidParameter("safety factor \(safetyFactor) must be finite and ≥ 1; the default is \(defaultSafetyFactor)")
        }
        let n = points.rows
        guard n >= 2 else { throw GraphError.invalidPoints("an automatic ε needs at least 2 points, got \(n)") }
        let radius = connectingRadius(points, algorithm: algorithm)
        guard radius > 0 else {
            throw GraphError.invalidPoints("all \(n) points coincide, so every ε > 0 connects them; choose ε yourself")
        }
        var connecting = radius / kernel.cutoff
        while kernel.radius(eps: connecting) < radius { connecting = connecting.nextUp }
        return (safetyFactor * connecting, connecting)
    }

    /// The smallest radius (to 1 %) whose radius graph is connected; 0 when all points coincide.
    static func connectingRadius(_ points: Matrix<Double>, algorithm: NeighborAlgorithm) -> Double {
        let n = points.rows
        var k = Swift.min(n - 1, 10)
        var lower = 0.0, upper = 0.0
        while true {
            // Checked by the caller: valid points and 1 ≤ k < n.
            guard let nn = try? NeighborSearch.kNearest(points, k: k, algorithm: algorithm) else {
                preconditionFailure("kNN on validated points failed")
            }
            lower = 0
            for i in 0..<n { lower = Swift.max(lower, nn.distances[i * k]) }
            // Kruskal on the kNN edges (each pair once is enough; duplicates are harmless).
            let order = (0..<(n * k)).sorted { nn.distances[$0] < nn.distances[$1] }
            var sets = UnionFind(n)
            for e in order where sets.union(e / k, Int(nn.indices[e])) {
                upper = nn.distances[e]
                if sets.count == 1 { break }
            }
            if sets.count == 1 { break }
            k = Swift.min(n - 1, 4 * k)
        }
        if upper == 0 { return 0 }
        func connected(_ r: Double) -> Bool {
            let pairs = NeighborSearch.withinRadiusUnchecked(points, radius: r, algorithm: algorithm)
            var sets = UnionFind(n)
            for i in 0..<n {
                for p in pairs.offsets[i]..<pairs.offsets[i + 1] where sets.union(i, Int(pairs.neighbors[p])) {
                    if sets.count == 1 { return true }
                }
            }
            return sets.count == 1
        }
        var hi = upper
        var lo = upper / 1.01
        if connected(lo) {
            // The kNN graph missed a shorter connection: bisect between the nearest-neighbour bound and lo.
            hi = lo
            lo = lower.nextDown
            while lo <= 0 || hi > lo * 1.01 {
                let mid = lo <= 0 ? hi / 2 : (lo * hi).squareRoot()
                if connected(mid) { hi = mid } else { lo = mid }
            }
        }
        return hi
    }
}
