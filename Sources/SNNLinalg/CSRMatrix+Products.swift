/// Sparse × dense products.
extension CSRMatrix {
    /// `Y ← α A X + β Y` for a dense row-major `X` (cols × k): SciPy `A @ X`. Parallel over row blocks.
    /// The row loop runs in code compiled for the concrete Float/Double type (a generic loop called from another
    /// module would run unspecialized, tens of times slower).
    /// - Complexity: O(nnz · k).
    public func multiply(_ x: Matrix<Scalar>, alpha: Scalar = 1, beta: Scalar = 0, into y: inout Matrix<Scalar>) {
        precondition(x.rows == cols && y.rows == rows && y.cols == x.cols, "SpMM shapes do not agree")
        let k = x.cols
        if rows == 0 || k == 0 { return }
        let grain = Swift.max(256, 65536 / Swift.max(1, (nonzeroCount / Swift.max(1, rows)) * k))
        rowPointers.withUnsafeBufferPointer { rp in
            columnIndices.withUnsafeBufferPointer { ci in
                values.withUnsafeBufferPointer { va in
                    x.storage.withUnsafeBufferPointer { px in
                        y.storage.withUnsafeMutableBufferPointer { py in
                            let rp = rp.baseAddress!, ci = ci.baseAddress!
                            if Scalar.self == Double.self {
                                let kernel = SpMMKernel<Double>(rowPointers: rp, columns: ci, values: Self.rebound(va.baseAddress!),
                                                                x: Self.rebound(px.baseAddress!), y: Self.rebound(py.baseAddress!),
                                                                k: k, alpha: Double(alpha), beta: Double(beta))
                                Parallel.forEachChunk(rows, minimumChunk: grain) { kernel.run($0) }
                            } else if Scalar.self == Float.self {
                                let kernel = SpMMKernel<Float>(rowPointers: rp, columns: ci, values: Self.rebound(va.baseAddress!),
                                                               x: Self.rebound(px.baseAddress!), y: Self.rebound(py.baseAddress!),
                                                               k: k, alpha: Float(alpha), beta: Float(beta))
                                Parallel.forEachChunk(rows, minimumChunk: grain) { kernel.run($0) }
                            } else {
                                let kernel = SpMMKernel<Scalar>(rowPointers: rp, columns: ci, values: va.baseAddress!,
                                                                x: px.baseAddress!, y: py.baseAddress!, k: k, alpha: alpha, beta: beta)
                                Parallel.forEachChunk(rows, minimumChunk: grain) { kernel.run($0) }
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always) private static func rebound<T, U>(_ p: UnsafePointer<T>) -> UnsafePointer<U> {
        UnsafeRawPointer(p).assumingMemoryBound(to: U.self)
    }

    @inline(__always) private static func rebound<T, U>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<U> {
        UnsafeMutableRawPointer(p).assumingMemoryBound(to: U.self)
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

/// The SpMM row loop over raw pointers; each chunk of rows writes only its own rows of `y`.
private struct SpMMKernel<T: LinalgScalar>: @unchecked Sendable {
    let rowPointers: UnsafePointer<Int>
    let columns: UnsafePointer<Int32>
    let values: UnsafePointer<T>
    let x: UnsafePointer<T>
    let y: UnsafeMutablePointer<T>
    let k: Int
    let alpha: T
    let beta: T

    @inline(__always) func run(_ range: Range<Int>) {
        let accumulator = UnsafeMutablePointer<T>.allocate(capacity: k)
        defer { accumulator.deallocate() }
        for i in range {
            accumulator.update(repeating: 0, count: k)
            for p in rowPointers[i]..<rowPointers[i + 1] {
                let v = values[p], base = Int(columns[p]) * k
                for c in 0..<k { accumulator[c] += v * x[base + c] }
            }
            let o = i * k
            if beta == 0 { for c in 0..<k { y[o + c] = alpha * accumulator[c] } }
            else { for c in 0..<k { y[o + c] = alpha * accumulator[c] + beta * y[o + c] } }
        }
    }
}
