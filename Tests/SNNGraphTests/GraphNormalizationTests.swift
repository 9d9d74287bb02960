import XCTest
import SNNLinalg
@testable import SNNGraph

/// Normalized adjacency, lazy walk, Laplacian, components and validity checks.
final class GraphNormalizationTests: XCTestCase {
    func testNormalizedAdjacencyHasEigenvectorSqrtDegree() throws {
        let x = Naive.points(n: 400, d: 3, seed: 41)
        for g in [try SimilarityGraph.epsilon(x, eps: 0.7, kernel: .gaussian),
                  try SimilarityGraph.knn(x, k: 8, weights: .selftuning)] {
            let d = g.degrees()
            XCTAssertLessThan(zip(d, g.rowSums()).map { abs($0 - $1) }.max()!, 1e-12)
            let a = try g.normalizedAdjacency()
            XCTAssertTrue(a.isSymmetric(tolerance: 1e-15))
            let root = d.map { $0.squareRoot() }
            let image = a.multiply(root)
            for i in 0..<x.rows { XCTAssertEqual(image[i], root[i], accuracy: 1e-12 * root[i]) }
            // D^{-1/2} A D^{1/2} = D^{-1} G is row-stochastic, so every eigenvalue of A lies in [−1, 1].
            for i in 0..<x.rows {
                var s = 0.0
                for p in a.rowPointers[i]..<a.rowPointers[i + 1] {
                    XCTAssertGreaterThan(a.values[p], 0)
                    s += a.values[p] * root[Int(a.columnIndices[p])] / root[i]
                }
                XCTAssertEqual(s, 1, accuracy: 1e-12)
            }
        }
    }

    func testLazyAndLaplacianOnSmallGraph() throws {
        // Path 0–1–2 without self-loops: A = D^{-1/2} G D^{-1/2} with degrees (1, 2, 1).
        let g = CSRMatrix<Double>(dense: Matrix([[0, 1, 0], [1, 0, 1], [0, 1, 0]]))
        let a = try g.normalizedAdjacency()
        let h = 0.5.squareRoot()
        XCTAssertLessThan(a.toDense().maxAbsDifference(Matrix([[0, h, 0], [h, 0, h], [0, h, 0]])), 1e-15)
        XCTAssertLessThan(a.lazy().toDense().maxAbsDifference(Matrix([[0.5, h / 2, 0], [h / 2, 0.5, h / 2], [0, h / 2, 0.5]])), 1e-15)
        XCTAssertLessThan(try a.laplacian(scale: 0.5).toDense()
            .maxAbsDifference(Matrix([[4, -4 * h, 0], [-4 * h, 4, -4 * h], [0, -4 * h, 4]])), 1e-14)
        XCTAssertLessThan(try a.laplacian(scale: nil).toDense()
            .maxAbsDifference(Matrix([[1, -h, 0], [-h, 1, -h], [0, -h, 1]])), 1e-15)
        XCTAssertThrowsError(try a.laplacian(scale: 0))
        // With a stored diagonal, lazy() keeps one entry per diagonal position.
        let withLoops = CSRMatrix<Double>(dense: Matrix([[1, 1], [1, 1]]))
        let lazyLoops = try withLoops.normalizedAdjacency().lazy()
        XCTAssertEqual(lazyLoops.nonzeroCount, 4)
        XCTAssertLessThan(lazyLoops.toDense().maxAbsDifference(Matrix([[0.75, 0.25], [0.25, 0.75]])), 1e-15)
    }

    func testIsolatedVertexErrorNamesTheIndex() throws {
        var x = Naive.points(n: 50, d: 2, seed: 42)
        x[17, 0] = 100
        let g = try SimilarityGraph.epsilon(x, eps: 1, selfLoops: false)
        XCTAssertThrowsError(try g.normalizedAdjacency()) {
            guard case let .isolatedVertex(index, advice)? = $0 as? GraphError else { return XCTFail("\($0)") }
            XCTAssertEqual(index, 17)
            XCTAssertTrue(advice.contains("increase ε") && advice.contains(" k "), advice)
            XCTAssertTrue("\($0)".hasPrefix("point 17 has no neighbour"))
        }
    }

    func testThreeComponentsAreFound() throws {
        // Three clusters far apart, interleaved in the row order.
        var x = Naive.points(n: 90, d: 2, seed: 43)
        let centres = [0.0, 50, 100]
        var expectedLabels: [Int32] = []
        for i in 0..<x.rows {
            let c = [0, 1, 2, 1, 0, 2][i % 6]
            x[i, 0] += centres[c]
            expectedLabels.append(Int32([0, 1, 2][c]))
        }
        let g = try SimilarityGraph.knn(x, k: 5)
        let (count, labels, sizes) = g.connectedComponents()
        XCTAssertEqual(count, 3)
        XCTAssertEqual(labels, expectedLabels)
        XCTAssertEqual(sizes, [30, 30, 30])
        let warning = try XCTUnwrap(g.componentWarning())
        XCTAssertTrue(warning.contains("3 connected components (sizes 30, 30, 30)"), warning)
        XCTAssertNil(try SimilarityGraph.knn(Naive.points(n: 90, d: 2, seed: 44), k: 10).componentWarning())
    }

    func testValidateSimilarityGraph() throws {
        let good = try SimilarityGraph.knn(Naive.points(n: 60, d: 3, seed: 45), k: 4, weights: .selftuning)
        XCTAssertNoThrow(try good.validateSimilarityGraph())
        func message(_ m: CSRMatrix<Double>) -> String {
            do { try m.validateSimilarityGraph(); return "" } catch { return "\(error)" }
        }
        XCTAssertEqual(message(CSRMatrix(dense: Matrix([[0, 1], [0, 0]]))),
                       "invalid graph: not symmetric: G[0, 1] = 1.0 but G[1, 0] = 0.0; symmetrize it, e.g. (G + Gᵀ)/2 or max(G, Gᵀ)")
        XCTAssertEqual(message(CSRMatrix(dense: Matrix([[0, -1], [-1, 0]]))),
                       "invalid graph: entry (0, 1) is -1.0; weights must be non-negative")
        XCTAssertEqual(message(CSRMatrix(dense: Matrix([[0, .nan], [.nan, 0]]))),
                       "invalid graph: entry (0, 1) is nan; weights must be finite")
        XCTAssertTrue(message(CSRMatrix(dense: Matrix([[0, 1, 1], [1, 0, 1]]))).contains("must be square"))
        // Asymmetry below 1e-12 relative is accepted.
        XCTAssertNoThrow(try CSRMatrix(dense: Matrix([[0, 1], [1 + 1e-14, 0]])).validateSimilarityGraph())
    }
}
