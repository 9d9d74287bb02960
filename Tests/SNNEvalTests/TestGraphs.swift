import Foundation
import SNNLinalg
import SNNData
import SNNGraph

/// Small seeded graphs and matrices shared by the SNNEval tests.
enum TestGraphs {
    /// An n × c matrix of independent N(0, 1) entries.
    static func gaussian(rows: Int, cols: Int, seed: UInt64) -> Matrix<Double> {
        var g = SeededGenerator(seed: seed)
        return Matrix(rows: rows, cols: cols) { _, _ in g.normal() }
    }

    /// A random r × r orthogonal matrix (Q of a Gaussian matrix).
    static func orthogonal(_ r: Int, seed: UInt64) throws -> Matrix<Double> {
        try gaussian(rows: r, cols: r, seed: seed).qr().q
    }

    /// The normalized adjacency of the ε-graph of n uniform points on the unit sphere S² (ε = 0.5).
    static func sphere(n: Int = 400, eps: Double = 0.5, seed: UInt64 = 1) throws -> CSRMatrix<Double> {
        var points = gaussian(rows: n, cols: 3, seed: seed)
        for i in 0..<n {
            let s = (0..<3).reduce(0.0) { $0 + points[i, $1] * points[i, $1] }.squareRoot()
            for j in 0..<3 { points[i, j] /= s }
        }
        return try SimilarityGraph.epsilon(points, eps: eps).normalizedAdjacency()
    }

    /// The normalized adjacency of the ε-graph of n uniform points on the unit circle (ε = 0.2).
    static func circle(n: Int = 240, eps: Double = 0.2, seed: UInt64 = 2) throws -> CSRMatrix<Double> {
        var g = SeededGenerator(seed: seed)
        let points = Matrix<Double>(rows: n, cols: 2, storage: (0..<n).flatMap { _ -> [Double] in
            let t = g.uniform(0, 2 * Double.pi)
            return [cos(t), sin(t)]
        })
        return try SimilarityGraph.epsilon(points, eps: eps).normalizedAdjacency()
    }

    /// Three Gaussian blobs in R² (centres (0,0), (10,0), (0,10), standard deviation 1), n/3 points each, and
    /// their labels.
    static func blobs(n: Int = 300, seed: UInt64 = 3) -> (points: Matrix<Double>, labels: [Int]) {
        var g = SeededGenerator(seed: seed)
        let centres = [(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)]
        var storage: [Double] = [], labels: [Int] = []
        for i in 0..<n {
            let c = i % 3
            storage += [centres[c].0 + g.normal(), centres[c].1 + g.normal()]
            labels.append(c)
        }
        return (Matrix(rows: n, cols: 2, storage: storage), labels)
    }

    /// The normalized adjacency of the 10-NN graph (union) of three blobs.
    static func blobsGraph() throws -> CSRMatrix<Double> {
        try SimilarityGraph.knn(blobs().points, k: 10).normalizedAdjacency()
    }
}
