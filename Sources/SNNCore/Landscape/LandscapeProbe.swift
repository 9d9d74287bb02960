import SNNLinalg

/// One measurement of the landscape at a point `Y`: what the logs of `snn landscape` hold per step.
public struct LandscapeSample: Sendable, Equatable, Codable {
    /// Step (gradient descent) or epoch (network training).
    public var step: Int
    /// `ℓ(Y)`.
    public var loss: Double
    /// `‖∇ℓ(Y)‖_F` (the Riemannian gradient norm: the Euclidean gradient is horizontal).
    public var gradientNorm: Double
    /// `d(Y, Y*) / ‖Y*‖_F`.
    public var relativeDistance: Double
    /// λ_min of the Riemannian Hessian on `H_Y`, from the most recent measurement (see `hessianStep`).
    public var lambdaMin: Double
    /// The step at which `lambdaMin` was measured.
    public var hessianStep: Int
    /// The region from the thresholds.
    public var region: LandscapeRegion
    /// The step size used to leave this point (0 for the last point and for network samples).
    public var stepSize: Double
}

/// Measures loss, gradient norm, quotient distance to `Y*`, λ_min of the Riemannian Hessian and the region
/// at points `Y` of the ambient problem `min ‖YYᵀ − A‖_F²`.
public struct LandscapeProbe: Sendable {
    /// The objective (matrix A).
    public let objective: SpectralObjective<Double>
    /// The global minimizer `Y* = U_r Λ_r^{1/2}`.
    public let optimum: Matrix<Double>
    /// `‖Y*‖_F = (Σ_{k≤r} λ_k)^{1/2}`.
    public let optimumNorm: Double
    /// `ℓ(Y*) = ‖A‖_F² − Σ_{k≤r} λ_k²`.
    public let optimalLoss: Double
    /// Region thresholds.
    public var thresholds: RegionThresholds
    /// ARPACK tolerance for λ_min (relative to the Hessian's spectral bound).
    public var hessianTolerance: Double

    /// A probe for `A` with its top-r eigenpairs (descending values, unit vectors as columns).
    /// - Throws: `SNNError.invalidSetting` when λ_r ≤ 0 (then `Y*` is not `U_r Λ_r^{1/2}`).
    public init(objective: SpectralObjective<Double>, values: [Double], vectors: Matrix<Double>, rank r: Int,
                thresholds: RegionThresholds = RegionThresholds(), hessianTolerance: Double = 1e-6) throws {
        precondition(values.count >= r && vectors.cols >= r && vectors.rows == objective.matrix.rows)
        guard values[r - 1] > 0 else {
            throw SNNError.invalidSetting("λ_\(r) = \(values[r - 1]) is not positive, so the minimizer of ‖YYᵀ − A‖² has rank below r = \(r); lower -r or use the lazy adjacency (I + A)/2")
        }
        self.objective = objective
        self.optimum = StationaryPoints.point(subset: Array(0..<r), values: values, vectors: vectors)
        self.optimumNorm = optimum.frobeniusNorm
        self.optimalLoss = objective.loss(optimum)
        self.thresholds = thresholds
        self.hessianTolerance = hessianTolerance
    }

    /// `d(Y, Y*) / ‖Y*‖_F`.
    /// - Throws: `LinalgError` for non-finite `Y`.
    public func relativeDistance(_ y: Matrix<Double>) throws -> Double {
        try QuotientDistance(from: y, to: optimum).distance / optimumNorm
    }

    /// λ_min of the Riemannian Hessian on `H_Y` at `y`, by Lanczos.
    /// - Throws: `LinalgError.rankDeficient` at a rank-deficient `Y` (the quotient is not a manifold there);
    ///   ARPACK errors.
    /// - Complexity: one Hessian-vector product, O(nnz(A)·r + n·r²), per Lanczos step.
    public func lambdaMin(_ y: Matrix<Double>) throws -> Double {
        let hessian = try RiemannianHessian(objective: objective, at: y)
        return try hessian.extremeEigenvalues(count: 1, end: .smallest, tolerance: hessianTolerance)[0]
    }

    /// A full sample at `y` given its loss and gradient and the λ_min to report.
    public func sample(step: Int, y: Matrix<Double>, loss: Double, gradient: Matrix<Double>, lambdaMin: Double,
                       hessianStep: Int, stepSize: Double = 0) throws -> LandscapeSample {
        let distance = try relativeDistance(y)
        let g = gradient.frobeniusNorm
        return LandscapeSample(step: step, loss: loss, gradientNorm: g, relativeDistance: distance, lambdaMin: lambdaMin,
                               hessianStep: hessianStep,
                               region: thresholds.classify(relativeDistance: distance, gradientNorm: g, lambdaMin: lambdaMin),
                               stepSize: stepSize)
    }

    /// Measures everything (including a fresh λ_min) at `y`.
    public func measure(_ y: Matrix<Double>, step: Int) throws -> LandscapeSample {
        let (loss, gradient) = objective.lossAndGradient(y)
        return try sample(step: step, y: y, loss: loss, gradient: gradient, lambdaMin: lambdaMin(y), hessianStep: step)
    }
}
