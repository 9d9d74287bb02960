import SNNLinalg

/// The batched backward pass (reverse-mode differentiation written on GEMM).
extension MLP {
    /// `∂L/∂θ` (and optionally `∂L/∂X`) from `∂L/∂f(X)`, for the batch of the last `forward(_:cache:)`,
    /// written into `gradient` (resized if needed) without allocating.
    ///
    /// With `δ_m = ∂L/∂Y` and going down the layers: `∂L/∂W_k = δ_kᵀ A_{k−1}`, `∂L/∂b_k = δ_kᵀ 1`,
    /// `δ_{k−1} = (δ_k W_k) ⊙ σ'(Z_{k−1})`, where `A_{−1} = X`.
    /// - Parameters:
    ///   - outputGradient: `∂L/∂Y`, n × r, for the batch of the cache.
    ///   - cache: filled by `forward(_:cache:)` with this network's current parameters; its scratch space is used.
    ///   - gradient: receives the result.
    ///   - inputGradient: also compute `∂L/∂X` into `gradient.input` (one more GEMM and an allocation).
    /// - Complexity: O(n · Σ_k w_k w_{k+1}) in two GEMMs per layer (one for the first layer).
    public func backward(_ outputGradient: Matrix<T>, cache: inout MLPCache<T>, into gradient: inout MLPGradient<T>,
                         inputGradient: Bool = false) {
        let n = cache.rows, w = widths
        precondition(cache.widths == w, "the cache was filled by a network of widths \(cache.widths), not \(w)")
        precondition(outputGradient.rows == n && outputGradient.cols == outputCount,
                     "output gradient is \(outputGradient.rows)×\(outputGradient.cols), expected \(n)×\(outputCount)")
        gradient.prepare(widths: w)
        gradient.input = nil
        if n == 0 {
            gradient.flat.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            if inputGradient { gradient.input = Matrix(rows: 0, cols: inputCount) }
            return
        }
        let zOffsets = cache.preActivationOffsets, aOffsets = cache.activationOffsets
        let scratch = cache.scratchOffsets, onesOffset = cache.onesOffset
        let input = cache.input
        var inputResult: Matrix<T>? = nil
        outputGradient.storage.withUnsafeBufferPointer { pg in
            input.storage.withUnsafeBufferPointer { px in
                cache.buffer.withUnsafeMutableBufferPointer { pb in
                    gradient.flat.withUnsafeMutableBufferPointer { pf in
                        let base = pb.baseAddress!, flat = pf.baseAddress!, ones = UnsafePointer(base + onesOffset)
                        var delta = pg.baseAddress!
                        var which = 0
                        var offset = pf.count
                        for k in layers.indices.reversed() {
                            let inW = w[k], outW = w[k + 1]
                            offset -= inW * outW + outW
                            let previous = k == 0 ? px.baseAddress! : UnsafePointer(base + aOffsets[k - 1])
                            // ∂L/∂W_k = δᵀ A_{k−1}   (out × n)(n × in)
                            T.gemm(transA: true, transB: false, m: outW, n: inW, k: n, alpha: 1, a: delta, lda: outW,
                                   b: previous, ldb: inW, beta: 0, c: flat + offset, ldc: inW)
                            // ∂L/∂b_k = δᵀ 1
                            T.gemv(trans: true, m: n, n: outW, alpha: 1, a: delta, lda: outW, x: ones, beta: 0,
                                   y: flat + offset + inW * outW)
                            guard k > 0 || inputGradient else { continue }
                            // ∂L/∂A_{k−1} = δ W_k   (n × out)(out × in)
                            let next = base + scratch[which]
                            which ^= 1
                            layers[k].weight.storage.withUnsafeBufferPointer { pw in
                                T.gemm(transA: false, transB: false, m: n, n: inW, k: outW, alpha: 1, a: delta, lda: outW,
                                       b: pw.baseAddress!, ldb: inW, beta: 0, c: next, ldc: inW)
                            }
                            if k > 0 {
                                activation.multiplyByDerivative(count: n * inW, gradient: next,
                                                                preActivation: base + zOffsets[k - 1],
                                                                output: base + aOffsets[k - 1])
                            } else {
                                inputResult = Matrix(rows: n, cols: inW,
                                                     storage: Array(UnsafeBufferPointer(start: next, count: n * inW)))
                            }
                            delta = UnsafePointer(next)
                        }
                    }
                }
            }
        }
        gradient.input = inputResult
    }

    /// `∂L/∂θ` as a new gradient (allocating; training loops should use `backward(_:cache:into:)`).
    /// - Complexity: as `backward(_:cache:into:)`, plus copying the cache.
    public func backward(_ outputGradient: Matrix<T>, cache: MLPCache<T>, inputGradient: Bool = false) -> MLPGradient<T> {
        var scratchCache = cache
        var gradient = MLPGradient<T>(widths: widths)
        backward(outputGradient, cache: &scratchCache, into: &gradient, inputGradient: inputGradient)
        return gradient
    }
}
