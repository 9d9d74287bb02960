/// Flips columns so that in each the entry of largest magnitude is positive (the first such entry on ties):
/// scikit-learn's `_deterministic_vector_sign_flip`. - Complexity: O(rows · cols).
func applyDeterministicSigns(_ v: inout Matrix<Double>) {
    let n = v.rows, k = v.cols
    v.storage.withUnsafeMutableBufferPointer { p in
        for j in 0..<k {
            var best = 0, bestAbs = -1.0
            for i in 0..<n where abs(p[i * k + j]) > bestAbs { bestAbs = abs(p[i * k + j]); best = i }
            if p[best * k + j] < 0 { for i in 0..<n { p[i * k + j] = -p[i * k + j] } }
        }
    }
}

/// `‖A u_k − λ_k u_k‖₂` for each column `u_k`. - Complexity: O(nnz · r).
func eigenResiduals(_ a: CSRMatrix<Double>, values: [Double], vectors: Matrix<Double>) -> [Double] {
    var av = a.multiply(vectors)
    let k = vectors.cols
    for i in 0..<vectors.rows { for j in 0..<k { av.storage[i * k + j] -= values[j] * vectors.storage[i * k + j] } }
    return av.columnNorms()
}

extension CSRMatrix where Scalar == Double {
    /// `y ← A x` for raw buffers (the ARPACK operator), parallel over row blocks. - Complexity: O(nnz).
    func multiplyVector(_ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>) {
        precondition(x.count == cols && y.count == rows)
        let out = DisjointWriter(y.baseAddress!), input = UncheckedSendable(x)
        rowPointers.withUnsafeBufferPointer { rp in
            columnIndices.withUnsafeBufferPointer { ci in
                values.withUnsafeBufferPointer { va in
                    Parallel.forEachChunk(rows, minimumChunk: 4096) { range in
                        let px = input.value
                        for i in range {
                            var s = 0.0
                            for p in rp[i]..<rp[i + 1] { s += va[p] * px[Int(ci[p])] }
                            out[i] = s
                        }
                    }
                }
            }
        }
    }
}
