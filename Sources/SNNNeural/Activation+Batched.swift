import SNNLinalg

/// Whole-buffer activation kernels used by the batched forward and backward passes: the `switch` is taken
/// once per call, not once per element, and Float/Double get specialized loops.
extension Activation {
    /// Slope of leaky ReLU for negative inputs (PyTorch `nn.LeakyReLU` default).
    public static let leakySlope = 0.01

    /// Elements from which the transcendental activations run on several cores.
    static let parallelThreshold = 32_768

    /// Adds `bias` to every row of the `rows × cols` pre-activations `z` (in place) and writes `σ(z)` to `a`
    /// (`a` may be `z`).
    /// - Complexity: O(rows · cols).
    public func addBiasAndApply<T: LinalgScalar>(rows: Int, cols: Int, bias: UnsafePointer<T>,
                                                  preActivation z: UnsafeMutablePointer<T>,
                                                  output a: UnsafeMutablePointer<T>) {
        // tanh and softplus cost a libm call per element: split the rows over the cores when the batch is large
        // (elementwise, so the result does not depend on the split).
        if self == .tanh || self == .softplus, rows * cols >= Self.parallelThreshold, rows > 1 {
            let (zs, as_) = (UncheckedSendable(z), UncheckedSendable(a))
            Parallel.forEachChunk(rows, minimumChunk: Swift.max(1, Self.parallelThreshold / (2 * cols))) { range in
                let offset = range.lowerBound * cols
                addBiasAndApplySerial(rows: range.count, cols: cols, bias: bias, z: zs.value + offset, a: as_.value + offset)
            }
        } else {
            addBiasAndApplySerial(rows: rows, cols: cols, bias: bias, z: z, a: a)
        }
    }

    private func addBiasAndApplySerial<T: LinalgScalar>(rows: Int, cols: Int, bias: UnsafePointer<T>,
                                                        z: UnsafeMutablePointer<T>, a: UnsafeMutablePointer<T>) {
        if T.self == Float.self {
            addBiasAndApplyKernel(rows: rows, cols: cols, bias: rebound(bias, to: Float.self),
                                  z: rebound(z, to: Float.self), a: rebound(a, to: Float.self))
        } else if T.self == Double.self {
            addBiasAndApplyKernel(rows: rows, cols: cols, bias: rebound(bias, to: Double.self),
                                  z: rebound(z, to: Double.self), a: rebound(a, to: Double.self))
        } else {
            addBiasAndApplyKernel(rows: rows, cols: cols, bias: bias, z: z, a: a)
        }
    }

    @inline(__always)
    private func addBiasAndApplyKernel<T: LinalgScalar>(rows: Int, cols: Int, bias: UnsafePointer<T>,
                                                        z: UnsafeMutablePointer<T>, a: UnsafeMutablePointer<T>) {
        let slope = T(Self.leakySlope)
        for i in 0..<rows {
            let zr = z + i * cols, ar = a + i * cols
            for j in 0..<cols { zr[j] += bias[j] }
            switch self {
            case .relu: for j in 0..<cols { let v = zr[j]; ar[j] = v > 0 ? v : 0 }
            case .leakyRelu: for j in 0..<cols { let v = zr[j]; ar[j] = v > 0 ? v : v * slope }
            case .tanh:
                if T.self == Float.self { for j in 0..<cols { ar[j] = Self.tanhThroughExp(zr[j]) } }
                else { for j in 0..<cols { ar[j] = T.tanh(zr[j]) } }
            case .softplus:
                for j in 0..<cols {
                    let v = zr[j]
                    ar[j] = v > 0 ? v + T.log1p(T.exp(-v)) : T.log1p(T.exp(v))
                }
            }
        }
    }

    /// `tanh x` from one `exp` (libm's `tanhf` is several times slower): `(1 − e)/(1 + e)`, `e = exp(−2|x|)`,
    /// and the odd Taylor series to x⁷ for |x| < 1/8, where the subtraction would cancel. Used for Float,
    /// within a few ulp of `tanhf`.
    @inline(__always)
    static func tanhThroughExp<T: LinalgScalar>(_ x: T) -> T {
        let ax = Swift.abs(x)
        let t: T
        if ax < 0.125 {
            let x2 = ax * ax
            t = ax * (1 + x2 * (T(-1.0 / 3) + x2 * (T(2.0 / 15) + x2 * T(-17.0 / 315))))
        } else {
            let e = T.exp(-2 * ax)
            t = (1 - e) / (1 + e)
        }
        return x < 0 ? -t : t
    }

    /// `g ← g ⊙ σ'(z)` elementwise over `count` entries, given the pre-activations `z` (and, for tanh, the
    /// outputs `a = σ(z)`, which saves recomputing `tanh`).
    /// - Complexity: O(count).
    public func multiplyByDerivative<T: LinalgScalar>(count: Int, gradient g: UnsafeMutablePointer<T>,
                                                       preActivation z: UnsafePointer<T>, output a: UnsafePointer<T>) {
        if self == .softplus, count >= 2 * Self.parallelThreshold {
            let gs = UncheckedSendable(g)
            Parallel.forEachChunk(count, minimumChunk: Self.parallelThreshold) { range in
                multiplyByDerivativeSerial(count: range.count, g: gs.value + range.lowerBound,
                                           z: z + range.lowerBound, a: a + range.lowerBound)
            }
        } else {
            multiplyByDerivativeSerial(count: count, g: g, z: z, a: a)
        }
    }

    private func multiplyByDerivativeSerial<T: LinalgScalar>(count: Int, g: UnsafeMutablePointer<T>,
                                                             z: UnsafePointer<T>, a: UnsafePointer<T>) {
        if T.self == Float.self {
            derivativeKernel(count: count, g: rebound(g, to: Float.self), z: rebound(z, to: Float.self), a: rebound(a, to: Float.self))
        } else if T.self == Double.self {
            derivativeKernel(count: count, g: rebound(g, to: Double.self), z: rebound(z, to: Double.self), a: rebound(a, to: Double.self))
        } else {
            derivativeKernel(count: count, g: g, z: z, a: a)
        }
    }

    @inline(__always)
    private func derivativeKernel<T: LinalgScalar>(count: Int, g: UnsafeMutablePointer<T>, z: UnsafePointer<T>, a: UnsafePointer<T>) {
        let slope = T(Self.leakySlope)
        switch self {
        // Multiplying by a 0/1 (or slope/1) factor keeps the loop branch-free and its store unconditional: a
        // branch would mispredict on the random sign pattern, and `g = z > 0 ? g : 0` is turned into a masked
        // store, which is microcoded (slow) on AMD processors.
        case .relu: for i in 0..<count { g[i] *= z[i] > 0 ? 1 : 0 }
        case .leakyRelu: for i in 0..<count { g[i] *= z[i] > 0 ? 1 : slope }
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
