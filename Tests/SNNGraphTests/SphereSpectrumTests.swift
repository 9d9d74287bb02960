import XCTest
import SNNLinalg
import SNNData
@testable import SNNGraph

/// The normalized adjacency of an ε-graph on S² has, as its top eigenvectors, the lowest spherical harmonics
/// {1, x, y, z} weighted by √degree (the first harmonics are eigenfunctions of every rotation-invariant kernel, so
/// the only error is sampling noise, which falls as ε grows: measured 0.083 at ε = 0.3, below 0.04 at ε = 0.8).
final class SphereSpectrumTests: XCTestCase {
    func testTopFourEigenvectorsSpanDegreeWeightedFirstHarmonics() throws {
        let points = try Sampler.sample(.sphere, SampleOptions(n: 3000, dimension: 2, seed: 11)).points
        let graph = try SimilarityGraph.epsilon(points, eps: 0.8)
        let a = try graph.normalizedAdjacency()
        let eigen = try topEigenpairs(of: a, count: 4, solver: .arpack)
        XCTAssertEqual(eigen.values[0], 1, accuracy: 1e-10)
        let degrees = graph.degrees()
        let basis = Matrix<Double>(rows: 3000, cols: 4) { i, j in degrees[i].squareRoot() * (j == 0 ? 1 : points[i, j - 1]) }
        let error = try Subspace.subspaceError(eigen.vectors, basis)
        XCTAssertLessThan(error, 0.05)
        // The trivial eigenvector is exactly ∝ √degree.
        let top = eigen.vectors.column(0)
        let norm = Vector.norm(degrees.map { $0.squareRoot() })
        for i in stride(from: 0, to: 3000, by: 97) { XCTAssertEqual(top[i], degrees[i].squareRoot() / norm, accuracy: 1e-8) }
    }
}
