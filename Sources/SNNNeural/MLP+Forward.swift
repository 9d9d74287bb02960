import SNNLinalg

/// Batched forward passes.
extension MLP {
    /// Rows per block of the cache-free forward pass (bounds its memory for large inputs).
    static var inferenceBlockRows: Int { 8192 }

    /// `f(X)` for a batch `X` (n × d) → n × r, without keeping activations (inference, out-of-sample
    /// embedding). Works through blocks of rows so memory stays `O(block · max width)` for any n.
    /// PyTorch `model(x)`.
    /// - Complexity: O(n · Σ_k w_k w_{k+1}) in one GEMM per layer and block.
    public func forward(_ x: Matrix<T>) -> Matrix<T> {
        precondition(x.cols == inputCount, "input has \(x.cols) columns, the network expects \(inputCount)")
        let n = x.rows, r = outputCount
        var out = Matrix<T>(rows: n, cols: r)
        if n == 0 { return out }
        let block = Swift.min(n, Self.inferenceBlockRows)
        let maxWidth = widths.max()!
        var scratch = [T](repeating: 0, count: 2 * block * maxWidth)
        x.storage.withUnsafeBufferPointer { px in
            out.storage.withUnsafeMutableBufferPointer { po in
                scratch.withUnsafeMutableBufferPointer { ps in
                    var start = 0
                    while start < n {
                        let m = Swift.min(block, n - start)
                        var src = px.baseAddress! + start * inputCount
                        var which = 0
                        for k in layers.indices {
                            let last = k == layers.count - 1
                            let dst = last ? po.baseAddress! + start * r : ps.baseAddress! + which * block * maxWidth
                            applyLayer(k, rows: m, input: src, preActivation: dst, output: last ? nil : dst)
                            src = UnsafePointer(dst)
                            which ^= 1
                        }
                        start += m
                    }
                }
            }
        }
        return out
    }

    /// `f(X)`, keeping every layer's pre-activations and activations in `cache` for `backward`.
    /// The cache's buffer is reused when the batch size and architecture are unchanged.
    /// - Complexity: O(n · Σ_k w_k w_{k+1}) in one GEMM per layer.
    public func forward(_ x: Matrix<T>, cache: inout MLPCache<T>) -> Matrix<T> {
        precondition(x.cols == inputCount, "input has \(x.cols) columns, the network expects \(inputCount)")
        let n = x.rows
        cache.prepare(rows: n, widths: widths)
        cache.input = x
        if n == 0 { return Matrix(rows: 0, cols: outputCount) }
        let zOffsets = cache.preActivationOffsets, aOffsets = cache.activationOffsets, outOffset = cache.outputOffset
        x.storage.withUnsafeBufferPointer { px in
            cache.buffer.withUnsafeMutableBufferPointer { pb in
                let base = pb.baseAddress!
                var src = px.baseAddress!
                for k in layers.indices {
                    if k == layers.count - 1 {
                        applyLayer(k, rows: n, input: src, preActivation: base + outOffset, output: nil)
                    } else {
                        applyLayer(k, rows: n, input: src, preActivation: base + zOffsets[k], output: base + aOffsets[k])
                        src = UnsafePointer(base + aOffsets[k])
                    }
                }
            }
        }
        let count = n * outputCount
        return Matrix(rows: n, cols: outputCount, storage: Array(cache.buffer[outOffset..<(outOffset + count)]))
    }

    /// `Z = X W_kᵀ + b_k` into `preActivation`; when `output` is given, also `σ(Z)` into it (may alias `Z`).
    func applyLayer(_ k: Int, rows n: Int, input: UnsafePointer<T>, preActivation z: UnsafeMutablePointer<T>,
                    output a: UnsafeMutablePointer<T>?) {
        let layer = layers[k]
        let inW = layer.inputCount, outW = layer.outputCount
        layer.weight.storage.withUnsafeBufferPointer { pw in
            layer.bias.withUnsafeBufferPointer { pbias in
                T.gemm(transA: false, transB: true, m: n, n: outW, k: inW, alpha: 1, a: input, lda: inW,
                       b: pw.baseAddress!, ldb: inW, beta: 0, c: z, ldc: outW)
                if let a {
                    activation.addBiasAndApply(rows: n, cols: outW, bias: pbias.baseAddress!, preActivation: z, output: a)
                } else {
                    addRowBias(rows: n, cols: outW, bias: pbias.baseAddress!, z)
                }
            }
        }
    }
}

/// `z[i, :] += bias` for every row.
func addRowBias<T: LinalgScalar>(rows: Int, cols: Int, bias: UnsafePointer<T>, _ z: UnsafeMutablePointer<T>) {
    if T.self == Float.self {
        addRowBiasKernel(rows: rows, cols: cols, bias: rebound(bias, to: Float.self), rebound(z, to: Float.self))
    } else if T.self == Double.self {
        addRowBiasKernel(rows: rows, cols: cols, bias: rebound(bias, to: Double.self), rebound(z, to: Double.self))
    } else {
        addRowBiasKernel(rows: rows, cols: cols, bias: bias, z)
    }
}

@inline(__always)
private func addRowBiasKernel<T: LinalgScalar>(rows: Int, cols: Int, bias: UnsafePointer<T>, _ z: UnsafeMutablePointer<T>) {
    for i in 0..<rows {
        let row = z + i * cols
        for j in 0..<cols { row[j] += bias[j] }
    }
}
