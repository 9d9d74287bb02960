import SNNData
import SNNLinalg
import Foundation

/// O(n²) definitions the fast code is checked against, and the test point sets.
enum Naive {
    /// `Σ_c (a_c − b_c)²` in coordinate order (the definition of the squared distance).
    static func squaredDistance(_ x: Matrix<Double>, _ i: Int, _ j: Int) -> Double {
        var s = 0.0
        for c in 0..<x.cols { let t = x[i, c] - x[j, c]; s += t * t }
        return s
    }

    static func distance(_ x: Matrix<Double>, _ i: Int, _ j: Int) -> Double { squaredDistance(x, i, j).squareRoot() }

    /// The k nearest (by squared distance, then index) of every point, itself excluded.
    static func kNearest(_ x: Matrix<Double>, k: Int) -> (indices: [Int32], distances: [Double]) {
        var idx: [Int32] = [], dist: [Double] = []
        for i in 0..<x.rows {
            var pairs: [(Double, Int)] = []
            for j in 0..<x.rows where j != i { pairs.append((squaredDistance(x, i, j), j)) }
            let sorted = pairs.sorted { (a: (Double, Int), b: (Double, Int)) -> Bool in a.0 < b.0 || (a.0 == b.0 && a.1 < b.1) }
            for (s, j) in sorted.prefix(k) { idx.append(Int32(j)); dist.append(s.squareRoot()) }
        }
        return (idx, dist)
    }

    /// For every point, the j ≠ i with `|x_i − x_j| ≤ r`, by index.
    static func withinRadius(_ x: Matrix<Double>, radius r: Double) -> [[Int]] {
        (0..<x.rows).map { i in (0..<x.rows).filter { $0 != i && distance(x, i, $0) <= r } }
    }

    /// Gaussian normal points, with a share of rows copied from earlier rows (exact duplicates).
    static func points(n: Int, d: Int, seed: UInt64, duplicateShare: Double = 0.1) -> Matrix<Double> {
        var rng = SeededGenerator(seed: seed)
        var x = Matrix<Double>(rows: n, cols: d) { _, _ in rng.normal() }
        for i in 1..<n where rng.uniform() < duplicateShare {
            let src = rng.integer(below: i)
            for c in 0..<d { x[i, c] = x[src, c] }
        }
        return x
    }

    /// Points on a small integer grid `{0, 1, 2, 3}^d` (many duplicates and many exactly tied distances).
    static func gridPoints(n: Int, d: Int, seed: UInt64) -> Matrix<Double> {
        var rng = SeededGenerator(seed: seed)
        return Matrix(rows: n, cols: d) { _, _ in Double(rng.integer(below: 4)) }
    }

    /// Dense matrix equality to a relative tolerance.
    static func maxDifference(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double { a.maxAbsDifference(b) }
}
