import Foundation
import SNNLinalg

/// Similarity graphs of a point set as symmetric sparse matrices (`CSRMatrix<Double>`, sorted column indices),
/// the inputs of the normalized adjacency `A = D^{-1/2} G D^{-1/2}` (scikit-learn `radius_neighbors_graph`,
/// `kneighbors_graph` + symmetrization).
public enum SimilarityGraph {
    /// The ε-graph `G_ij = η(|x_i − x_j| / ε)` for `i ≠ j`, plus `G_ii = η(0) = 1` when `selfLoops`.
    ///
    /// An edge exists when `|x_i − x_j| ≤ kernel.radius(eps:)` (ε for the indicator, 3ε for the Gaussian), the
    /// boundary included; its weight is `kernel.weight(distance:eps:)`.
    /// - Parameters:
    ///   - points: `n × d` coordinates.
    ///   - eps: the scale ε, finite and > 0.
    ///   - kernel: `.indicator` (the paper's) or `.gaussian`.
    ///   - selfLoops: keep the diagonal `η(0)` (the paper's kernel matrix does).
    ///   - algorithm: neighbour search algorithm.
    /// - Throws: `GraphError.invalidPoints`, `GraphError.invalidParameter` (ε).
    /// - Complexity: one radius search plus O(n + nnz).
    public static func epsilon(_ points: Matrix<Double>, eps: Double, kernel: Kernel = .indicator, selfLoops: Bool = true,
                               algorithm: NeighborAlgorithm = .auto) throws -> CSRMatrix<Double> {
        try PointValidation.check(points)
        guard eps.isFinite && eps > 0 else {
            throw GraphError.invalidParameter("ε = \(eps) must be a finite positive number; choose ε > 0 (or --eps auto)")
        }
        let radius = kernel.radius(eps: eps)
        guard radius.isFinite else {
            throw GraphError.invalidParameter("ε = \(eps) is too large (the kernel radius overflows); choose a smaller ε")
        }
        let pairs = NeighborSearch.withinRadiusUnchecked(points, radius: radius, algorithm: algorithm)
        return assembleEpsilon(pairs, eps: eps, kernel: kernel, selfLoops: selfLoops)
    }

    /// The CSR of an ε-graph from its radius pairs (rows already sorted by index).
    static func assembleEpsilon(_ pairs: RadiusNeighbors, eps: Double, kernel: Kernel, selfLoops: Bool) -> CSRMatrix<Double> {
        let n = pairs.count
        let extra = selfLoops ? 1 : 0
        var rowPointers = [Int](repeating: 0, count: n + 1)
        for i in 0..<n { rowPointers[i + 1] = rowPointers[i] + (pairs.offsets[i + 1] - pairs.offsets[i]) + extra }
        let nnz = rowPointers[n]
        var columns = [Int32](repeating: 0, count: nnz)
        var values = [Double](repeating: 0, count: nnz)
        columns.withUnsafeMutableBufferPointer { cb in
            values.withUnsafeMutableBufferPointer { vb in
                let outC = DisjointWriter(cb.baseAddress!), outV = DisjointWriter(vb.baseAddress!)
                pairs.offsets.withUnsafeBufferPointer { off in
                    pairs.neighbors.withUnsafeBufferPointer { nb in
                        pairs.distances.withUnsafeBufferPointer { db in
                            rowPointers.withUnsafeBufferPointer { rp in
                                Parallel.forEachChunk(n, minimumChunk: 2048) { range in
                                    for i in range {
                                        var dst = rp[i]
                                        var placedSelf = !selfLoops
                                        for p in off[i]..<off[i + 1] {
                                            let j = nb[p]
                                            if !placedSelf && Int(j) > i {
                                                outC[dst] = Int32(i); outV[dst] = kernel.weight(distance: 0, eps: eps); dst += 1
                                                placedSelf = true
                                            }
                                            outC[dst] = j; outV[dst] = kernel.weight(distance: db[p], eps: eps); dst += 1
                                        }
                                        if !placedSelf { outC[dst] = Int32(i); outV[dst] = kernel.weight(distance: 0, eps: eps) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return makeCSR(n: n, rowPointers: rowPointers, columns: columns, values: values)
    }

    /// The kNN graph: `K_ij = w_ij` when `j` is among the `k` nearest neighbours of `i` (ties by index), then
    /// `G = max(K, Kᵀ)` (union, default) or the entrywise minimum (mutual: both must list each other).
    ///
    /// `w_ij = 1` for `.binary`; `exp(−|x_i − x_j|² / (σ_i σ_j))` for `.selftuning`, which is symmetric, so the
    /// union and intersection keep it unchanged. `selfLoops` adds `G_ii = 1`.
    /// - Throws: `GraphError.invalidPoints`, `GraphError.invalidParameter` (k; or a zero self-tuning scale σ_i,
    ///   which happens when a point has k or more exact duplicates).
    /// - Complexity: one kNN search plus O(n k log k).
    public static func knn(_ points: Matrix<Double>, k: Int, weights: KNNWeights = .binary, mutual: Bool = false,
                           selfLoops: Bool = false, algorithm: NeighborAlgorithm = .auto) throws -> CSRMatrix<Double> {
        let neighbors = try NeighborSearch.kNearest(points, k: k, algorithm: algorithm)
        return try assembleKNN(neighbors, weights: weights, mutual: mutual, selfLoops: selfLoops)
    }

    /// The symmetrized CSR of a kNN graph from its neighbour lists.
    /// - Throws: `GraphError.invalidParameter` when self-tuning weights meet a zero scale σ_i.
    public static func assembleKNN(_ nn: KNearestNeighbors, weights: KNNWeights, mutual: Bool, selfLoops: Bool) throws -> CSRMatrix<Double> {
        let n = nn.count, k = nn.k
        var sigma = [Double](repeating: 1, count: n)
        if weights == .selftuning {
            for i in 0..<n {
                sigma[i] = nn.distances[i * k + k - 1]
                if sigma[i] == 0 {
                    throw GraphError.invalidParameter(
                        "point \(i) has \(k) or more exact duplicates, so its self-tuning scale σ (distance to its k-th neighbour) is 0; " +
                        "choose k larger than the number of duplicates, remove duplicate points, or use binary weights")
                }
            }
        }
        // Out-lists sorted by index.
        var outIds = nn.indices
        var outDists = nn.distances
        outIds.withUnsafeMutableBufferPointer { ob in
            outDists.withUnsafeMutableBufferPointer { odb in
                let oi = DisjointWriter(ob.baseAddress!), od = DisjointWriter(odb.baseAddress!)
                Parallel.forEachChunk(n, minimumChunk: 2048) { range in
                    for i in range {
                        let base = i * k
                        // Insertion sort by index (k is small); distances move along.
                        for a in 1..<Swift.max(1, k) {
                            let id = oi[base + a], dv = od[base + a]
                            var b = a - 1
                            while b >= 0 && oi[base + b] > id {
                                oi[base + b + 1] = oi[base + b]; od[base + b + 1] = od[base + b]
                                b -= 1
                            }
                            oi[base + b + 1] = id; od[base + b + 1] = dv
                        }
                    }
                }
            }
        }
        // In-lists (the transpose), sorted by source index since sources are visited in order.
        var inOffsets = [Int](repeating: 0, count: n + 1)
        for t in outIds { inOffsets[Int(t) + 1] += 1 }
        for i in 0..<n { inOffsets[i + 1] += inOffsets[i] }
        var inIds = [Int32](repeating: 0, count: n * k)
        var inDists = [Double](repeating: 0, count: n * k)
        var next = inOffsets
        for i in 0..<n {
            for p in i * k..<(i + 1) * k {
                let j = Int(outIds[p])
                inIds[next[j]] = Int32(i); inDists[next[j]] = outDists[p]; next[j] += 1
            }
        }
        var rowPointers = [Int](repeating: 0, count: n + 1)
        var columns: [Int32] = []
        var values: [Double] = []
        outIds.withUnsafeBufferPointer { oi in
            outDists.withUnsafeBufferPointer { od in
                inIds.withUnsafeBufferPointer { ii in
                    inDists.withUnsafeBufferPointer { idist in
                        inOffsets.withUnsafeBufferPointer { io in
                            sigma.withUnsafeBufferPointer { sg in
                                // Pass 1 counts each row, pass 2 fills it; both merge the two sorted lists.
                                func merge(_ i: Int, _ emit: (Int32, Double) -> Void) {
                                    var a = i * k, b = io[i]
                                    let aEnd = a + k, bEnd = io[i + 1]
                                    var selfPending = selfLoops
                                    func weight(_ j: Int32, _ dist: Double) -> Double {
                                        weights == .binary ? 1 : Foundation.exp(-(dist * dist) / (sg[i] * sg[Int(j)]))
                                    }
                                    while a < aEnd || b < bEnd {
                                        let ja = a < aEnd ? oi[a] : Int32.max, jb = b < bEnd ? ii[b] : Int32.max
                                        let j = Swift.min(ja, jb)
                                        if selfPending && Int(j) > i { emit(Int32(i), 1); selfPending = false }
                                        if ja == jb {
                                            emit(j, weight(j, od[a])); a += 1; b += 1
                                        } else if ja < jb {
                                            if !mutual { emit(j, weight(j, od[a])) }
                                            a += 1
                                        } else {
                                            if !mutual { emit(j, weight(j, idist[b])) }
                                            b += 1
                                        }
                                    }
                                    if selfPending { emit(Int32(i), 1) }
                                }
                                rowPointers.withUnsafeMutableBufferPointer { rpb in
                                    let rp = DisjointWriter(rpb.baseAddress!)
                                    Parallel.forEachChunk(n, minimumChunk: 2048) { range in
                                        for i in range {
                                            var c = 0
                                            merge(i) { _, _ in c += 1 }
                                            rp[i + 1] = c
                                        }
                                    }
                                }
                                for i in 0..<n { rowPointers[i + 1] += rowPointers[i] }
                                columns = [Int32](repeating: 0, count: rowPointers[n])
                                values = [Double](repeating: 0, count: rowPointers[n])
                                rowPointers.withUnsafeBufferPointer { rp in
                                    columns.withUnsafeMutableBufferPointer { cb in
                                        values.withUnsafeMutableBufferPointer { vb in
                                            let outC = DisjointWriter(cb.baseAddress!), outV = DisjointWriter(vb.baseAddress!)
                                            Parallel.forEachChunk(n, minimumChunk: 2048) { range in
                                                for i in range {
                                                    var dst = rp[i]
                                                    merge(i) { j, w in outC[dst] = j; outV[dst] = w; dst += 1 }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return makeCSR(n: n, rowPointers: rowPointers, columns: columns, values: values)
    }

    /// Wraps arrays this module built to satisfy the CSR invariants.
    static func makeCSR(n: Int, rowPointers: [Int], columns: [Int32], values: [Double]) -> CSRMatrix<Double> {
        do {
            return try CSRMatrix(validating: n, cols: n, rowPointers: rowPointers, columnIndices: columns, values: values)
        } catch {
            preconditionFailure("SNNGraph built an invalid CSR structure: \(error)")
        }
    }
}
