import SNNLinalg

/// Whole-buffer activation kernels used by the batched forward and backward passes: the `switch` is taken
/// once per call, not once per element, and Float/Double get specialized loops.
extension Activation {
    /// Slope of leaky ReLU for negative inputs (PyTorch `nn.LeakyReLU` default).
    public static let leakySlope = 0.01

    /// Adds `bias` to every row of the `rows × cols` pre-activations `z` (in place) and writes `σ(z)` to `a`.
    /// - Complexity: O(rows · cols).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func addBiasAndApply<T: LinalgScalar>(rows: Int, cols: Int, bias: UnsafePointer<T>,
                                                  preActivation z: UnsafeMutablePointer<T>,
                                                  output a: UnsafeMutablePointer<T>) {
        let slope = T(Self.leakySlope)
        for i in 0..<rows {
            let zr = z + i * cols, ar = a + i * cols
            for j in 0..<cols { zr[j] += bias[j] }
            switch self {
            case .relu: for j in 0..<cols { let v = zr[j]; ar[j] = v > 0 ? v : 0 }
            case .leakyRelu: for j in 0..<cols { let v = zr[j]; ar[j] = v > 0 ? v : v * slope }
            case .tanh: for j in 0..<cols { ar[j] = T.tanh(zr[j]) }
            case .softplus:
                for j in 0..<cols {
                    let v = zr[j]
                    ar[j] = v > 0 ? v + T.log1p(T.exp(-v)) : T.log1p(T.exp(v))
                }
            }
        }
    }

    /// `g ← g ⊙ σ'(z)` elementwise over `count` entries, given the pre-activations `z` (and, for tanh, the
    /// outputs `a = σ(z)`, which saves recomputing `tanh`).
    /// - Complexity: O(count).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func multiplyByDerivative<T: LinalgScalar>(count: Int, gradient g: UnsafeMutablePointer<T>,
                                                       preActivation z: UnsafePointer<T>, output a: UnsafePointer<T>) {
        let slope = T(Self.leakySlope)
        switch self {
        case .relu: for i in 0..<count where !(z[i] > 0) { g[i] = 0 }
        case .leakyRelu: for i in 0..<count where !(z[i] > 0) { g[i] *= slope }
        case .tanh: for i in 0..<count { let t = a[i]; g[i] *= 1 - t * t }
        case .softplus:
            // σ'(z) = logistic(z), evaluated without overflow on either side.
            for i in 0..<count {
                let v = z[i]
                if v >= 0 { g[i] *= 1 / (1 + T.exp(-v)) } else { let e = T.exp(v); g[i] *= e / (1 + e) }
            }
        }
    }

    /// `σ` applied to every element of a matrix (allocating).
    /// - Complexity: O(rows · cols).
    public func apply<T: LinalgScalar>(_ x: Matrix<T>) -> Matrix<T> {
        var z = x, out = x
        let bias = [T](repeating: 0, count: x.cols)
        z.storage.withUnsafeMutableBufferPointer { pz in
            out.storage.withUnsafeMutableBufferPointer { pa in
                bias.withUnsafeBufferPointer { pb in
                    guard let zb = pz.baseAddress, let ab = pa.baseAddress, let bb = pb.baseAddress else { return }
                    addBiasAndApply(rows: x.rows, cols: x.cols, bias: bb, preActivation: zb, output: ab)
                }
            }
        }
        return out
    }
}
