/// Sparse × dense products.
extension CSRMatrix {
    /// `Y ← α A X + β Y` for a dense row-major `X` (cols × k): SciPy `A @ X`. Parallel over row blocks.
    /// - Complexity: O(nnz · k).
    public func multiply(_ x: Matrix<Scalar>, alpha: Scalar = 1, beta: Scalar = 0, into y: inout Matrix<Scalar>) {
        precondition(x.rows == cols && y.rows == rows && y.cols == x.cols, "SpMM shapes do not agree")
        let k = x.cols
        if rows == 0 || k == 0 { return }
        rowPointers.withUnsafeBufferPointer { rp in
            columnIndices.withUnsafeBufferPointer { ci in
                values.withUnsafeBufferPointer { va in
                    x.storage.withUnsafeBufferPointer { px in
                        y.storage.withUnsafeMutableBufferPointer { py in
                            let out = DisjointWriter(py.baseAddress!)
                            let grain = Swift.max(256, 65536 / Swift.max(1, (nonzeroCount / Swift.max(1, rows)) * k))
                            Parallel.forEachChunk(rows, minimumChunk: grain) { range in
                                var acc = [Scalar](repeating: 0, count: k)
                                for i in range {
                                    for c in 0..<k { acc[c] = 0 }
                                    for p in rp[i]..<rp[i + 1] {
                                        let v = va[p], base = Int(ci[p]) * k
                                        for c in 0..<k { acc[c] += v * px[base + c] }
                                    }
                                    let o = i * k
                                    if beta == 0 { for c in 0..<k { out[o + c] = alpha * acc[c] } }
                                    else { for c in 0..<k { out[o + c] = alpha * acc[c] + beta * out[o + c] } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `A X` as a new matrix. - Complexity: O(nnz · k).
    public func multiply(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        var y = Matrix<Scalar>(rows: rows, cols: x.cols)
        multiply(x, into: &y)
        return y
    }

    /// `A x` for a vector. - Complexity: O(nnz).
    public func multiply(_ x: [Scalar]) -> [Scalar] {
        multiply(Matrix(rows: x.count, cols: 1, storage: x)).storage
    }
}
