import SNNLinalg

/// The network's parameters as named tensors, in PyTorch's `nn.Linear` layout.
extension MLP {
    /// `prefix.K.weight` (`out × in`) and `prefix.K.bias` for every dense layer `K = 0, 1, …`, in the
    /// network's scalar type (F32 for Float, F64 for Double).
    /// - Complexity: O(parameterCount).
    public func tensors(prefix: String = "layers") -> [SafeTensors.Tensor] {
        layers.enumerated().flatMap { k, layer in
            [SafeTensors.Tensor(name: "\(prefix).\(k).weight", matrix: layer.weight),
             SafeTensors.Tensor(name: "\(prefix).\(k).bias", shape: [layer.bias.count], values: layer.bias)]
        }
    }

    /// Rebuilds a network from `prefix.K.weight` / `prefix.K.bias` tensors (F16, F32 or F64, converted to `T`),
    /// reading layers `K = 0, 1, …` until no `prefix.K.weight` is left.
    /// - Throws: `NeuralError.tensorMismatch` when no layer is found, a bias is missing, a dtype is not
    ///   floating point, or the shapes do not chain.
    public init(tensors: [SafeTensors.Tensor], prefix: String = "layers", activation: Activation) throws {
        var layers: [DenseLayer<T>] = []
        while let w = tensors.first(where: { $0.name == "\(prefix).\(layers.count).weight" }) {
            let k = layers.count
            let b = try SafeTensors.tensor(named: "\(prefix).\(k).bias", in: tensors)
            guard w.shape.count == 2, w.shape[0] > 0, w.shape[1] > 0 else {
                throw NeuralError.tensorMismatch(name: w.name, problem: "has shape \(w.shape); a weight must be a non-empty out × in matrix")
            }
            guard b.shape == [w.shape[0]] else {
                throw NeuralError.tensorMismatch(name: b.name, problem: "has shape \(b.shape); expected [\(w.shape[0])] to match \(w.name)")
            }
            if let previous = layers.last, previous.outputCount != w.shape[1] {
                throw NeuralError.tensorMismatch(name: w.name, problem: "takes \(w.shape[1]) inputs but layer \(k - 1) gives \(previous.outputCount)")
            }
            layers.append(DenseLayer(weight: try w.matrix(as: T.self), bias: try b.values(as: T.self)))
        }
        guard !layers.isEmpty else {
            throw NeuralError.tensorMismatch(name: "\(prefix).0.weight", problem: "is missing: the file holds no network layers")
        }
        self.init(layers: layers, activation: activation)
    }
}
