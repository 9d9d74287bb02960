import SNNLinalg

/// How gradient descent chooses its step size.
public enum StepRule: Sendable, Equatable {
    /// A fixed step `h`: `Y ← Y − h ∇ℓ(Y)`.
    case fixed(Double)
    /// Armijo backtracking: start from `min(2 h_prev, maximum)`, halve until
    /// `ℓ(Y − h∇ℓ) ≤ ℓ(Y) − c₁ h ‖∇ℓ‖²` with `c₁ = 1e-4`; the change of ℓ along the line is evaluated from
    /// the exact quartic in h (see `LineQuartic`).
    case armijo(maximum: Double)
}

/// Settings of `AmbientGradientDescent`.
public struct DescentSettings: Sendable, Equatable {
    /// Maximum number of steps.
    public var steps: Int = 3000
    /// The step-size rule.
    public var stepRule: StepRule = .armijo(maximum: 1)
    /// Measure λ_min every this many steps (and at the first and last point).
    public var hessianEvery: Int = 50
    /// Stop when `‖∇ℓ‖_F` falls below this.
    public var gradientTolerance: Double = 1e-7
    /// A run "reaches the global minimum" when its final `d(Y, Y*) ≤ this · ‖Y*‖_F`.
    public var minimumTolerance: Double = 1e-3

    public init() {}
}

/// One gradient-descent run with its log.
public struct DescentTrajectory: Sendable {
    /// One sample per step (step 0 = the start, last = the final point).
    public var samples: [LandscapeSample]
    /// The final point.
    public var final: Matrix<Double>
    /// Whether the final point is within `minimumTolerance · ‖Y*‖_F` of `Y*` in the quotient distance.
    public var reachedMinimum: Bool
    /// Whether the gradient tolerance stopped the run before the step budget.
    public var converged: Bool

    /// The first logged step whose loss is at most `level`, nil if none.
    public func firstStep(lossAtMost level: Double) -> Int? { samples.first { $0.loss <= level }?.step }
}

/// Gradient descent on the ambient problem `min_{Y ∈ R^{n×r}} ‖YYᵀ − A‖_F²` (paper §3), logging the landscape
/// at every step.
///
/// On the quotient with the Euclidean metric, the Riemannian gradient is the (horizontal) Euclidean gradient and
/// straight lines are the retraction, so Riemannian gradient descent and Euclidean gradient descent take the
/// same steps; one implementation serves both.
public enum AmbientGradientDescent {
    /// Runs gradient descent from `start`.
    /// - Parameters:
    ///   - start: the initial point (n × r, full rank).
    ///   - probe: the objective, `Y*` and the region thresholds.
    ///   - settings: steps, step rule, λ_min cadence, tolerances.
    /// - Throws: `SNNError.invalidSetting` when the loss becomes non-finite (lower the fixed step or use Armijo);
    ///   errors of the λ_min computation.
    /// - Complexity: per step O(nnz(A)·r + n·r²) (times the Armijo trials), plus a Lanczos run every
    ///   `hessianEvery` steps.
    public static func run(from start: Matrix<Double>, probe: LandscapeProbe, settings: DescentSettings) throws -> DescentTrajectory {
        precondition(settings.steps >= 0 && settings.hessianEvery >= 1)
        let objective = probe.objective
        var y = start
        var (loss, gradient) = objective.lossAndGradient(y)
        var samples: [LandscapeSample] = []
        samples.reserveCapacity(settings.steps + 1)
        var lambda = try probe.lambdaMin(y), lambdaStep = 0
        var previousStep: Double = {
            if case let .armijo(maximum) = settings.stepRule { return maximum / 2 }
            return 0
        }()
        var converged = false
        var step = 0
        while true {
            let gNorm = gradient.frobeniusNorm
            let done = step >= settings.steps || gNorm <= settings.gradientTolerance
            if done {
                converged = gNorm <= settings.gradientTolerance
                if lambdaStep != step { lambda = try probe.lambdaMin(y); lambdaStep = step }
                samples.append(try probe.sample(step: step, y: y, loss: loss, gradient: gradient, lambdaMin: lambda,
                                                hessianStep: lambdaStep))
                break
            }
            if step > 0 && step % settings.hessianEvery == 0 { lambda = try probe.lambdaMin(y); lambdaStep = step }
            let h: Double
            var next: Matrix<Double>
            var nextLoss: Double
            switch settings.stepRule {
            case let .fixed(size):
                h = size
                next = y; next.add(gradient, scaledBy: -h)
                nextLoss = objective.loss(next)
            case let .armijo(maximum):
                // ℓ along the line Y − hG is a quartic in h; its change Δ(h) is evaluated from exact
                // coefficients (no cancellation of two nearly equal losses), so the test stays decidable down
                // to gradients at the rounding level of ℓ.
                let line = LineQuartic(objective: objective, y: y, gradient: gradient, gradientNormSquared: gNorm * gNorm)
                var trial = Swift.min(2 * previousStep, maximum)
                while line.change(trial) > -1e-4 * trial * gNorm * gNorm && trial > 1e-16 { trial *= 0.5 }
                h = trial
                next = y; next.add(gradient, scaledBy: -trial)
                nextLoss = loss + line.change(trial)
                previousStep = trial
            }
            samples.append(try probe.sample(step: step, y: y, loss: loss, gradient: gradient, lambdaMin: lambda,
                                            hessianStep: lambdaStep, stepSize: h))
            guard nextLoss.isFinite else {
                throw SNNError.invalidSetting("gradient descent diverged at step \(step + 1) (loss \(nextLoss)) with the fixed step \(h); lower the step size or use Armijo backtracking (--step-size armijo)")
            }
            y = next
            (loss, gradient) = objective.lossAndGradient(y)
            step += 1
        }
        let finalDistance = samples.last!.relativeDistance
        return DescentTrajectory(samples: samples, final: y, reachedMinimum: finalDistance <= settings.minimumTolerance,
                                 converged: converged)
    }
}

/// `Δ(h) = ℓ(Y − hG) − ℓ(Y)` along a gradient line, from its exact quartic expansion. With `S = YᵀY`,
/// `B = GᵀY + YᵀG`, `C = GᵀG` and `G = ∇ℓ(Y) = 4(YS − AY)`:
///
///     Δ(h) = −h‖G‖² + h² (‖B‖² + 2⟨C, S⟩ − 2⟨G, AG⟩) − 2h³⟨B, C⟩ + h⁴‖C‖²
///
/// (the linear term is exactly `−h‖G‖²`). One sparse product `AG`; every trial h then costs O(1).
struct LineQuartic {
    let c1: Double, c2: Double, c3: Double, c4: Double

    init(objective: SpectralObjective<Double>, y: Matrix<Double>, gradient g: Matrix<Double>, gradientNormSquared: Double) {
        let s = y.gram()
        let gy = Matrix.multiply(g, y, transposeA: true)
        var b = gy
        b.add(gy.transposed())
        let c = g.gram()
        let ag = objective.matrix.multiply(g)
        c1 = -gradientNormSquared
        c2 = Vector.dot(b.storage, b.storage) + 2 * Vector.dot(c.storage, s.storage) - 2 * Vector.dot(g.storage, ag.storage)
        c3 = -2 * Vector.dot(b.storage, c.storage)
        c4 = Vector.dot(c.storage, c.storage)
    }

    /// `ℓ(Y − hG) − ℓ(Y)`.
    func change(_ h: Double) -> Double { h * (c1 + h * (c2 + h * (c3 + h * c4))) }
}
