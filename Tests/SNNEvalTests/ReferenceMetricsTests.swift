import XCTest
import Foundation
import SNNLinalg
@testable import SNNEval

/// Reference metrics on hand-computed cases: a known rotation gives zero errors, orthogonal spans give angles
/// π/2, scaled eigenvalues give the scale as relative error, degenerate clusters are named.
final class ReferenceMetricsTests: XCTestCase {
    private let n = 40
    private var basis: Matrix<Double>!   // n × 5 orthonormal

    override func setUpWithError() throws {
        basis = try TestGraphs.gaussian(rows: n, cols: 5, seed: 31).qr().q
    }

    /// `U diag(√values) O`.
    private func outputs(_ values: [Double], rotation: Matrix<Double>?) -> Matrix<Double> {
        var y = basis.columns(0..<values.count)
        for j in 0..<values.count { for i in 0..<n { y[i, j] *= values[j].squareRoot() } }
        return rotation.map { Matrix.multiply(y, $0) } ?? y
    }

    func testKnownRotationGivesZeroErrors() throws {
        let values = [1.0, 0.8, 0.6, 0.5, 0.3]
        let y = outputs(Array(values[0..<3]), rotation: try TestGraphs.orthogonal(3, seed: 2))
        let m = try ReferenceMetrics(outputs: y, referenceValues: values, referenceVectors: basis)
        XCTAssertEqual(m.rank, 3)
        XCTAssertEqual(m.procrustesError, 0, accuracy: 1e-14)
        XCTAssertEqual(m.eigenvectorProcrustesError, 0, accuracy: 1e-14)
        XCTAssertEqual(m.subspaceError, 0, accuracy: 1e-14)
        XCTAssertEqual(m.largestAngle, 0, accuracy: 1e-7)
        XCTAssertEqual(m.referenceValues, [1.0, 0.8, 0.6])
        for k in 0..<3 {
            XCTAssertEqual(m.estimatedValues[k], values[k], accuracy: 1e-14)
            XCTAssertEqual(m.eigenvalueRelativeErrors[k], 0, accuracy: 1e-13)
            XCTAssertEqual(m.correlations[k]!, 1, accuracy: 1e-13)
        }
        XCTAssertEqual(m.relativeGaps[0], 0.2, accuracy: 1e-15)
        XCTAssertEqual(m.relativeGaps[2], 1.0 / 6, accuracy: 1e-15)   // |0.6 − 0.5| / 0.6, λ_4 beyond r included
        XCTAssertEqual(m.degenerateClusters, [])
        XCTAssertFalse(m.clusterCrossesRank)
    }

    func testOrthogonalSpansGiveRightAngles() throws {
        // Y spans columns 3, 4 of the basis; the reference is columns 1, 2.
        let y = basis.columns(2..<4)
        let m = try ReferenceMetrics(outputs: y, referenceValues: [0.9, 0.7], referenceVectors: basis.columns(0..<2))
        XCTAssertEqual(m.principalAngles[0], Double.pi / 2, accuracy: 1e-12)
        XCTAssertEqual(m.principalAngles[1], Double.pi / 2, accuracy: 1e-12)
        XCTAssertEqual(m.largestAngle, Double.pi / 2, accuracy: 1e-12)
        XCTAssertEqual(m.subspaceError, 1, accuracy: 1e-14)
        // ‖Y O − Y*‖² = ‖Y‖² + ‖Y*‖² = 2 + 1.6 for orthogonal spans, relative to ‖Y*‖² = 1.6: 1.5.
        XCTAssertEqual(m.procrustesError, 1.5, accuracy: 1e-14)
        XCTAssertEqual(m.eigenvectorProcrustesError, 2.0.squareRoot(), accuracy: 1e-14)
        XCTAssertEqual(m.correlations[0]!, 0, accuracy: 1e-14)
    }

    func testScaledEigenvaluesGiveTheirRelativeErrors() throws {
        let values = [1.0, 0.8, 0.6]
        let factors = [1.01, 0.95, 1.1]
        let y = outputs(zip(values, factors).map { $0 * $1 }, rotation: nil)
        let m = try ReferenceMetrics(outputs: y, referenceValues: values, referenceVectors: basis.columns(0..<3))
        for k in 0..<3 { XCTAssertEqual(m.eigenvalueRelativeErrors[k], abs(factors[k] - 1), accuracy: 1e-13) }
        XCTAssertEqual(m.subspaceError, 0, accuracy: 1e-14)
        // Y vs Y* column k differs by (√f_k − 1) √λ_k.
        let difference = (0..<3).map { k in (factors[k].squareRoot() - 1) * values[k].squareRoot() }
        XCTAssertEqual(m.procrustesError, Vector.norm(difference) / Vector.norm(values.map { $0.squareRoot() }), accuracy: 1e-12)
    }

    func testDegenerateClustersAreNamedAndSkipped() throws {
        // λ_2 ≈ λ_3 (0.1 % apart): one cluster, no per-vector correlation there.
        let values = [1.0, 0.9, 0.8991, 0.5, 0.4999]
        let y = outputs(Array(values[0..<3]), rotation: nil)
        let m = try ReferenceMetrics(outputs: y, referenceValues: values, referenceVectors: basis)
        XCTAssertEqual(m.degenerateClusters, [[1, 2]])
        XCTAssertNotNil(m.correlations[0])
        XCTAssertNil(m.correlations[1])
        XCTAssertNil(m.correlations[2])
        XCTAssertFalse(m.clusterCrossesRank)
        // r = 4 cuts the cluster {λ_4, λ_5}.
        let y4 = outputs(Array(values[0..<4]), rotation: nil)
        let m4 = try ReferenceMetrics(outputs: y4, referenceValues: values, referenceVectors: basis)
        XCTAssertTrue(m4.clusterCrossesRank)
        XCTAssertNil(m4.correlations[3])
        // A looser threshold merges λ_1 and λ_2 as well (10 % apart).
        let loose = try ReferenceMetrics(outputs: y, referenceValues: values, referenceVectors: basis, degeneracyThreshold: 0.2)
        XCTAssertEqual(loose.degenerateClusters, [[0, 1, 2]])
    }

    func testUnsortedReferenceIsSortedWithItsColumns() throws {
        let values = [0.6, 1.0, 0.8]
        let shuffled = Matrix(rows: n, cols: 3) { i, j in self.basis[i, [2, 0, 1][j]] }
        let y = outputs([1.0, 0.8, 0.6], rotation: nil)
        let m = try ReferenceMetrics(outputs: y, referenceValues: values, referenceVectors: shuffled)
        XCTAssertEqual(m.referenceValues, [1.0, 0.8, 0.6])
        XCTAssertEqual(m.procrustesError, 0, accuracy: 1e-14)
    }

    func testErrorsSayWhatToChange() {
        let y = outputs([1.0, 0.8, 0.6], rotation: nil)
        XCTAssertThrowsError(try ReferenceMetrics(outputs: y, referenceValues: [1, 0.8], referenceVectors: basis.columns(0..<2))) { error in
            XCTAssertEqual(error as? EvalError, .mismatch("the reference has 2 eigenpairs but the embedding has r = 3 columns; "
                + "compute at least 3 reference eigenpairs (snn eigs -r 3)"))
        }
        XCTAssertThrowsError(try ReferenceMetrics(outputs: y.rows(Array(0..<30)), referenceValues: [1, 0.8, 0.6],
                                                  referenceVectors: basis.columns(0..<3))) { error in
            guard case .mismatch(let text)? = error as? EvalError else { return XCTFail("\(error)") }
            XCTAssertTrue(text.hasPrefix("the reference eigenvectors have 40 rows but the embedding has 30"), text)
        }
        XCTAssertThrowsError(try ReferenceMetrics(outputs: y, referenceValues: [1, 0.8, -0.1], referenceVectors: basis.columns(0..<3))) { error in
            guard case .invalidData(let text)? = error as? EvalError else { return XCTFail("\(error)") }
            XCTAssertTrue(text.hasPrefix("reference eigenvalue λ_3 = -0.1 is not positive"), text)
        }
    }
}
