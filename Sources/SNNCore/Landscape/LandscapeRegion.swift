/// The three regions of the paper's landscape theorem (§3), as measured at a point `Y`.
public enum LandscapeRegion: String, Sendable, Codable, CaseIterable {
    /// `d(Y, Y*) ≤ δ₁ ‖Y*‖_F` and the Riemannian Hessian is positive definite on `H_Y` (λ_min > 0).
    case nearOptimal = "near-optimal"
    /// `‖∇ℓ(Y)‖_F ≤ δ₂` and the Hessian has a negative direction (λ_min < 0): an escape direction exists.
    case nearSaddle = "near-saddle"
    /// Everything else: the gradient is large or the point is neither close to Y* nor a flat saddle.
    case largeGradient = "large-gradient"
}

/// The thresholds that assign a `LandscapeRegion`.
public struct RegionThresholds: Sendable, Equatable, Codable {
    /// δ₁: the near-optimal radius relative to `‖Y*‖_F` (CLI `--near-distance`, default 0.1).
    public var nearOptimalDistance: Double
    /// δ₂: the gradient norm `‖∇ℓ‖_F` below which a point with negative curvature is near a saddle
    /// (CLI `--saddle-gradient`, default 0.02; an absolute value, meant for a normalized adjacency with ‖A‖₂ ≤ 1).
    public var nearSaddleGradient: Double

    public init(nearOptimalDistance: Double = 0.1, nearSaddleGradient: Double = 0.02) {
        precondition(nearOptimalDistance > 0 && nearSaddleGradient > 0, "region thresholds must be positive")
        self.nearOptimalDistance = nearOptimalDistance
        self.nearSaddleGradient = nearSaddleGradient
    }

    /// The region of a point from its relative distance `d(Y, Y*)/‖Y*‖_F`, gradient norm and λ_min.
    public func classify(relativeDistance: Double, gradientNorm: Double, lambdaMin: Double) -> LandscapeRegion {
        if relativeDistance <= nearOptimalDistance && lambdaMin > 0 { return .nearOptimal }
        if gradientNorm <= nearSaddleGradient && lambdaMin < 0 { return .nearSaddle }
        return .largeGradient
    }
}
