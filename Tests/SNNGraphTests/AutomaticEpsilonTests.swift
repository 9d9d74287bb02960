import XCTest
import SNNLinalg
@testable import SNNGraph

/// The automatic ε connects the graph, and 0.99 of it does not.
final class AutomaticEpsilonTests: XCTestCase {
    func testConnectingEpsilonIsSmallestToOnePercent() throws {
        for (x, kernel) in [(Naive.points(n: 500, d: 3, seed: 51), Kernel.indicator),
                            (Naive.points(n: 300, d: 2, seed: 52), .gaussian),
                            (Naive.gridPoints(n: 200, d: 3, seed: 53), .indicator),
                            (Naive.points(n: 150, d: 20, seed: 54), .indicator)] {
            let (eps, connecting) = try SimilarityGraph.automaticEpsilon(x, kernel: kernel)
            XCTAssertEqual(eps, 1.2 * connecting)
            XCTAssertEqual(try SimilarityGraph.epsilon(x, eps: connecting, kernel: kernel).connectedComponents().count, 1)
            XCTAssertGreaterThan(try SimilarityGraph.epsilon(x, eps: 0.99 * connecting, kernel: kernel).connectedComponents().count, 1)
            // The exact connecting radius is the longest edge of the Euclidean minimum spanning tree.
            let r = minimumSpanningTreeBottleneck(x)
            XCTAssertLessThanOrEqual(r, kernel.radius(eps: connecting))
            XCTAssertGreaterThan(r, kernel.radius(eps: connecting) / 1.0101)
        }
    }

    func testSeparatedClustersNeedTheGap() throws {
        // Two clusters 10 apart along x: the connecting ε is the closest distance between them.
        var x = Naive.points(n: 80, d: 2, seed: 55)
        for i in 40..<80 { x[i, 0] += 10 }
        let (_, connecting) = try SimilarityGraph.automaticEpsilon(x, safetyFactor: 1)
        let gap = (0..<40).flatMap { i in (40..<80).map { Naive.distance(x, i, $0) } }.min()!
        XCTAssertLessThanOrEqual(gap, connecting)
        XCTAssertGreaterThan(gap * 1.0101, connecting)
    }

    func testDegenerateInputsThrow() {
        XCTAssertThrowsError(try SimilarityGraph.automaticEpsilon(Matrix<Double>(rows: 4, cols: 2, repeating: 3))) {
            guard case .invalidPoints? = $0 as? GraphError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try SimilarityGraph.automaticEpsilon(Matrix([[1.0, 2.0]])))
        XCTAssertThrowsError(try SimilarityGraph.automaticEpsilon(Naive.points(n: 10, d: 2, seed: 56), safetyFactor: 0.5))
    }

    /// Prim's algorithm on the complete graph: the longest edge of the Euclidean MST.
    private func minimumSpanningTreeBottleneck(_ x: Matrix<Double>) -> Double {
        let n = x.rows
        var best = [Double](repeating: .infinity, count: n), inTree = [Bool](repeating: false, count: n)
        best[0] = 0
        var longest = 0.0
        for _ in 0..<n {
            var u = -1
            for v in 0..<n where !inTree[v] && (u < 0 || best[v] < best[u]) { u = v }
            inTree[u] = true
            longest = max(longest, best[u])
            for v in 0..<n where !inTree[v] { best[v] = min(best[v], Naive.distance(x, u, v)) }
        }
        return longest
    }
}
