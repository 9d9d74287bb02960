import SNNLinalg

/// Adam (Kingma & Ba) with bias correction, PyTorch's `torch.optim.Adam`; with `decoupledWeightDecay` it is
/// AdamW (`torch.optim.AdamW`): the decay shrinks the weights directly instead of entering the gradient.
///
///     g ← ∇ (+ λθ for Adam);  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;
///     θ ← θ (1 − lr λ for AdamW) − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε).
public struct Adam<Scalar: LinalgScalar>: Optimizer, Equatable {
    public let beta1: Scalar
    public let beta2: Scalar
    public let epsilon: Scalar
    /// Weight decay `λ` (an L2 term for Adam, a decoupled shrink for AdamW).
    public let weightDecay: Scalar
    /// AdamW when true.
    public let decoupledWeightDecay: Bool
    /// First-moment estimate `m` (empty until the first step).
    public var firstMoment: [Scalar]
    /// Second-moment estimate `v` (empty until the first step).
    public var secondMoment: [Scalar]
    /// Number of steps taken (`t`).
    public var stepCount: Int

    /// - Throws: `NeuralError.invalidSetting` for β outside [0, 1), ε ≤ 0 or a negative weight decay.
    public init(beta1: Scalar = 0.9, beta2: Scalar = 0.999, epsilon: Scalar = 1e-8, weightDecay: Scalar = 0,
                decoupledWeightDecay: Bool = false) throws {
        for (name, beta) in [("beta1", beta1), ("beta2", beta2)] where !(beta >= 0 && beta < 1) {
            throw NeuralError.invalidSetting(name: "Adam \(name)", value: "\(beta)", requirement: "use a value in [0, 1), e.g. 0.9 or 0.999")
        }
        guard epsilon > 0, epsilon.isFinite else {
            throw NeuralError.invalidSetting(name: "Adam epsilon", value: "\(epsilon)", requirement: "use a small positive value such as 1e-8")
        }
        guard weightDecay >= 0, weightDecay.isFinite else {
            throw NeuralError.invalidSetting(name: "weight decay", value: "\(weightDecay)", requirement: "use 0 or a small positive value")
        }
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
        self.firstMoment = []
        self.secondMoment = []
        self.stepCount = 0
    }

    /// - Complexity: O(parameter count).
    public mutating func step(parameters: inout [Scalar], gradient: [Scalar], learningRate: Scalar) {
        let n = parameters.count
        precondition(n == gradient.count, "\(n) parameters but \(gradient.count) gradient entries")
        precondition(learningRate >= 0, "negative learning rate \(learningRate)")
        if firstMoment.isEmpty {
            firstMoment = [Scalar](repeating: 0, count: n)
            secondMoment = [Scalar](repeating: 0, count: n)
        }
        precondition(firstMoment.count == n && secondMoment.count == n,
                     "the optimizer state has \(firstMoment.count) entries, the parameters \(n)")
        stepCount += 1
        guard n > 0 else { return }
        let t = Double(stepCount)
        let correction1 = 1 - Double.pow(Double(beta1), t), correction2 = 1 - Double.pow(Double(beta2), t)
        let lr = Double(learningRate), lambda = Double(weightDecay)
        // Constants in Double, rounded once to the scalar type.
        let constants = (stepSize: lr / correction1, inverseRoot2: 1 / correction2.squareRoot(),
                         l2: decoupledWeightDecay ? 0 : lambda, shrink: decoupledWeightDecay ? 1 - lr * lambda : 1,
                         b1: Double(beta1), b2: Double(beta2), eps: Double(epsilon))
        parameters.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeBufferPointer { g in
                firstMoment.withUnsafeMutableBufferPointer { m in
                    secondMoment.withUnsafeMutableBufferPointer { v in
                        let (pp, gp, mp, vp) = (p.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress!)
                        if Scalar.self == Float.self {
                            Self.kernel(n, rebound(pp, to: Float.self), rebound(gp, to: Float.self), rebound(mp, to: Float.self),
                                        rebound(vp, to: Float.self), constants)
                        } else if Scalar.self == Double.self {
                            Self.kernel(n, rebound(pp, to: Double.self), rebound(gp, to: Double.self), rebound(mp, to: Double.self),
                                        rebound(vp, to: Double.self), constants)
                        } else {
                            Self.kernel(n, pp, gp, mp, vp, constants)
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func kernel<U: LinalgScalar>(
        _ n: Int, _ p: UnsafeMutablePointer<U>, _ g: UnsafePointer<U>, _ m: UnsafeMutablePointer<U>,
        _ v: UnsafeMutablePointer<U>,
        _ c: (stepSize: Double, inverseRoot2: Double, l2: Double, shrink: Double, b1: Double, b2: Double, eps: Double)
    ) {
        let stepSize = U(c.stepSize), inverseRoot2 = U(c.inverseRoot2), l2 = U(c.l2), shrink = U(c.shrink)
        let b1 = U(c.b1), b2 = U(c.b2), eps = U(c.eps)
        for i in 0..<n {
            let gi = g[i] + l2 * p[i]
            m[i] = b1 * m[i] + (1 - b1) * gi
            v[i] = b2 * v[i] + (1 - b2) * gi * gi
            p[i] = p[i] * shrink - stepSize * m[i] / (v[i].squareRoot() * inverseRoot2 + eps)
        }
    }

    public mutating func reset() {
        firstMoment = []
        secondMoment = []
        stepCount = 0
    }
}
