import XCTest
import SNNLinalg
@testable import SNNData

/// Samplers: points lie on their manifolds, moments match the uniform (area) measure, embeddings are isometric,
/// seeds reproduce, and bad requests throw.
final class SamplerTests: XCTestCase {
    private func rowNorms(_ x: Matrix<Double>) -> [Double] {
        (0..<x.rows).map { i in (0..<x.cols).reduce(0) { $0 + x[i, $1] * x[i, $1] }.squareRoot() }
    }

    private func columnMeans(_ x: Matrix<Double>) -> [Double] {
        (0..<x.cols).map { j in x.column(j).reduce(0, +) / Double(x.rows) }
    }

    private func distance(_ x: Matrix<Double>, _ i: Int, _ j: Int) -> Double {
        (0..<x.cols).reduce(0) { $0 + (x[i, $1] - x[j, $1]) * (x[i, $1] - x[j, $1]) }.squareRoot()
    }

    func testSphereS2IsUnitNormWithZeroMeanAndIsotropicSecondMoments() throws {
        let n = 4000
        let s = try Sampler.sample(.sphere, SampleOptions(n: n, seed: 11))
        XCTAssertEqual(s.points.cols, 3)
        XCTAssertNil(s.labels)
        for r in rowNorms(s.points) { XCTAssertEqual(r, 1, accuracy: 1e-12) }
        // Uniform on S^m: E[x] = 0 and E[x_j²] = 1/(m+1); each coordinate has standard deviation ≤ 1.
        for mean in columnMeans(s.points) { XCTAssertLessThan(abs(mean), 4 / Double(n).squareRoot()) }
        for j in 0..<3 {
            let second = s.points.column(j).reduce(0) { $0 + $1 * $1 } / Double(n)
            XCTAssertEqual(second, 1.0 / 3, accuracy: 4 / Double(n).squareRoot())
        }
    }

    func testSphereInAnyDimension() throws {
        for m in [1, 2, 5, 17] {
            let n = 1500
            let s = try Sampler.sample(.sphere, SampleOptions(n: n, dimension: m, seed: UInt64(m)))
            XCTAssertEqual(s.points.shape.rows, n)
            XCTAssertEqual(s.points.cols, m + 1)
            for r in rowNorms(s.points) { XCTAssertEqual(r, 1, accuracy: 1e-12) }
            for mean in columnMeans(s.points) { XCTAssertLessThan(abs(mean), 4 / Double(n).squareRoot(), "S^\(m)") }
            let second = s.points.column(0).reduce(0) { $0 + $1 * $1 } / Double(n)
            XCTAssertEqual(second, 1 / Double(m + 1), accuracy: 4 / Double(n).squareRoot(), "S^\(m)")
        }
    }

    func testCirclePointsLieOnTheUnitCircleAtTheirAngles() throws {
        let s = try Sampler.sample(.circle, SampleOptions(n: 1000, seed: 3))
        let angles = try XCTUnwrap(s.parameters)
        XCTAssertEqual(s.points.cols, 2)
        for i in 0..<1000 {
            XCTAssertEqual(s.points[i, 0] * s.points[i, 0] + s.points[i, 1] * s.points[i, 1], 1, accuracy: 1e-12)
            XCTAssertEqual(s.points[i, 0], cos(angles[i, 0]), accuracy: 1e-15)
            XCTAssertTrue(angles[i, 0] >= 0 && angles[i, 0] < 2 * .pi)
        }
        for mean in columnMeans(s.points) { XCTAssertLessThan(abs(mean), 4 / 1000.0.squareRoot()) }
    }

    func testFlatTorusRowsAreOnBothUnitCircles() throws {
        let s = try Sampler.sample(.flatTorus, SampleOptions(n: 800, seed: 4))
        XCTAssertEqual(s.points.cols, 4)
        for i in 0..<800 {
            XCTAssertEqual(s.points[i, 0] * s.points[i, 0] + s.points[i, 1] * s.points[i, 1], 1, accuracy: 1e-12)
            XCTAssertEqual(s.points[i, 2] * s.points[i, 2] + s.points[i, 3] * s.points[i, 3], 1, accuracy: 1e-12)
        }
        let t3 = try Sampler.sample(.flatTorus, SampleOptions(n: 10, dimension: 3, seed: 4))
        XCTAssertEqual(t3.points.cols, 6)
        XCTAssertEqual(t3.parameters?.cols, 3)
    }

    func testStandardTorusSatisfiesItsEquationAndIsAreaUniform() throws {
        let n = 6000
        let (R, r) = (2.0, 1.0)
        let s = try Sampler.sample(.torus, SampleOptions(n: n, seed: 5))
        let angles = try XCTUnwrap(s.parameters)
        for i in 0..<n {
            let (x, y, z) = (s.points[i, 0], s.points[i, 1], s.points[i, 2])
            let rho = (x * x + y * y).squareRoot()
            XCTAssertEqual((rho - R) * (rho - R) + z * z, r * r, accuracy: 1e-12)
        }
        // Area-uniform: θ has density (R + r cos θ) / (2πR), so E[cos θ] = r / (2R) = 0.25 (uniform θ would give 0),
        // and φ is uniform, so E[cos φ] = 0. Both cosines have standard deviation ≤ 1.
        let tol = 4 / Double(n).squareRoot()
        XCTAssertEqual(angles.column(1).reduce(0) { $0 + cos($1) } / Double(n), r / (2 * R), accuracy: tol)
        XCTAssertEqual(angles.column(0).reduce(0) { $0 + cos($1) } / Double(n), 0, accuracy: tol)
    }

    func testSwissRollFollowsScikitLearnParametrization() throws {
        let s = try Sampler.sample(.swissroll, SampleOptions(n: 500, seed: 6))
        let p = try XCTUnwrap(s.parameters)
        for i in 0..<500 {
            let t = p[i, 0]
            XCTAssertTrue(t >= 1.5 * .pi && t < 4.5 * .pi)
            XCTAssertTrue(p[i, 1] >= 0 && p[i, 1] < 21)
            XCTAssertEqual(s.points[i, 0], t * cos(t), accuracy: 1e-12)
            XCTAssertEqual(s.points[i, 1], p[i, 1], accuracy: 0)
            XCTAssertEqual(s.points[i, 2], t * sin(t), accuracy: 1e-12)
        }
    }

    func testMoonsHaveTwoClassesOnTheirHalfCircles() throws {
        let s = try Sampler.sample(.moons, SampleOptions(n: 301, seed: 7))
        let labels = try XCTUnwrap(s.labels)
        XCTAssertEqual(labels.filter { $0 == 0 }.count, 150)
        XCTAssertEqual(labels.filter { $0 == 1 }.count, 151)
        for i in 0..<301 {
            let (x, y) = (s.points[i, 0], s.points[i, 1])
            if labels[i] == 0 {
                XCTAssertEqual(x * x + y * y, 1, accuracy: 1e-12); XCTAssertGreaterThanOrEqual(y, -1e-15)
            } else {
                XCTAssertEqual((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5), 1, accuracy: 1e-12)
                XCTAssertLessThanOrEqual(y, 0.5 + 1e-15)
            }
        }
        // Shuffled: the labels are not in two sorted runs.
        XCTAssertNotEqual(labels, labels.sorted())
    }

    func testBlobsHaveRequestedCountsAndSpread() throws {
        let (n, k, sigma) = (1003, 4, 0.5)
        let s = try Sampler.sample(.blobs, SampleOptions(n: n, dimension: 3, seed: 8, clusters: k, clusterStandardDeviation: sigma))
        let labels = try XCTUnwrap(s.labels)
        XCTAssertEqual(s.points.cols, 3)
        XCTAssertEqual((0..<k).map { c in labels.filter { $0 == c }.count }, [251, 251, 251, 250])
        // Within a cluster, each coordinate has variance σ²: the pooled within-cluster variance is σ² ± a few %.
        var sum = 0.0, count = 0
        for c in 0..<k {
            let rows = labels.indices.filter { labels[$0] == c }
            let cluster = s.points.rows(rows)
            let means = columnMeans(cluster)
            for i in 0..<cluster.rows { for j in 0..<3 { sum += (cluster[i, j] - means[j]) * (cluster[i, j] - means[j]) } }
            count += (cluster.rows - 1) * 3
        }
        XCTAssertEqual(sum / Double(count), sigma * sigma, accuracy: 0.1 * sigma * sigma)
    }

    func testAmbientEmbeddingPreservesPairwiseDistances() throws {
        let base = try Sampler.sample(.sphere, SampleOptions(n: 60, seed: 9))
        let embedded = try Sampler.sample(.sphere, SampleOptions(n: 60, ambient: 10, seed: 9))
        XCTAssertEqual(embedded.points.cols, 10)
        for i in 0..<60 { for j in 0..<60 {
            XCTAssertEqual(distance(embedded.points, i, j), distance(base.points, i, j), accuracy: 1e-10)
        } }
        for r in rowNorms(embedded.points) { XCTAssertEqual(r, 1, accuracy: 1e-12) }
        // A genuine rotation: the embedded points do not just sit in the first three coordinates.
        XCTAssertGreaterThan(embedded.points.columns(3..<10).frobeniusNorm, 1)
    }

    func testRandomOrthonormalColumnsAreOrthonormalAndHaarDistributed() {
        var rng = SeededGenerator(seed: 10)
        let q = Sampler.randomOrthonormalColumns(rows: 7, cols: 4, using: &rng)
        XCTAssertLessThan(q.gram().maxAbsDifference(.identity(4)), 1e-14)
        // Haar: every entry has mean 0 and E[q²] = 1/rows; the sign fix matters for the mean of the diagonal.
        let draws = 3000, rows = 5
        var diagonal = 0.0, squared = 0.0
        for _ in 0..<draws {
            let f = Sampler.randomOrthonormalColumns(rows: rows, cols: 2, using: &rng)
            diagonal += f[1, 1]
            squared += f[0, 1] * f[0, 1]
        }
        XCTAssertEqual(diagonal / Double(draws), 0, accuracy: 4 / Double(draws).squareRoot())
        XCTAssertEqual(squared / Double(draws), 1 / Double(rows), accuracy: 4 / Double(draws).squareRoot())
    }

    func testNoiseIsAddedInAmbientSpaceWithTheRequestedDeviation() throws {
        let clean = try Sampler.sample(.circle, SampleOptions(n: 2000, ambient: 5, seed: 12))
        let noisy = try Sampler.sample(.circle, SampleOptions(n: 2000, ambient: 5, noise: 0.1, seed: 12))
        let difference = noisy.points - clean.points
        let variance = difference.storage.reduce(0) { $0 + $1 * $1 } / Double(difference.storage.count)
        XCTAssertEqual(variance, 0.01, accuracy: 0.001)
        XCTAssertEqual(noisy.parameters, clean.parameters)
    }

    func testSameSeedSameBitsDifferentSeedDifferentPoints() throws {
        for manifold in Manifold.allCases {
            let a = try Sampler.sample(manifold, SampleOptions(n: 50, ambient: 8, noise: 0.01, seed: 42))
            let b = try Sampler.sample(manifold, SampleOptions(n: 50, ambient: 8, noise: 0.01, seed: 42))
            let c = try Sampler.sample(manifold, SampleOptions(n: 50, ambient: 8, noise: 0.01, seed: 43))
            XCTAssertEqual(a, b, "\(manifold)")
            XCTAssertNotEqual(a.points, c.points, "\(manifold)")
        }
    }

    func testInvalidRequestsThrowDescriptiveErrors() {
        XCTAssertThrowsError(try Sampler.sample(.sphere, SampleOptions(n: 10, ambient: 2))) { error in
            XCTAssertEqual(error as? SamplerError, .ambientTooSmall(manifold: .sphere, ambient: 2, native: 3))
            XCTAssertTrue("\(error)".contains("at least 3"))
        }
        XCTAssertThrowsError(try Sampler.sample(.flatTorus, SampleOptions(n: 10, dimension: 3, ambient: 5)))
        XCTAssertThrowsError(try Sampler.sample(.circle, SampleOptions(n: 0))) { error in
            XCTAssertEqual(error as? SamplerError, .invalidCount(n: 0, minimum: 1, manifold: .circle))
        }
        XCTAssertThrowsError(try Sampler.sample(.moons, SampleOptions(n: 1)))
        XCTAssertThrowsError(try Sampler.sample(.sphere, SampleOptions(n: 10, dimension: 0)))
        XCTAssertThrowsError(try Sampler.sample(.circle, SampleOptions(n: 10, dimension: 2))) { error in
            XCTAssertTrue("\(error)".contains("always has dimension 1"))
        }
        XCTAssertThrowsError(try Sampler.sample(.sphere, SampleOptions(n: 10, noise: -1)))
        XCTAssertThrowsError(try Sampler.sample(.sphere, SampleOptions(n: 10, noise: .nan)))
        XCTAssertThrowsError(try Sampler.sample(.blobs, SampleOptions(n: 3, clusters: 4))) { error in
            XCTAssertEqual(error as? SamplerError, .invalidClusters(clusters: 4, n: 3))
        }
        XCTAssertThrowsError(try Sampler.sample(.torus, SampleOptions(n: 3, majorRadius: 1, minorRadius: 1)))
        XCTAssertThrowsError(try Sampler.sample(.sphere, SampleOptions(n: Int.max / 2))) { error in
            guard case .tooLarge? = error as? SamplerError else { return XCTFail("\(error)") }
        }
    }
}
