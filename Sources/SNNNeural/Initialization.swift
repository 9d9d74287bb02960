import SNNLinalg

/// How the weights of a dense layer are drawn (PyTorch `torch.nn.init`).
///
/// For every scheme the biases are drawn as PyTorch's `nn.Linear` draws them, uniform in
/// `[−1/√fan_in, 1/√fan_in]`, so the first layer's ReLU kinks are spread over the (standardized) input
/// instead of all passing through the origin.
public enum Initialization: String, CaseIterable, Sendable, Codable {
    /// He (Kaiming) normal, fan-in mode: `W ~ N(0, 2 / fan_in)` (`kaiming_normal_(nonlinearity="relu")`),
    /// for ReLU-like activations.
    case he
    /// Glorot (Xavier) uniform: `W ~ U(−a, a)`, `a = √(6 / (fan_in + fan_out))` (`xavier_uniform_`), for tanh.
    case glorot
    /// PyTorch's `nn.Linear` default: `W ~ U(−1/√fan_in, 1/√fan_in)` (`kaiming_uniform_(a=√5)`).
    case pytorch

    /// The variance of a weight drawn by this scheme.
    public func weightVariance(fanIn: Int, fanOut: Int) -> Double {
        switch self {
        case .he: return 2 / Double(fanIn)
        case .glorot: return 2 / Double(fanIn + fanOut)
        case .pytorch: return 1 / (3 * Double(fanIn))
        }
    }

    /// A fresh `fanOut × fanIn` weight matrix and bias drawn from `generator` (weights first, row-major, then
    /// biases), so the same seed gives the same bits.
    /// - Complexity: O(fanIn · fanOut).
    public func draw<T: LinalgScalar>(fanIn: Int, fanOut: Int, as: T.Type = T.self,
                                      using generator: inout some RandomNumberGenerator) -> DenseLayer<T> {
        precondition(fanIn > 0 && fanOut > 0, "layer widths must be positive")
        let count = fanIn * fanOut
        var weights = [T](repeating: 0, count: count)
        switch self {
        case .he:
            let sigma = weightVariance(fanIn: fanIn, fanOut: fanOut).squareRoot()
            var i = 0
            while i < count {
                let (z0, z1) = standardNormalPair(using: &generator)
                weights[i] = T(sigma * z0)
                if i + 1 < count { weights[i + 1] = T(sigma * z1) }
                i += 2
            }
        case .glorot, .pytorch:
            let a = (3 * weightVariance(fanIn: fanIn, fanOut: fanOut)).squareRoot()
            for i in 0..<count { weights[i] = T(symmetricUniform(a, using: &generator)) }
        }
        let b = 1 / Double(fanIn).squareRoot()
        let bias = (0..<fanOut).map { _ in T(symmetricUniform(b, using: &generator)) }
        return DenseLayer(weight: Matrix(rows: fanOut, cols: fanIn, storage: weights), bias: bias)
    }
}

/// Uniform in [0, 1) from the top 53 bits of one draw.
@inline(__always) func unitUniform(using g: inout some RandomNumberGenerator) -> Double {
    Double(g.next() >> 11) * 0x1.0p-53
}

/// Uniform in [−a, a).
@inline(__always) func symmetricUniform(_ a: Double, using g: inout some RandomNumberGenerator) -> Double {
    a * (2 * unitUniform(using: &g) - 1)
}

/// Two independent N(0, 1) draws by the Box–Muller transform.
func standardNormalPair(using g: inout some RandomNumberGenerator) -> (Double, Double) {
    let u1 = 1 - unitUniform(using: &g)            // (0, 1], so the logarithm is finite
    let u2 = unitUniform(using: &g)
    let radius = (-2 * Double.log(u1)).squareRoot()
    let angle = 2 * Double.pi * u2
    return (radius * Double.cos(angle), radius * Double.sin(angle))
}
