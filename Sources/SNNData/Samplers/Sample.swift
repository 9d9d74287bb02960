import SNNLinalg

/// Points drawn by `Sampler`, with class labels and intrinsic coordinates where the data set has them.
public struct Sample: Sendable, Equatable {
    /// The points, one per row (n × D).
    public var points: Matrix<Double>
    /// Class labels (`moons`: 0 outer / 1 inner half circle; `blobs`: the cluster index), nil otherwise.
    public var labels: [Int]?
    /// Intrinsic coordinates, one row per point, when meaningful (nil for `sphere` and `blobs`):
    /// `circle`: the angle θ ∈ [0, 2π); `flatTorus`: the m angles; `torus`: (φ, θ), φ around the axis and
    /// θ around the tube; `swissroll`: (t, height) as scikit-learn returns `t`; `moons`: the half-circle angle in [0, π].
    public var parameters: Matrix<Double>?

    public init(points: Matrix<Double>, labels: [Int]? = nil, parameters: Matrix<Double>? = nil) {
        self.points = points
        self.labels = labels
        self.parameters = parameters
    }
}
