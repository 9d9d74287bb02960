import XCTest
import SNNLinalg
@testable import SNNEval

/// k-means, ARI, NMI, accuracy and the Hungarian assignment against scikit-learn values, brute force and
/// analytic cases.
final class ClusteringTests: XCTestCase {
    func testSeparatedBlobsAreRecoveredExactly() throws {
        let (points, labels) = TestGraphs.blobs()
        let result = try KMeans(clusters: 3).fit(points, seed: 4)
        XCTAssertEqual(try ClusteringScores.adjustedRandIndex(labels, result.labels), 1.0)
        XCTAssertEqual(try ClusteringScores.normalizedMutualInformation(labels, result.labels), 1.0, accuracy: 1e-14)
        XCTAssertEqual(try ClusteringScores.clusteringAccuracy(labels, result.labels), 1.0)
        // The inertia is the within-cluster sum of squares of the true partition.
        var inertia = 0.0
        for c in 0..<3 {
            let members = (0..<points.rows).filter { labels[$0] == c }
            for j in 0..<2 {
                let mean = members.reduce(0.0) { $0 + points[$1, j] } / Double(members.count)
                inertia += members.reduce(0.0) { $0 + (points[$1, j] - mean) * (points[$1, j] - mean) }
            }
        }
        XCTAssertEqual(result.inertia, inertia, accuracy: 1e-9 * inertia)
        XCTAssertEqual(try KMeans(clusters: 3).fit(points, seed: 4), result, "same seed, same result")
    }

    func testOneClusterInertiaIsTheTotalScatter() throws {
        let x = TestGraphs.gaussian(rows: 50, cols: 3, seed: 8)
        let result = try KMeans(clusters: 1, restarts: 2).fit(x, seed: 1)
        var total = 0.0
        for j in 0..<3 {
            let column = x.column(j), mean = column.reduce(0, +) / 50
            total += column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        }
        XCTAssertEqual(result.inertia, total, accuracy: 1e-10)
        XCTAssertEqual(Set(result.labels), [0])
    }

    func testRowNormalizationClustersByDirection() throws {
        // Two rays from the origin at very different radii: plain k-means splits by radius, NJW by direction.
        var rows: [[Double]] = []
        var truth: [Int] = []
        for i in 0..<40 {
            let radius = i % 2 == 0 ? 0.1 : 100.0
            let direction = (i / 2) % 2
            rows.append(direction == 0 ? [radius, radius * 0.01] : [radius * 0.01, radius])
            truth.append(direction)
        }
        let x = Matrix(rows)
        let normalized = try KMeans(clusters: 2, normalizeRows: true).fit(x, seed: 2)
        XCTAssertEqual(try ClusteringScores.adjustedRandIndex(truth, normalized.labels), 1.0)
        let plain = try KMeans(clusters: 2).fit(x, seed: 2)
        XCTAssertLessThan(try ClusteringScores.adjustedRandIndex(truth, plain.labels), 0.5)
    }

    func testKMeansSettingsAreValidated() {
        let x = TestGraphs.gaussian(rows: 5, cols: 2, seed: 1)
        XCTAssertThrowsError(try KMeans(clusters: 6).fit(x)) { error in
            XCTAssertEqual(error as? EvalError, .invalidSetting("k-means with k = 6 clusters needs 1 ≤ k ≤ n = 5; choose a k in that range"))
        }
        XCTAssertThrowsError(try KMeans(clusters: 0).fit(x))
        XCTAssertThrowsError(try KMeans(clusters: 2, restarts: 0).fit(x))
        var bad = x
        bad[0, 0] = .nan
        XCTAssertThrowsError(try KMeans(clusters: 2).fit(bad))
    }

    func testScoresMatchScikitLearn() throws {
        // Reference values from scikit-learn 1.x:
        // python3 -c "from sklearn.metrics import adjusted_rand_score as ari, normalized_mutual_info_score as nmi;
        //   print(repr(ari(a, b)), repr(nmi(a, b)))" for each pair (a, b) below; accuracy from
        //   c = sklearn.metrics.cluster.contingency_matrix(a, b); r, k = scipy.optimize.linear_sum_assignment(-c);
        //   c[r, k].sum() / len(a)
        let cases: [(a: [Int], b: [Int], ari: Double, nmi: Double, accuracy: Double?)] = [
            ([0, 0, 1, 1, 2, 2], [0, 0, 1, 2, 2, 2], 0.4444444444444444, 0.7396673768007592, 0.8333333333333334),
            ([0, 0, 0, 1, 1, 1, 2, 2, 2, 2], [1, 1, 0, 0, 0, 2, 2, 2, 2, 1], 0.20454545454545456, 0.44270128334605, 0.7),
            ([1, 1, 1, 1], [0, 0, 1, 1], 0.0, 0.0, 0.5),
            ([0, 1, 2, 3], [0, 0, 0, 0], 0.0, 0.0, 0.25),
            ([0, 0, 1, 1, 1, 2, 2, 2, 2], [5, 5, 5, 7, 7, 7, 9, 9, -1], 0.16101694915254236, 0.5367711798457159, 0.6666666666666666),
        ]
        for c in cases {
            XCTAssertEqual(try ClusteringScores.adjustedRandIndex(c.a, c.b), c.ari, accuracy: 1e-14, "\(c.a) \(c.b)")
            XCTAssertEqual(try ClusteringScores.normalizedMutualInformation(c.a, c.b), c.nmi, accuracy: 1e-14, "\(c.a) \(c.b)")
            if let accuracy = c.accuracy {
                XCTAssertEqual(try ClusteringScores.clusteringAccuracy(c.a, c.b), accuracy, accuracy: 1e-14, "\(c.a) \(c.b)")
            }
        }
        // Both labelings one cluster: scikit-learn returns 1 for both scores.
        XCTAssertEqual(try ClusteringScores.adjustedRandIndex([3, 3, 3], [7, 7, 7]), 1)
        XCTAssertEqual(try ClusteringScores.normalizedMutualInformation([3, 3, 3], [7, 7, 7]), 1)
    }

    func testPermutedLabelsScoreOne() throws {
        let truth = (0..<60).map { $0 % 5 }
        let permutation = [3, 0, 4, 1, 2]
        let predicted = truth.map { permutation[$0] + 10 }
        XCTAssertEqual(try ClusteringScores.clusteringAccuracy(truth, predicted), 1)
        XCTAssertEqual(try ClusteringScores.adjustedRandIndex(truth, predicted), 1)
        XCTAssertEqual(try ClusteringScores.normalizedMutualInformation(truth, predicted), 1, accuracy: 1e-14)
    }

    func testScoresRejectMismatchedLabelings() {
        XCTAssertThrowsError(try ClusteringScores.adjustedRandIndex([0, 1], [0])) { error in
            XCTAssertEqual(error as? EvalError, .mismatch("there are 2 labels but 1 predicted clusters; the labels must have one entry per point"))
        }
        XCTAssertThrowsError(try ClusteringScores.clusteringAccuracy([], []))
    }

    func testHungarianMatchesBruteForce() {
        func permutations(_ k: Int) -> [[Int]] {
            if k == 0 { return [[]] }
            return permutations(k - 1).flatMap { p in (0...p.count).map { i in var q = p; q.insert(k - 1, at: i); return q } }
        }
        for (seed, k) in [(1, 1), (2, 2), (3, 4), (4, 5), (5, 6), (6, 6)] {
            var cost = TestGraphs.gaussian(rows: k, cols: k, seed: UInt64(seed))
            if seed == 6 { for i in 0..<k { for j in 0..<k { cost[i, j] = Double(Int(abs(cost[i, j]) * 2)) } } }  // ties
            let assignment = Hungarian.assignment(cost: cost)
            XCTAssertEqual(Set(assignment).count, k)
            let total = (0..<k).reduce(0.0) { $0 + cost[$1, assignment[$1]] }
            let best = permutations(k).map { p in (0..<k).reduce(0.0) { $0 + cost[$1, p[$1]] } }.min()!
            XCTAssertEqual(total, best, accuracy: 1e-12, "k = \(k)")
        }
        // Rectangular: 2 rows, 4 columns.
        let rect = Matrix([[5.0, 1, 9, 9], [1, 5, 9, 0.5]])
        XCTAssertEqual(Hungarian.assignment(cost: rect), [1, 3])
    }
}
