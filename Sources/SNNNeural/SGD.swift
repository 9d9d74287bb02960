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
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func step(parameters: inout [Scalar], gradient: [Scalar], learningRate: Scalar) {
        precondition(parameters.count == gradient.count, "\(parameters.count) parameters but \(gradient.count) gradient entries")
        precondition(learningRate >= 0, "negative learning rate \(learningRate)")
        let n = parameters.count, mu = momentum, lambda = weightDecay, nest = nesterov
        if mu == 0 {
            parameters.withUnsafeMutableBufferPointer { p in
                gradient.withUnsafeBufferPointer { g in
                    for i in 0..<n { p[i] -= learningRate * (g[i] + lambda * p[i]) }
                }
            }
            return
        }
        let first = velocity.isEmpty
        if first { velocity = [Scalar](repeating: 0, count: n) }
        precondition(velocity.count == n, "the optimizer state has \(velocity.count) entries, the parameters \(n)")
        parameters.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeBufferPointer { g in
                velocity.withUnsafeMutableBufferPointer { v in
                    for i in 0..<n {
                        let d = g[i] + lambda * p[i]
                        v[i] = first ? d : mu * v[i] + d
                        p[i] -= learningRate * (nest ? d + mu * v[i] : v[i])
                    }
                }
            }
        }
    }

    public mutating func reset() { velocity = [] }
}
