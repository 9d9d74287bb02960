import SNNLinalg
import SNNGraph

/// The graph degree `d(x)` of any point, so that a model `f(x) = √(d(x)/d̄) · g_θ(x)` can carry the √degree factor
/// of the exact eigenvectors of `A = D^{-1/2} G D^{-1/2}` (WORKLOADS "What a smooth function can reach").
///
/// On the training points the exact degrees are used. A new point gets a smooth, consistent estimate: the mean
/// degree of the training points in its graph neighbourhood — those within the kernel's support `cutoff · ε` for
/// an ε-graph (its nearest training point when none is), its `k` nearest training points for a kNN graph.
/// (A point's own degree is a noisy count: measured on S² with ε = 0.35, using the raw kernel sum for new points
/// gave subspace error 0.11 against the continuum eigenfunctions {1, x, y, z}; the neighbourhood mean gives 0.02.)
public struct DegreeModel: Sendable, Equatable {
    public enum Rule: Sendable, Equatable {
        case epsilon(eps: Double, kernel: Kernel, selfLoops: Bool)
        case nearestNeighbors(k: Int)
    }

    public let rule: Rule
    /// The training points (raw coordinates), n × d.
    public let points: Matrix<Double>
    /// The exact degrees of the training points.
    public let degrees: [Double]
    /// Mean training degree `d̄`; the model's factor is `√(d/d̄)`, so that it is about 1.
    public var meanDegree: Double { degrees.reduce(0, +) / Double(max(1, degrees.count)) }

    public init(rule: Rule, points: Matrix<Double>, degrees: [Double]) {
        precondition(points.rows == degrees.count, "one degree per training point")
        self.rule = rule
        self.points = points
        self.degrees = degrees
    }

    /// Estimated degrees of new points (see the type's documentation).
    /// - Complexity: O(m·n·d) by blocked GEMM distances (m new points, n training points), plus O(m·n·k) selection.
    public func estimate(for queries: Matrix<Double>) -> [Double] {
        precondition(queries.cols == points.cols, "points have \(queries.cols) coordinates, the model was trained on \(points.cols)")
        let n = points.rows, m = queries.rows
        if m == 0 { return [] }
        let trainingNorms = (0..<n).map { i in (0..<points.cols).reduce(0.0) { $0 + points[i, $1] * points[i, $1] } }
        var result = [Double](repeating: 0, count: m)
        let block = 1024
        result.withUnsafeMutableBufferPointer { out in
            let writer = DisjointWriter(out.baseAddress!)
            for lo in stride(from: 0, to: m, by: block) {
                // One GEMM per block (OpenBLAS owns its threads), then the per-row selection in parallel.
                let hi = min(m, lo + block)
                let q = queries.rows(Array(lo..<hi))
                let products = Matrix.multiply(q, points, transposeB: true)   // (hi−lo) × n
                Parallel.forEachChunk(hi - lo, minimumChunk: 16) { rows in
                    var squared = [Double](repeating: 0, count: n)
                    for t in rows {
                        let qNorm = (0..<q.cols).reduce(0.0) { $0 + q[t, $1] * q[t, $1] }
                        for j in 0..<n { squared[j] = max(0, qNorm + trainingNorms[j] - 2 * products[t, j]) }
                        writer[lo + t] = value(squaredDistances: squared)
                    }
                }
            }
        }
        return result
    }

    private func value(squaredDistances squared: [Double]) -> Double {
        switch rule {
        case let .epsilon(eps, kernel, _):
            let radius = kernel.radius(eps: eps)
            var sum = 0.0, count = 0, nearest = 0
            for j in squared.indices {
                if squared[j] < squared[nearest] { nearest = j }
                if squared[j].squareRoot() <= radius { sum += degrees[j]; count += 1 }
            }
            return count > 0 ? sum / Double(count) : degrees[nearest]
        case let .nearestNeighbors(k):
            // the k smallest distances (ties by index) by insertion into a sorted list of k
            var best: [(d: Double, j: Int)] = []
            best.reserveCapacity(k + 1)
            for j in squared.indices {
                let d = squared[j]
                if best.count == k, let last = best.last, d >= last.d { continue }
                var at = best.count
                while at > 0 && best[at - 1].d > d { at -= 1 }
                best.insert((d, j), at: at)
                if best.count > k { best.removeLast() }
            }
            return best.reduce(0.0) { $0 + degrees[$1.j] } / Double(max(1, best.count))
        }
    }
}
