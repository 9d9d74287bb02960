import SNNLinalg

/// A fully connected layer `z = W x + b` (PyTorch `nn.Linear`): `weight` is `out × in`, row-major, the layout
/// PyTorch stores, so `layers.K.weight` in a `.safetensors` file maps onto it without a transpose.
public struct DenseLayer<T: LinalgScalar>: Sendable, Equatable, Codable {
    /// `out × in` weights.
    public var weight: Matrix<T>
    /// `out` biases.
    public var bias: [T]

    public init(weight: Matrix<T>, bias: [T]) {
        precondition(bias.count == weight.rows, "bias has \(bias.count) entries, the weight has \(weight.rows) rows")
        self.weight = weight
        self.bias = bias
    }

    /// Number of inputs (`in_features`).
    public var inputCount: Int { weight.cols }
    /// Number of outputs (`out_features`).
    public var outputCount: Int { weight.rows }
    /// Weights plus biases.
    public var parameterCount: Int { weight.rows * weight.cols + bias.count }

    /// `X Wᵀ + 1 bᵀ` for a batch `X` (n × in), without activation (NumPy `x @ w.T + b`).
    /// - Complexity: O(n · in · out) in one GEMM.
    public func callAsFunction(_ x: Matrix<T>) -> Matrix<T> {
        precondition(x.cols == inputCount, "input has \(x.cols) columns, the layer expects \(inputCount)")
        var z = Matrix<T>(rows: x.rows, cols: outputCount)
        for i in 0..<x.rows { for j in 0..<outputCount { z.storage[i * outputCount + j] = bias[j] } }
        Matrix.gemm(x, weight, transposeB: true, beta: 1, into: &z)
        return z
    }

    private enum CodingKeys: String, CodingKey { case outputs, inputs, weight, bias }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try c.decode(Int.self, forKey: .outputs), cols = try c.decode(Int.self, forKey: .inputs)
        let w = try c.decode([T].self, forKey: .weight), b = try c.decode([T].self, forKey: .bias)
        guard rows > 0, cols > 0, w.count == rows * cols, b.count == rows else {
            throw DecodingError.dataCorruptedError(forKey: .weight, in: c,
                debugDescription: "dense layer \(rows)×\(cols) with \(w.count) weights and \(b.count) biases")
        }
        self.init(weight: Matrix(rows: rows, cols: cols, storage: w), bias: b)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(outputCount, forKey: .outputs)
        try c.encode(inputCount, forKey: .inputs)
        try c.encode(weight.storage, forKey: .weight)
        try c.encode(bias, forKey: .bias)
    }
}
