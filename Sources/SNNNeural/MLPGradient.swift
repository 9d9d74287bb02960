import SNNLinalg

/// `∂L/∂θ` for every parameter of an `MLP`, stored flat in the order of `MLP.parameters` (per layer: weight
/// `out × in` row-major, then bias), so optimizers and clipping work on `flat` directly.
public struct MLPGradient<T: LinalgScalar>: Sendable, Equatable {
    /// The architecture this gradient belongs to.
    public private(set) var widths: [Int]
    /// All partial derivatives, in `MLP.parameters` order.
    public var flat: [T]
    /// `∂L/∂X` (n × d) when the backward pass was asked for it, otherwise `nil`.
    public var input: Matrix<T>?

    /// A zero gradient for the architecture `widths`.
    public init(widths: [Int]) {
        self.widths = widths
        self.flat = []
        self.input = nil
        let count = offset(ofLayer: widths.count - 1)
        self.flat = [T](repeating: 0, count: count)
    }

    /// Resizes for another architecture (no-op when unchanged).
    mutating func prepare(widths w: [Int]) {
        if w != widths { self = MLPGradient(widths: w) }
    }

    /// Offset of layer `k`'s weight block in `flat`.
    public func offset(ofLayer k: Int) -> Int {
        var total = 0
        for j in 0..<k { total += (widths[j] + 1) * widths[j + 1] }
        return total
    }

    /// Layer `k`'s weight gradient (`out × in`) and bias gradient.
    public func layer(_ k: Int) -> (weight: Matrix<T>, bias: [T]) {
        let inW = widths[k], outW = widths[k + 1], o = offset(ofLayer: k)
        return (Matrix(rows: outW, cols: inW, storage: Array(flat[o..<(o + inW * outW)])),
                Array(flat[(o + inW * outW)..<(o + inW * outW + outW)]))
    }

    /// Per-layer views (copies) of `flat`, input side first.
    public var layers: [(weight: Matrix<T>, bias: [T])] { (0..<(widths.count - 1)).map { layer($0) } }

    /// `‖∂L/∂θ‖₂`.
    public var norm: T { Vector.norm(flat) }

    public static func == (a: MLPGradient, b: MLPGradient) -> Bool {
        a.widths == b.widths && a.flat == b.flat && a.input == b.input
    }
}
