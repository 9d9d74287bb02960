import SNNLinalg

/// A first-order optimizer over a flat parameter vector (PyTorch `torch.optim`). Its state is plain arrays
/// and numbers, `Codable`, so a checkpoint can store it and a resumed run continues bit for bit.
public protocol Optimizer<Scalar>: Sendable, Codable {
    associatedtype Scalar: LinalgScalar
    /// One update `θ ← θ − lr · direction(∇)`; the state is created on the first call and must keep the
    /// parameter count afterwards.
    mutating func step(parameters: inout [Scalar], gradient: [Scalar], learningRate: Scalar)
    /// Forgets the accumulated state (momentum, moments, step count).
    mutating func reset()
}

/// Checks a learning rate given by a user.
/// - Throws: `NeuralError.invalidSetting` unless `learningRate` is finite and positive.
public func validateLearningRate(_ learningRate: Double) throws {
    guard learningRate.isFinite, learningRate > 0 else {
        throw NeuralError.invalidSetting(name: "learning rate", value: "\(learningRate)",
                                         requirement: "it must be a positive finite number such as 1e-3 (--lr)")
    }
}

/// A runtime choice between the optimizers (for a command-line flag), itself an `Optimizer`.
public enum AnyOptimizer<Scalar: LinalgScalar>: Optimizer {
    case sgd(SGD<Scalar>)
    case adam(Adam<Scalar>)

    public mutating func step(parameters: inout [Scalar], gradient: [Scalar], learningRate: Scalar) {
        switch self {
        case .sgd(var o): o.step(parameters: &parameters, gradient: gradient, learningRate: learningRate); self = .sgd(o)
        case .adam(var o): o.step(parameters: &parameters, gradient: gradient, learningRate: learningRate); self = .adam(o)
        }
    }

    public mutating func reset() {
        switch self {
        case .sgd(var o): o.reset(); self = .sgd(o)
        case .adam(var o): o.reset(); self = .adam(o)
        }
    }
}
