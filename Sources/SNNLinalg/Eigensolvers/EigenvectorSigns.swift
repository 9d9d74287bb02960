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
