import SNNLinalg

/// Elementwise activation functions of the hidden layers.
public enum Activation: String, CaseIterable, Sendable, Codable {
    /// `max(0, x)`, the paper's choice.
    case relu
    /// `x` for x > 0, `0.01 x` otherwise.
    case leakyRelu = "leaky_relu"
    /// `tanh x`.
    case tanh
    /// `log(1 + eˣ)`, computed stably.
    case softplus

    /// `σ(x)`.
    @inlinable public func value<T: LinalgScalar>(_ x: T) -> T {
        switch self {
        case .relu: return x > 0 ? x : 0
        case .leakyRelu: return x > 0 ? x : x * T(0.01)
        case .tanh: return T.tanh(x)
        case .softplus: return x > 0 ? x + T.log1p(T.exp(-x)) : T.log1p(T.exp(x))
        }
    }

    /// `σ'(x)` (at 0, ReLU's derivative is taken as 0, as PyTorch does).
    @inlinable public func derivative<T: LinalgScalar>(_ x: T) -> T {
        switch self {
        case .relu: return x > 0 ? 1 : 0
        case .leakyRelu: return x > 0 ? 1 : T(0.01)
        case .tanh: let t = T.tanh(x); return 1 - t * t
        case .softplus: return x >= 0 ? 1 / (1 + T.exp(-x)) : T.exp(x) / (1 + T.exp(x))
        }
    }
}
