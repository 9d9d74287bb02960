import XCTest
import Foundation
import SNNLinalg
@testable import SNNGraph

/// ε- and kNN graphs against their dense definitions.
final class SimilarityGraphTests: XCTestCase {
    private let sets: [(String, Matrix<Double>)] = [
        ("normal d=2", Naive.points(n: 160, d: 2, seed: 31)),
        ("grid d=3", Naive.gridPoints(n: 150, d: 3, seed: 32)),
        ("normal d=8", Naive.points(n: 140, d: 8, seed: 33)),
        ("normal d=20", Naive.points(n: 120, d: 20, seed: 34)),
    ]

    /// Dense ε-graph straight from `G_ij = η(|x_i − x_j| / ε)`.
    private func denseEpsilon(_ x: Matrix<Double>, eps: Double, kernel: Kernel, selfLoops: Bool) -> Matrix<Double> {
        Matrix(rows: x.rows, cols: x.rows) { i, j in
            if i == j { return selfLoops ? 1 : 0 }
            let r = Naive.distance(x, i, j)
            switch kernel {
            case .indicator: return r <= eps ? 1 : 0
            case .gaussian: return r <= 3 * eps ? exp(-0.5 * (r / eps) * (r / eps)) : 0
            }
        }
    }

    /// Dense kNN graph: directed K, then max(K, Kᵀ) or min(K, Kᵀ).
    private func denseKNN(_ x: Matrix<Double>, k: Int, weights: KNNWeights, mutual: Bool, selfLoops: Bool) -> Matrix<Double> {
        let n = x.rows
        let nn = Naive.kNearest(x, k: k)
        let sigma = (0..<n).map { nn.distances[$0 * k + k - 1] }
        var directed = Matrix<Double>(rows: n, cols: n)
        for i in 0..<n {
            for t in 0..<k {
                let j = Int(nn.indices[i * k + t]), r = nn.distances[i * k + t]
                directed[i, j] = weights == .binary ? 1 : exp(-(r * r) / (sigma[i] * sigma[j]))
            }
        }
        return Matrix(rows: n, cols: n) { i, j in
            if i == j { return selfLoops ? 1 : 0 }
            return mutual ? min(directed[i, j], directed[j, i]) : max(directed[i, j], directed[j, i])
        }
    }

    private func assertSymmetricSorted(_ g: CSRMatrix<Double>, _ message: String) {
        XCTAssertTrue(g.isSymmetric(), message)
        // Re-validating checks sorted unique column indices.
        XCTAssertNoThrow(try CSRMatrix(validating: g.rows, cols: g.cols, rowPointers: g.rowPointers,
                                       columnIndices: g.columnIndices, values: g.values), message)
        XCTAssertFalse(g.values.contains(0), message)
    }

    func testEpsilonGraphEqualsDefinition() throws {
        for (name, x) in sets {
            let scale = Double(x.cols).squareRoot()
            for eps in [0.35 * scale, 0.6 * scale] {
                for kernel in Kernel.allCases {
                    for selfLoops in [true, false] {
                        for algorithm in [NeighborAlgorithm.kdtree, .brute] {
                            let g = try SimilarityGraph.epsilon(x, eps: eps, kernel: kernel, selfLoops: selfLoops, algorithm: algorithm)
                            let label = "\(name) ε=\(eps) \(kernel) selfLoops=\(selfLoops) \(algorithm)"
                            XCTAssertLessThanOrEqual(g.toDense().maxAbsDifference(denseEpsilon(x, eps: eps, kernel: kernel, selfLoops: selfLoops)),
                                                     1e-15, label)
                            assertSymmetricSorted(g, label)
                        }
                    }
                }
            }
        }
    }

    func testEpsilonGraphOnGridIncludesBoundary() throws {
        // Unit-spaced 1-D grid with ε = 1: each interior point has exactly its two neighbours.
        let x = Matrix<Double>(rows: 5, cols: 1) { i, _ in Double(i) }
        let g = try SimilarityGraph.epsilon(x, eps: 1, selfLoops: false)
        XCTAssertEqual(g.rowPointers, [0, 1, 3, 5, 7, 8])
        XCTAssertEqual(g.columnIndices, [1, 0, 2, 1, 3, 2, 4, 3])
        XCTAssertEqual(g.degrees(), [1, 2, 2, 2, 1])
    }

    func testKNNGraphEqualsDefinition() throws {
        for (name, x) in sets {
            for k in [1, 6] {
                for weights in KNNWeights.allCases {
                    let nn = Naive.kNearest(x, k: k)
                    if weights == .selftuning && (0..<x.rows).contains(where: { nn.distances[$0 * k + k - 1] == 0 }) {
                        // A point with k duplicates has σ = 0: the weights are undefined and the build must say so.
                        XCTAssertThrowsError(try SimilarityGraph.knn(x, k: k, weights: weights), "\(name) k=\(k)")
                        continue
                    }
                    for mutual in [false, true] {
                        for selfLoops in [false, true] {
                            let expected = denseKNN(x, k: k, weights: weights, mutual: mutual, selfLoops: selfLoops)
                            for algorithm in [NeighborAlgorithm.kdtree, .brute] {
                                let label = "\(name) k=\(k) \(weights) mutual=\(mutual) selfLoops=\(selfLoops) \(algorithm)"
                                let g = try SimilarityGraph.knn(x, k: k, weights: weights, mutual: mutual, selfLoops: selfLoops,
                                                                algorithm: algorithm)
                                XCTAssertLessThanOrEqual(g.toDense().maxAbsDifference(expected), 1e-15, label)
                                assertSymmetricSorted(g, label)
                            }
                        }
                    }
                }
            }
        }
    }

    func testKNNUnionHasAtLeastKAndMutualAtMostKNeighbours() throws {
        let x = Naive.points(n: 200, d: 3, seed: 35)
        let union = try SimilarityGraph.knn(x, k: 5)
        let mutual = try SimilarityGraph.knn(x, k: 5, mutual: true)
        for i in 0..<x.rows {
            XCTAssertGreaterThanOrEqual(union.rowPointers[i + 1] - union.rowPointers[i], 5)
            XCTAssertLessThanOrEqual(mutual.rowPointers[i + 1] - mutual.rowPointers[i], 5)
        }
        XCTAssertLessThan(mutual.nonzeroCount, union.nonzeroCount)
    }

    func testSelfTuningWithZeroScaleThrows() {
        var x = Naive.points(n: 20, d: 2, seed: 36)
        for c in 0..<2 { x[7, c] = x[3, c]; x[9, c] = x[3, c] }
        XCTAssertThrowsError(try SimilarityGraph.knn(x, k: 2, weights: .selftuning)) {
            guard case let .invalidParameter(message)? = $0 as? GraphError else { return XCTFail("\($0)") }
            XCTAssertTrue(message.hasPrefix("point 3 has 2 or more exact duplicates"), message)
        }
        XCTAssertNoThrow(try SimilarityGraph.knn(x, k: 3, weights: .selftuning))
    }

    func testGraphParametersAreValidated() {
        let x = Naive.points(n: 10, d: 2, seed: 37)
        for eps in [0.0, -1, .infinity, .nan] {
            XCTAssertThrowsError(try SimilarityGraph.epsilon(x, eps: eps)) {
                guard case let .invalidParameter(m)? = $0 as? GraphError else { return XCTFail("\($0)") }
                XCTAssertTrue(m.contains("choose ε > 0"), m)
            }
        }
        XCTAssertThrowsError(try SimilarityGraph.knn(x, k: 10))
        XCTAssertThrowsError(try SimilarityGraph.knn(x, k: 0))
    }
}
