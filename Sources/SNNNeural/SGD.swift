import SNNLinalg

/// Stochastic gradient descent with optional (Nesterov) momentum and L2 weight decay, with PyTorch's
/// `torch.optim.SGD` update (dampening 0):
///
///     g ← ∇ + λ θ;   v ← μ v + g (v = g on the first step);   d = g + μ v (Nesterov) or v;   θ ← θ − lr d.
public struct SGD<Scalar: LinalgScalar>: Optimizer, Equatable {
    /// Momentum `μ` (0 = plain gradient descent).
    public let momentum: Scalar
    /// Use Nesterov momentum.
    public let nesterov: Bool
    /// L2 penalty `λ` added to the gradient.
    public let weightDecay: Scalar
    /// The momentum buffer `v` (empty until the first step, or when `momentum` is 0).
    public var velocity: [Scalar]

    /// - Throws: `NeuralError.invalidSetting` for momentum outside [0, 1), a negative weight decay, or Nesterov
    ///   without momentum.
    public init(momentum: Scalar = 0, nesterov: Bool = false, weightDecay: Scalar = 0) throws {
        guard momentum >= 0, momentum < 1 else {
            throw NeuralError.invalidSetting(name: "momentum", value: "\(momentum)", requirement: "use a value in [0, 1), e.g. 0.9")
        }
        guard weightDecay >= 0, weightDecay.isFinite else {
            throw NeuralError.invalidSetting(name: "weight decay", value: "\(weightDecay)", requirement: "use 0 or a small positive value")
        }
        guard !nesterov || momentum > 0 else {
            throw NeuralError.invalidSetting(name: "nesterov", value: "true with momentum 0",
                                             requirement: "Nesterov momentum needs a positive momentum, e.g. 0.9")
        }
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        self.velocity = []
    }

    /// - Complexity: O(parameter count).
    public mutating func step(parameters: inout [Scalar], gradient: [Scalar], learningRate: Scalar) {
        precondition(parameters.count == gradient.count, "\(parameters.count) parameters but \(gradient.count) gradient entries")
        precondition(learningRate >= 0, "negative learning rate \(learningRate)")
        let n = parameters.count
        guard n > 0 else { return }
        let first = momentum != 0 && velocity.isEmpty
        if first { velocity = [Scalar](repeating: 0, count: n) }
        precondition(momentum == 0 || velocity.count == n, "the optimizer state has \(velocity.count) entries, the parameters \(n)")
        let mu = momentum, lambda = weightDecay, nest = nesterov
        parameters.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeBufferPointer { g in
                velocity.withUnsafeMutableBufferPointer { v in
                    let (pp, gp, vp) = (p.baseAddress!, g.baseAddress!, v.baseAddress)
                    if Scalar.self == Float.self {
                        Self.kernel(n, rebound(pp, to: Float.self), rebound(gp, to: Float.self), vp.map { rebound($0, to: Float.self) },
                                    Float(learningRate), Float(mu), Float(lambda), nest, first)
                    } else if Scalar.self == Double.self {
                        Self.kernel(n, rebound(pp, to: Double.self), rebound(gp, to: Double.self), vp.map { rebound($0, to: Double.self) },
                                    Double(learningRate), Double(mu), Double(lambda), nest, first)
                    } else {
                        Self.kernel(n, pp, gp, vp, learningRate, mu, lambda, nest, first)
                    }
                }
            }
        }
    }

    /// The update on raw buffers; `v` is nil without momentum.
    @inline(__always)
    private static func kernel<U: LinalgScalar>(_ n: Int, _ p: UnsafeMutablePointer<U>, _ g: UnsafePointer<U>,
                                                _ v: UnsafeMutablePointer<U>?, _ lr: U, _ mu: U, _ lambda: U,
                                                _ nesterov: Bool, _ first: Bool) {
        guard let v, mu != 0 else {
            for i in 0..<n { p[i] -= lr * (g[i] + lambda * p[i]) }
            return
        }
        for i in 0..<n {
            let d = g[i] + lambda * p[i]
            v[i] = first ? d : mu * v[i] + d
            p[i] -= lr * (nesterov ? d + mu * v[i] : v[i])
        }
    }

    public mutating func reset() { velocity = [] }
}
