import SNNLinalg

/// Degrees, normalization and the graph Laplacian of a similarity graph `G`.
extension CSRMatrix where Scalar == Double {
    /// The degrees `d_i = Σ_j G_ij` (NumPy `G.sum(axis=1)`). - Complexity: O(nnz).
    public func degrees() -> [Double] {
        var out = [Double](repeating: 0, count: rows)
        rowPointers.withUnsafeBufferPointer { rp in
            values.withUnsafeBufferPointer { va in
                out.withUnsafeMutableBufferPointer { ob in
                    let o = DisjointWriter(ob.baseAddress!)
                    Parallel.forEachChunk(rows, minimumChunk: 8192) { range in
                        for i in range {
                            var s = 0.0
                            for p in rp[i]..<rp[i + 1] { s += va[p] }
                            o[i] = s
                        }
                    }
                }
            }
        }
        return out
    }

    /// The normalized adjacency `A = D^{-1/2} G D^{-1/2}` (scikit-learn's `laplacian(normed=True)` is `I − A`):
    /// symmetric, spectrum in [−1, 1], top eigenvalue 1 with eigenvector ∝ `√d`.
    /// - Throws: `GraphError.isolatedVertex` naming the first vertex of zero degree (advice: a larger ε or k);
    ///   `GraphError.invalidGraph` for a negative or non-finite degree.
    /// - Complexity: O(nnz).
    public func normalizedAdjacency() throws -> CSRMatrix<Double> {
        precondition(rows == cols, "the normalized adjacency needs a square matrix")
        let d = degrees()
        var scale = [Double](repeating: 0, count: rows)
        for i in 0..<rows {
            if d[i] == 0 {
                throw GraphError.isolatedVertex(index: i, advice: "increase ε (ε-graph) or k (kNN graph) so that every point has a neighbour, or remove point \(i)")
            }
            guard d[i] > 0 && d[i].isFinite else {
                throw GraphError.invalidGraph("vertex \(i) has degree \(d[i]); similarity weights must be finite and non-negative")
            }
            scale[i] = 1 / d[i].squareRoot()
        }
        var out = self
        rowPointers.withUnsafeBufferPointer { rp in
            columnIndices.withUnsafeBufferPointer { ci in
                scale.withUnsafeBufferPointer { sc in
                    out.values.withUnsafeMutableBufferPointer { vb in
                        let v = DisjointWriter(vb.baseAddress!)
                        Parallel.forEachChunk(rows, minimumChunk: 8192) { range in
                            for i in range {
                                for p in rp[i]..<rp[i + 1] { v[p] = sc[i] * v[p] * sc[Int(ci[p])] }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The lazy walk `(I + A)/2`: same eigenvectors, eigenvalues `(1 + λ)/2` in [0, 1]. Adds diagonal entries
    /// where `A` has none. - Complexity: O(n + nnz).
    public func lazy() -> CSRMatrix<Double> {
        shiftedDiagonal(diagonal: 0.5, offDiagonal: 0.5)
    }

    /// The graph Laplacian `Δ = (I − A)/ε²` of a normalized adjacency `A` (`scale: nil` for kNN graphs: `I − A`).
    /// Its bottom eigenpairs are the top eigenpairs of `A`.
    /// - Throws: `GraphError.invalidParameter` when `eps` is not finite and positive.
    /// - Complexity: O(n + nnz).
    public func laplacian(scale eps: Double?) throws -> CSRMatrix<Double> {
        var factor = 1.0
        if let eps {
            guard eps.isFinite && eps > 0 else {
                throw GraphError.invalidParameter("the Laplacian scale ε = \(eps) must be finite and positive; pass the graph's ε, or nil for a kNN graph")
            }
            factor = 1 / (eps * eps)
        }
        return shiftedDiagonal(diagonal: factor, offDiagonal: -factor)
    }

    /// `diagonal · I + offDiagonal · self`, with every diagonal entry stored.
    private func shiftedDiagonal(diagonal alpha: Double, offDiagonal beta: Double) -> CSRMatrix<Double> {
        precondition(rows == cols, "needs a square matrix")
        var pointers = [Int](repeating: 0, count: rows + 1)
        for i in 0..<rows {
            let hasDiagonal = rowContains(i, column: i)
            pointers[i + 1] = pointers[i] + rowPointers[i + 1] - rowPointers[i] + (hasDiagonal ? 0 : 1)
        }
        var cols32 = [Int32](repeating: 0, count: pointers[rows])
        var vals = [Double](repeating: 0, count: pointers[rows])
        for i in 0..<rows {
            var dst = pointers[i]
            var placed = false
            for p in rowPointers[i]..<rowPointers[i + 1] {
                let j = Int(columnIndices[p])
                if !placed && j > i { cols32[dst] = Int32(i); vals[dst] = alpha; dst += 1; placed = true }
                cols32[dst] = columnIndices[p]
                vals[dst] = beta * values[p] + (j == i ? alpha : 0)
                if j == i { placed = true }
                dst += 1
            }
            if !placed { cols32[dst] = Int32(i); vals[dst] = alpha }
        }
        return SimilarityGraph.makeCSR(n: rows, rowPointers: pointers, columns: cols32, values: vals)
    }

    /// True when row `i` stores an entry in `column` (even an explicit zero).
    private func rowContains(_ i: Int, column: Int) -> Bool {
        var lo = rowPointers[i], hi = rowPointers[i + 1]
        let key = Int32(column)
        while lo < hi {
            let mid = (lo + hi) / 2
            if columnIndices[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo < rowPointers[i + 1] && columnIndices[lo] == key
    }
}
