import SNNLinalg

/// Connectivity and validity checks of a similarity graph.
extension CSRMatrix where Scalar == Double {
    /// Connected components of the graph whose edges are the stored non-zero entries (SciPy
    /// `connected_components(directed=False)`), labelled 0, 1, … in order of each component's smallest vertex.
    /// - Returns: the number of components, a label per vertex, and the size of each component.
    /// - Complexity: O(n + nnz · α(n)).
    public func connectedComponents() -> (count: Int, labels: [Int32], sizes: [Int]) {
        precondition(rows == cols, "components need a square matrix")
        var sets = UnionFind(rows)
        for i in 0..<rows {
            for p in rowPointers[i]..<rowPointers[i + 1] where values[p] != 0 {
                sets.union(i, Int(columnIndices[p]))
            }
        }
        var labelOfRoot = [Int32](repeating: -1, count: rows)
        var labels = [Int32](repeating: 0, count: rows)
        var sizes: [Int] = []
        for i in 0..<rows {
            let r = sets.find(i)
            if labelOfRoot[r] < 0 { labelOfRoot[r] = Int32(sizes.count); sizes.append(0) }
            labels[i] = labelOfRoot[r]
            sizes[Int(labelOfRoot[r])] += 1
        }
        return (sizes.count, labels, sizes)
    }

    /// A one-paragraph warning when the graph has several connected components (the eigenvalue 1 of `A` then
    /// repeats once per component), listing the component sizes largest first; `nil` for a connected graph.
    /// - Complexity: O(n + nnz · α(n)).
    public func componentWarning() -> String? {
        let (count, _, sizes) = connectedComponents()
        guard count > 1 else { return nil }
        let sorted = sizes.sorted(by: >)
        let shown = sorted.prefix(10).map(String.init).joined(separator: ", ")
        let more = count > 10 ? ", … (\(count - 10) more)" : ""
        return "warning: the graph has \(count) connected components (sizes \(shown)\(more)); the eigenvalue 1 of the normalized adjacency repeats \(count) times and its eigenvectors only separate the components — increase ε or k to connect the graph"
    }

    /// Checks that this is a valid similarity graph: square, every entry finite and non-negative, symmetric to
    /// 1e-12 relative to the largest entry.
    /// - Throws: `GraphError.invalidGraph` naming the first offending entry.
    /// - Complexity: O(n + nnz).
    public func validateSimilarityGraph() throws {
        guard rows == cols else { throw GraphError.invalidGraph("the matrix is \(rows) × \(cols); a similarity graph must be square") }
        var largest = 0.0
        for i in 0..<rows {
            for p in rowPointers[i]..<rowPointers[i + 1] {
                let v = values[p]
                guard v.isFinite else {
                    throw GraphError.invalidGraph("entry (\(i), \(columnIndices[p])) is \(v); weights must be finite")
                }
                guard v >= 0 else {
                    throw GraphError.invalidGraph("entry (\(i), \(columnIndices[p])) is \(v); weights must be non-negative")
                }
                largest = Swift.max(largest, v)
            }
        }
        let tolerance = 1e-12 * largest
        let t = transposed()
        for i in 0..<rows {
            var a = rowPointers[i], b = t.rowPointers[i]
            let aEnd = rowPointers[i + 1], bEnd = t.rowPointers[i + 1]
            while a < aEnd || b < bEnd {
                let ja = a < aEnd ? columnIndices[a] : Int32.max, jb = b < bEnd ? t.columnIndices[b] : Int32.max
                let j = Swift.min(ja, jb)
                let va = ja == j ? values[a] : 0, vb = jb == j ? t.values[b] : 0
                if abs(va - vb) > tolerance {
                    throw GraphError.invalidGraph("not symmetric: G[\(i), \(j)] = \(va) but G[\(j), \(i)] = \(vb); symmetrize it, e.g. (G + Gᵀ)/2 or max(G, Gᵀ)")
                }
                if ja == j { a += 1 }
                if jb == j { b += 1 }
            }
        }
    }
}
