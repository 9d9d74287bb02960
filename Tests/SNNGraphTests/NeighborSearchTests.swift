import XCTest
import SNNLinalg
@testable import SNNGraph

/// k-d tree and brute force against the O(n²) definition, including duplicates and exact ties.
final class NeighborSearchTests: XCTestCase {
    /// Point sets: random with duplicates, and integer grids, in d = 1, 2, 3, 8, 20.
    private var cases: [(name: String, x: Matrix<Double>)] {
        var out: [(String, Matrix<Double>)] = []
        for (t, d) in [1, 2, 3, 8, 20].enumerated() {
            out.append(("normal d=\(d)", Naive.points(n: 300, d: d, seed: UInt64(10 + t))))
            out.append(("grid d=\(d)", Naive.gridPoints(n: 250, d: d, seed: UInt64(20 + t))))
        }
        return out
    }

    func testKNearestMatchesDefinitionForBothAlgorithms() throws {
        for (name, x) in cases {
            for k in [1, 7] {
                let expected = Naive.kNearest(x, k: k)
                for algorithm in NeighborAlgorithm.allCases {
                    let got = try NeighborSearch.kNearest(x, k: k, algorithm: algorithm)
                    XCTAssertEqual(got.k, k)
                    XCTAssertEqual(got.indices, expected.indices, "\(name) k=\(k) \(algorithm)")
                    XCTAssertEqual(got.distances, expected.distances, "\(name) k=\(k) \(algorithm)")
                }
            }
        }
    }

    func testBruteForceTilingMatchesDefinition() {
        // Blocks and tiles smaller than n, so every boundary case of the tiling runs.
        let x = Naive.points(n: 157, d: 5, seed: 3, duplicateShare: 0.3)
        let brute = BruteForceSearch(x, queryBlock: 20, pointTile: 33)
        let expected = Naive.kNearest(x, k: 9)
        let got = brute.kNearestAll(k: 9)
        XCTAssertEqual(got.indices, expected.indices)
        XCTAssertEqual(got.distances, expected.distances)
        let r = 1.3
        let pairs = brute.withinRadiusAll(radius: r)
        XCTAssertEqual((0..<x.rows).map { i in pairs.neighbors(of: i).map(\.index) }, Naive.withinRadius(x, radius: r))
    }

    func testBruteForceIsExactDespiteCancellation() throws {
        // Far from the origin and tightly clustered: ‖x‖² + ‖y‖² − 2x·y loses every digit of the distances.
        var x = Naive.points(n: 120, d: 3, seed: 4)
        for i in 0..<x.rows { for c in 0..<3 { x[i, c] = 1e6 + 1e-4 * x[i, c] } }
        let expected = Naive.kNearest(x, k: 5)
        let got = try NeighborSearch.kNearest(x, k: 5, algorithm: .brute)
        XCTAssertEqual(got.indices, expected.indices)
        XCTAssertEqual(got.distances, expected.distances)
    }

    func testWithinRadiusMatchesDefinitionForBothAlgorithms() throws {
        for (name, x) in cases {
            // Radii at exact grid distances (1, √2, 2) hit the boundary on many pairs.
            for r in [1.0, 2.0.squareRoot(), 2.0, 0.5 * Double(x.cols).squareRoot()] {
                let expected = Naive.withinRadius(x, radius: r)
                for algorithm in NeighborAlgorithm.allCases {
                    let got = try NeighborSearch.withinRadius(x, radius: r, algorithm: algorithm)
                    XCTAssertEqual(got.count, x.rows)
                    for i in 0..<x.rows {
                        let row = got.neighbors(of: i)
                        XCTAssertEqual(row.map(\.index), expected[i], "\(name) r=\(r) \(algorithm) row \(i)")
                        for (j, dist) in row { XCTAssertEqual(dist, Naive.distance(x, i, j)) }
                    }
                }
            }
        }
    }

    func testTinyAndAllEqualPointSets() throws {
        let same = Matrix<Double>(rows: 6, cols: 2, repeating: 1.5)
        for algorithm in NeighborAlgorithm.allCases {
            let got = try NeighborSearch.kNearest(same, k: 5, algorithm: algorithm)
            XCTAssertEqual(got.indices, Naive.kNearest(same, k: 5).indices)
            XCTAssertEqual(got.distances, [Double](repeating: 0, count: 30))
            let pairs = try NeighborSearch.withinRadius(same, radius: 1e-300, algorithm: algorithm)
            XCTAssertEqual(pairs.neighbors.count, 30)
        }
        let two = Matrix([[0.0], [3.0]])
        let got = try NeighborSearch.kNearest(two, k: 1, algorithm: .kdtree)
        XCTAssertEqual(got.indices, [1, 0])
        XCTAssertEqual(got.distances, [3, 3])
    }

    func testLargerSetUsesSeveralTreeLevelsAndChunks() throws {
        let x = Naive.points(n: 1500, d: 3, seed: 5)
        let tree = try NeighborSearch.kNearest(x, k: 4, algorithm: .kdtree)
        let brute = try NeighborSearch.kNearest(x, k: 4, algorithm: .brute)
        XCTAssertEqual(tree, brute)
        XCTAssertGreaterThan(KDTree(x).levels, 5)
    }

    func testInvalidInputsThrowWithAdvice() {
        let x = Naive.points(n: 10, d: 2, seed: 6)
        XCTAssertThrowsError(try NeighborSearch.kNearest(x, k: 0)) {
            XCTAssertEqual($0 as? GraphError, .invalidParameter("k = 0 must be at least 1; choose a number of neighbours k ≥ 1"))
        }
        XCTAssertThrowsError(try NeighborSearch.kNearest(x, k: 10)) {
            XCTAssertEqual($0 as? GraphError, .invalidParameter("k = 10 must be smaller than the number of points n = 10; choose k ≤ 9"))
        }
        XCTAssertThrowsError(try NeighborSearch.withinRadius(x, radius: 0))
        XCTAssertThrowsError(try NeighborSearch.withinRadius(x, radius: .nan))
        var bad = x
        bad[3, 1] = .nan
        XCTAssertThrowsError(try NeighborSearch.kNearest(bad, k: 2)) {
            XCTAssertEqual($0 as? GraphError,
                           .invalidPoints("row 3, column 1 is nan; remove or impute non-finite coordinates"))
        }
        XCTAssertThrowsError(try NeighborSearch.kNearest(Matrix<Double>(rows: 0, cols: 2), k: 1)) {
            guard case .invalidPoints = $0 as? GraphError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try NeighborSearch.kNearest(Matrix<Double>(rows: 5, cols: 0), k: 1)) {
            guard case .invalidPoints = $0 as? GraphError else { return XCTFail("\($0)") }
        }
    }

    func testAutoChoosesTreeInLowDimensionsOnly() {
        XCTAssertEqual(NeighborAlgorithm.auto.resolved(points: 10_000, dimension: 3), .kdtree)
        XCTAssertEqual(NeighborAlgorithm.auto.resolved(points: 10_000, dimension: 64), .brute)
        XCTAssertEqual(NeighborAlgorithm.auto.resolved(points: 20, dimension: 2), .brute)
        XCTAssertEqual(NeighborAlgorithm.brute.resolved(points: 10_000, dimension: 3), .brute)
    }
}
