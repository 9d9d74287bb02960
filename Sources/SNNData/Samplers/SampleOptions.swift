/// What `Sampler.sample` draws: size, dimensions, embedding, noise and seed.
///
/// Every field has the default the CLI shows in `snn sample --help`.
public struct SampleOptions: Sendable, Equatable {
    /// Number of points (rows), at least 1 (at least 2 for `moons`).
    public var n: Int
    /// Intrinsic dimension m: S^m for `sphere`, T^m for `flatTorus`, the number of features for `blobs`.
    /// Nil means the manifold's `defaultDimension`; the fixed-dimension manifolds accept only their own value.
    public var dimension: Int?
    /// Ambient dimension D: when set, points are padded with zeros to R^D and rotated by a seeded Haar-random
    /// orthogonal map (also when D equals the native dimension). Must be ≥ the native dimension.
    public var ambient: Int?
    /// Standard deviation σ of isotropic Gaussian noise added in the ambient space (0 = none).
    public var noise: Double
    /// Seed of every random draw; the same options give the same bits.
    public var seed: UInt64
    /// Number of clusters for `blobs` (scikit-learn's `centers`), 1 ≤ clusters ≤ n.
    public var clusters: Int
    /// Standard deviation of each blob around its centre (scikit-learn's `cluster_std`).
    public var clusterStandardDeviation: Double
    /// Major radius R of the standard torus (distance from the axis to the tube centre).
    public var majorRadius: Double
    /// Minor radius r of the standard torus (tube radius), 0 < r < R.
    public var minorRadius: Double

    public init(n: Int, dimension: Int? = nil, ambient: Int? = nil, noise: Double = 0, seed: UInt64 = 0,
                clusters: Int = 3, clusterStandardDeviation: Double = 1, majorRadius: Double = 2, minorRadius: Double = 1) {
        self.n = n
        self.dimension = dimension
        self.ambient = ambient
        self.noise = noise
        self.seed = seed
        self.clusters = clusters
        self.clusterStandardDeviation = clusterStandardDeviation
        self.majorRadius = majorRadius
        self.minorRadius = minorRadius
    }
}
