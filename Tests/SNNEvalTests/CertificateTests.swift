import XCTest
import SNNLinalg
@testable import SNNEval

/// The a-posteriori certificate: its Davis–Kahan bound is at least the true `‖sin Θ‖_F` (from a dense
/// eigendecomposition) on three graphs and trial subspaces of several qualities; the Lanczos estimate of
/// `λ_{r+1}` against exact spectra; poor subspaces are not certified.
final class CertificateTests: XCTestCase {
    /// Checks the bound on `graph` for the exact top-r eigenvectors and for noisy versions of them, rotated and
    /// scaled like network outputs. Noise up to `certifiedNoise` must be certified.
    private func checkBound(_ a: CSRMatrix<Double>, r: Int, certifiedNoise: Double, name: String) throws {
        let n = a.rows
        let exact = try a.toDense().symmetricEigen()
        let u = exact.vectors.columns(0..<r)
        let lambdaNext = exact.values[r]
        let rotation = try TestGraphs.orthogonal(r, seed: 11)
        for (index, noise) in [0.0, 1e-4, 1e-3, 1e-2, 1e-1, 0.3].enumerated() {
            var y = u
            let g = TestGraphs.gaussian(rows: n, cols: r, seed: 100 + UInt64(index))
            y.add(g, scaledBy: noise / Double(n).squareRoot())
            // Y O diag(√λ): the same span as the noisy eigenvectors, shaped like network outputs.
            y = Matrix.multiply(y, rotation)
            for j in 0..<r { for i in 0..<n { y[i, j] *= exact.values[j].squareRoot() } }
            let angles = try Subspace.principalAngles(y, u)
            let truth = Vector.norm(angles.map { sin($0) })
            let certificate = try Certificate(trial: y, matrix: a)
            XCTAssertGreaterThanOrEqual(certificate.upperBoundNextEigenvalue, lambdaNext - 1e-10,
                                        "\(name), noise \(noise): ν must bound λ_{r+1}")
            if noise <= certifiedNoise {
                XCTAssertTrue(certificate.certified, "\(name), noise \(noise): gap \(certificate.gap)")
            }
            if let bound = certificate.bound {
                XCTAssertGreaterThanOrEqual(bound + 1e-12, truth, "\(name), noise \(noise)")
                XCTAssertEqual(certificate.subspaceErrorBound!, bound / Double(r).squareRoot(), accuracy: 1e-15)
                // ν is a tight estimate of λ_{r+1}: the bound is within 10 % of the one with the exact gap.
                let exactGapBound = certificate.residualNorm / (certificate.ritzValues[r - 1] - lambdaNext)
                if noise <= certifiedNoise { XCTAssertLessThan(bound, 1.1 * exactGapBound, "\(name), noise \(noise)") }
            }
            if noise == 0 { XCTAssertLessThan(certificate.bound ?? 1, 1e-10, name) }
        }
    }

    func testBoundHoldsOnSphereEpsilonGraph() throws {
        try checkBound(TestGraphs.sphere(), r: 4, certifiedNoise: 1e-2, name: "S² ε-graph, r = 4")
    }

    func testBoundHoldsOnCircleEpsilonGraph() throws {
        try checkBound(TestGraphs.circle(), r: 3, certifiedNoise: 1e-2, name: "circle ε-graph, r = 3")
    }

    func testBoundHoldsOnBlobsKNNGraph() throws {
        try checkBound(TestGraphs.blobsGraph(), r: 3, certifiedNoise: 1e-2, name: "3 blobs kNN graph, r = 3")
    }

    func testIngredientsMatchTheirDefinitions() throws {
        let a = try TestGraphs.circle(n: 120)
        let y = TestGraphs.gaussian(rows: 120, cols: 3, seed: 5)
        let c = try Certificate(trial: y, matrix: a, lanczosSteps: 30, seed: 9)
        // Ritz vectors: orthonormal, spanning span(Y), Ritz values their Rayleigh quotients in descending order.
        XCTAssertLessThan(c.ritzVectors.gram().maxAbsDifference(.identity(3)), 1e-12)
        XCTAssertLessThan(try Subspace.subspaceError(c.ritzVectors, y), 1e-12)
        let au = a.multiply(c.ritzVectors)
        for k in 0..<3 {
            XCTAssertEqual(Vector.dot(c.ritzVectors.column(k), au.column(k)), c.ritzValues[k], accuracy: 1e-12)
            var r = au.column(k)
            Vector.axpy(-c.ritzValues[k], c.ritzVectors.column(k), &r)
            XCTAssertEqual(Vector.norm(r), c.residualColumnNorms[k], accuracy: 1e-12)
        }
        XCTAssertEqual(c.ritzValues, c.ritzValues.sorted(by: >))
        XCTAssertEqual(c.residualNorm, Vector.norm(c.residualColumnNorms), accuracy: 1e-12)
        XCTAssertEqual(c.lanczos.steps, 30)
        XCTAssertEqual(c.upperBoundNextEigenvalue, c.lanczos.topRitzValue + c.lanczos.residualBound)
        XCTAssertEqual(c.gap, c.ritzValues[2] - c.upperBoundNextEigenvalue)
        // A random subspace is far from the top eigenspace: its complement holds λ_1 = 1, so no certificate.
        XCTAssertFalse(c.certified)
        XCTAssertNil(c.bound)
        XCTAssertGreaterThan(c.upperBoundNextEigenvalue, 0.99)
        // Same seed, same result.
        XCTAssertEqual(try Certificate(trial: y, matrix: a, lanczosSteps: 30, seed: 9), c)
    }

    func testDeflatedLanczosOnAKnownSpectrum() throws {
        // A = Q diag(λ) Qᵀ with λ = 1, 0.9, …; deflating the top 2 eigenvectors leaves λ_3 = 0.8 on top.
        let n = 30
        let q = try TestGraphs.orthogonal(n, seed: 21)
        let lambda = (0..<n).map { 1 - 0.1 * Double($0) }
        var scaled = q
        for j in 0..<n { for i in 0..<n { scaled[i, j] *= lambda[j] } }
        let a = CSRMatrix(dense: Matrix.multiply(scaled, q, transposeB: true))
        let top = q.columns(0..<2)
        // Enough steps to span the whole complement: exact (breakdown or n − r steps).
        let full = try DeflatedLanczos(matrix: a, deflating: top, steps: 100, seed: 1)
        XCTAssertLessThanOrEqual(full.steps, n - 2)
        XCTAssertEqual(full.topRitzValue, 0.8, accuracy: 1e-10)
        XCTAssertLessThan(full.residualBound, 1e-8)
        // A few steps: θ ≤ λ_3 (interlacing) and θ + |β s| ≥ λ_3 here.
        let few = try DeflatedLanczos(matrix: a, deflating: top, steps: 4, seed: 1)
        XCTAssertEqual(few.steps, 4)
        XCTAssertLessThanOrEqual(few.topRitzValue, 0.8 + 1e-12)
        XCTAssertGreaterThanOrEqual(few.upperBound, 0.8)
        XCTAssertThrowsError(try DeflatedLanczos(matrix: a, deflating: top, steps: 0, seed: 1))
    }

    func testSizeErrorsSayWhatToChange() throws {
        let a = try TestGraphs.circle(n: 60)
        XCTAssertThrowsError(try Certificate(trial: Matrix(rows: 59, cols: 2, repeating: 1), matrix: a)) { error in
            XCTAssertEqual(error as? EvalError, .mismatch("the trial subspace has 59 rows but the graph has 60 vertices; "
                + "pass the embedding of the graph's own points"))
        }
        XCTAssertThrowsError(try Certificate(trial: TestGraphs.gaussian(rows: 60, cols: 60, seed: 1), matrix: a)) { error in
            XCTAssertEqual(error as? EvalError, .invalidSetting("the certificate needs 1 ≤ r < n, got r = 60 for n = 60"))
        }
        XCTAssertThrowsError(try Certificate(trial: Matrix(rows: 60, cols: 2, repeating: 1), matrix: a)) { error in
            XCTAssertTrue(error is LinalgError, "\(error)")
        }
    }
}
