import SNNLinalg

/// Double-precision fast paths of the objective for the landscape diagnostics, which evaluate it tens of
/// thousands of times per run: the sparse product is written here for concrete `Double` (single-threaded,
/// contiguous rows), so it compiles to a specialized loop in this module instead of going through the generic
/// `CSRMatrix.multiply`.
extension SpectralObjective where Scalar == Double {
    /// `A X` (SciPy `A @ X`). - Complexity: O(nnz(A)·k).
    func product(_ x: Matrix<Double>) -> Matrix<Double> {
        let a = matrix
        precondition(x.rows == a.cols, "SpMM shapes do not agree")
        let k = x.cols, n = a.rows
        var y = Matrix<Double>(rows: n, cols: k)
        a.rowPointers.withUnsafeBufferPointer { rp in
            a.columnIndices.withUnsafeBufferPointer { ci in
                a.values.withUnsafeBufferPointer { va in
                    x.storage.withUnsafeBufferPointer { px in
                        y.storage.withUnsafeMutableBufferPointer { py in
                            for i in 0..<n {
                                let o = i * k
                                for p in rp[i]..<rp[i + 1] {
                                    let v = va[p], base = Int(ci[p]) * k
                                    for c in 0..<k { py[o + c] += v * px[base + c] }
                                }
                            }
                        }
                    }
                }
            }
        }
        return y
    }

    /// `ℓ(Y)` and `∇ℓ(Y) = 4(Y(YᵀY) − AY)`, as `lossAndGradient` computes them, on the Double fast path.
    /// - Complexity: O(nnz(A)·r + n·r²).
    func fastLossAndGradient(_ y: Matrix<Double>) -> (loss: Double, gradient: Matrix<Double>) {
        let s = y.gram()
        let ay = product(y)
        var gradient = Matrix.multiply(y, s, alpha: 4)
        gradient.add(ay, scaledBy: -4)
        return (fastLoss(gram: s, y: y, ay: ay), gradient)
    }

    /// `ℓ(Y)` on the Double fast path. - Complexity: O(nnz(A)·r + n·r²).
    func fastLoss(_ y: Matrix<Double>) -> Double {
        fastLoss(gram: y.gram(), y: y, ay: product(y))
    }

    private func fastLoss(gram s: Matrix<Double>, y: Matrix<Double>, ay: Matrix<Double>) -> Double {
        let gramSquared = Vector.dot(s.storage, s.storage)
        let trace = Vector.dot(y.storage, ay.storage)
        return gramSquared - 2 * trace + matrixFrobeniusSquared
    }
}
