import SNNLinalg

/// A multilayer perceptron `f(x) = L_m(σ(L_{m−1}(… σ(L_1(x)))))`: dense layers with the activation after every
/// layer but the last (the output is linear), as PyTorch's
/// `nn.Sequential(nn.Linear(d, h1), nn.ReLU(), …, nn.Linear(h_k, r))`.
///
/// Forward and backward passes run on the whole batch at once: one GEMM per layer and direction, with the
/// activations held in a reusable `MLPCache`, so a training step allocates nothing once the cache is sized.
public struct MLP<T: LinalgScalar>: Sendable, Equatable, Codable {
    /// The dense layers, input side first.
    public var layers: [DenseLayer<T>]
    /// The activation applied after every layer except the last.
    public var activation: Activation

    /// A freshly initialized network.
    /// - Parameters:
    ///   - widths: `[d, h1, …, r]`: input dimension, hidden widths, output dimension (at least two entries,
    ///     all positive; check user input with `MLP.validate(widths:)` first).
    ///   - initialization: how weights are drawn (biases: see `Initialization`).
    ///   - g: the only source of randomness; the same seed gives the same bits.
    /// - Complexity: O(parameterCount).
    public init(widths: [Int], activation: Activation, initialization: Initialization = .he,
                using g: inout some RandomNumberGenerator) {
        do { try Self.validate(widths: widths) } catch { preconditionFailure("\(error)") }
        self.activation = activation
        self.layers = (0..<(widths.count - 1)).map {
            initialization.draw(fanIn: widths[$0], fanOut: widths[$0 + 1], as: T.self, using: &g)
        }
    }

    /// A network from given layers (e.g. read from a model file); consecutive widths must chain.
    public init(layers: [DenseLayer<T>], activation: Activation) {
        precondition(!layers.isEmpty, "an MLP needs at least one layer")
        for k in 1..<layers.count {
            precondition(layers[k].inputCount == layers[k - 1].outputCount,
                         "layer \(k) takes \(layers[k].inputCount) inputs but layer \(k - 1) gives \(layers[k - 1].outputCount)")
        }
        self.layers = layers
        self.activation = activation
    }

    /// Checks an architecture given by a user.
    /// - Throws: `NeuralError.invalidSetting` when there are fewer than two widths or a width is not positive.
    public static func validate(widths: [Int]) throws {
        guard widths.count >= 2 else {
            throw NeuralError.invalidSetting(name: "widths", value: "\(widths)",
                requirement: "give at least the input and output dimensions, e.g. [3, 128, 128, 4]")
        }
        if let bad = widths.firstIndex(where: { $0 <= 0 }) {
            throw NeuralError.invalidSetting(name: "width", value: "\(widths[bad]) at position \(bad) of \(widths)",
                requirement: "every layer width must be at least 1 (check --hidden and -r)")
        }
    }

    /// `[d, h1, …, r]`.
    public var widths: [Int] { [layers[0].inputCount] + layers.map(\.outputCount) }
    /// Input dimension `d`.
    public var inputCount: Int { layers[0].inputCount }
    /// Output dimension `r`.
    public var outputCount: Int { layers[layers.count - 1].outputCount }
    /// Total number of weights and biases.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// All parameters as one vector, in PyTorch's `model.parameters()` order: for each layer, its weight
    /// (`out × in`, row-major) then its bias. Setting it requires exactly `parameterCount` values.
    /// - Complexity: O(parameterCount).
    public var parameters: [T] {
        get {
            var flat = [T]()
            flat.reserveCapacity(parameterCount)
            for layer in layers { flat.append(contentsOf: layer.weight.storage); flat.append(contentsOf: layer.bias) }
            return flat
        }
        set {
            precondition(newValue.count == parameterCount,
                         "got \(newValue.count) parameters, the network has \(parameterCount)")
            var offset = 0
            for k in layers.indices {
                let w = layers[k].weight.storage.count, b = layers[k].bias.count
                layers[k].weight.storage.withUnsafeMutableBufferPointer { dst in
                    newValue.withUnsafeBufferPointer { src in
                        for i in 0..<w { dst[i] = src[offset + i] }
                    }
                }
                offset += w
                for i in 0..<b { layers[k].bias[i] = newValue[offset + i] }
                offset += b
            }
        }
    }

    /// Offset of layer `k`'s weight in `parameters` (its bias follows the `out × in` weights).
    public func parameterOffset(ofLayer k: Int) -> Int {
        layers[..<k].reduce(0) { $0 + $1.parameterCount }
    }
}
