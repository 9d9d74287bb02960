import Foundation
import XCTest
import SNNData
@testable import SNNLinalg

/// Procrustes alignment and principal angles against analytic cases and dense projector formulas.
final class SubspaceTests: XCTestCase {
    typealias M = LAPACKTestMatrices

    // MARK: Procrustes

    func testProcrustesRecoversKnownRotation() throws {
        var rng = SeededGenerator(seed: 31)
        let y: Matrix<Double> = M.gaussian(100, 5, &rng)
        let o: Matrix<Double> = try M.orthonormal(5, 5, &rng)
        let target = Matrix.multiply(y, o)
        let found = try Subspace.procrustesRotation(from: y, to: target)
        XCTAssertLessThan(found.maxAbsDifference(o), 1e-12)
        XCTAssertLessThan(try Subspace.procrustesError(y, target), 1e-12)
        // Y·O against Y: the inverse rotation Oᵀ aligns them exactly.
        XCTAssertLessThan(try Subspace.procrustesError(target, y), 1e-12)
        XCTAssertLessThan(try Subspace.procrustesRotation(from: target, to: y).maxAbsDifference(o.transposed()), 1e-12)
    }

    func testProcrustesWithNoiseIsThePolarFactor() throws {
        var rng = SeededGenerator(seed: 32)
        let y: Matrix<Double> = M.gaussian(80, 4, &rng)
        let noise: Matrix<Double> = M.gaussian(80, 4, &rng)
        let target = Matrix.multiply(y, try M.orthonormal(4, 4, &rng)) + 0.3 * noise
        let o = try Subspace.procrustesRotation(from: y, to: target)
        XCTAssertLessThan(M.orthonormalityError(o), 1e-12)
        // Optimality: Oᵀ (Yᵀ target) is symmetric positive semidefinite (the polar decomposition).
        let h = Matrix.multiply(o, Matrix.multiply(y, target, transposeA: true), transposeA: true)
        XCTAssertLessThan(h.maxAbsDifference(h.transposed()), 1e-10)
        XCTAssertGreaterThan(try h.symmetricEigen().values.last!, 0)
        // The reported error is the relative residual of that rotation and beats the identity and a reflection.
        let expected = (Matrix.multiply(y, o) - target).frobeniusNorm / target.frobeniusNorm
        let error = try Subspace.procrustesError(y, target)
        XCTAssertEqual(error, expected, accuracy: 1e-14)
        XCTAssertLessThan(error, (y - target).frobeniusNorm / target.frobeniusNorm)
        var flipped = o
        flipped.setColumn(0, o.column(0).map { -$0 })
        XCTAssertLessThan(error, (Matrix.multiply(y, flipped) - target).frobeniusNorm / target.frobeniusNorm)

        XCTAssertThrowsError(try Subspace.procrustesError(y, Matrix(rows: 80, cols: 4)))
    }

    func testProcrustesFloat() throws {
        var rng = SeededGenerator(seed: 33)
        let y: Matrix<Float> = M.gaussian(60, 3, &rng)
        let o: Matrix<Float> = try M.orthonormal(3, 3, &rng)
        XCTAssertLessThan(try Subspace.procrustesError(y, Matrix.multiply(y, o)), 1e-5)
        XCTAssertLessThan(try Subspace.procrustesRotation(from: y, to: Matrix.multiply(y, o)).maxAbsDifference(o), 1e-5)
    }

    // MARK: principal angles

    func testIdenticalAndOrthogonalSpans() throws {
        var rng = SeededGenerator(seed: 34)
        let q: Matrix<Double> = try M.orthonormal(40, 6, &rng)
        let a = q.columns(0..<3)
        // The same span through a different (non-orthonormal) basis.
        let mix: Matrix<Double> = M.gaussian(3, 3, &rng)
        let same = try Subspace.principalAngles(a, Matrix.multiply(a, mix))
        XCTAssertEqual(same.count, 3)
        for angle in same { XCTAssertEqual(angle, 0, accuracy: 1e-12) }
        XCTAssertEqual(try Subspace.subspaceError(a, Matrix.multiply(a, mix)), 0, accuracy: 1e-12)

        let orthogonal = try Subspace.principalAngles(a, q.columns(3..<6))
        for angle in orthogonal { XCTAssertEqual(angle, .pi / 2, accuracy: 1e-12) }
        XCTAssertEqual(try Subspace.subspaceError(a, q.columns(3..<6)), 1, accuracy: 1e-12)
    }

    /// span{q0, q1} against span{cos θ q0 + sin θ q2, q1}: angles 0 and θ.
    private func rotatedPlane<T: LinalgScalar>(_ theta: Double, _ q: Matrix<T>) -> (Matrix<T>, Matrix<T>) {
        let a = q.columns(0..<2)
        var b = a
        let c = T(Foundation.cos(theta)), s = T(Foundation.sin(theta))
        b.setColumn(0, (0..<q.rows).map { c * q[$0, 0] + s * q[$0, 2] })
        return (a, b)
    }

    func testRotatedPlaneGivesTheRotationAngleEvenWhenTiny() throws {
        var rng = SeededGenerator(seed: 35)
        let q: Matrix<Double> = try M.orthonormal(50, 4, &rng)
        for theta in [1.2, 0.7, 0.3, 1e-4, 1e-9] {
            let (a, b) = rotatedPlane(theta, q)
            let angles = try Subspace.principalAngles(a, b)
            XCTAssertEqual(angles.count, 2)
            XCTAssertEqual(angles[0], 0, accuracy: 1e-14)
            // Absolute error 1e-14, i.e. relative 1e-5 at θ = 1e-9 (the arccos formula is off by ~1e-8 there).
            XCTAssertEqual(angles[1], theta, accuracy: theta < 1e-3 ? 1e-14 : 1e-12, "θ = \(theta)")
            XCTAssertEqual(try Subspace.subspaceError(a, b), Foundation.sin(theta) / 2.0.squareRoot(),
                           accuracy: theta < 1e-3 ? 1e-14 : 1e-12)
            // Symmetric in its arguments.
            let swapped = try Subspace.principalAngles(b, a)
            for i in 0..<2 { XCTAssertEqual(swapped[i], angles[i], accuracy: 1e-14) }
        }
        let qf: Matrix<Float> = q.converted()
        let (af, bf) = rotatedPlane(0.3, qf)
        let anglesF = try Subspace.principalAngles(af, bf)
        XCTAssertEqual(Double(anglesF[1]), 0.3, accuracy: 1e-5)
        XCTAssertEqual(Double(anglesF[0]), 0, accuracy: 1e-3)
    }

    func testDifferentDimensions() throws {
        var rng = SeededGenerator(seed: 36)
        let q: Matrix<Double> = try M.orthonormal(30, 5, &rng)
        let theta = 0.4
        let a = q.columns(0..<3)
        let b = Matrix(rows: 30, cols: 1) { i, _ in Foundation.cos(theta) * q[i, 1] + Foundation.sin(theta) * q[i, 4] }
        let ab = try Subspace.principalAngles(a, b)
        let ba = try Subspace.principalAngles(b, a)
        XCTAssertEqual(ab.count, 1)
        XCTAssertEqual(ab[0], theta, accuracy: 1e-12)
        XCTAssertEqual(ba[0], theta, accuracy: 1e-12)
        XCTAssertEqual(try Subspace.principalAngles(a, Matrix(rows: 30, cols: 0)), [])
    }

    func testRandomSubspacesMatchCosinesAndDenseProjectors() throws {
        var rng = SeededGenerator(seed: 37)
        let n = 40, r = 4
        let a: Matrix<Double> = M.gaussian(n, r, &rng)
        let b = a + 0.5 * M.gaussian(n, r, &rng, as: Double.self)
        let angles = try Subspace.principalAngles(a, b)
        XCTAssertEqual(angles, angles.sorted())
        // Against the textbook formula acos(σ(Q_aᵀ Q_b)), accurate for these moderate angles.
        let qa = try a.orthonormalColumns(), qb = try b.orthonormalColumns()
        let cosines = try Matrix.multiply(qa, qb, transposeA: true).svd().singularValues
        for i in 0..<r { XCTAssertEqual(angles[i], Foundation.acos(min(1, cosines[i])), accuracy: 1e-8) }
        // ‖sin Θ‖_F / √r = ‖P_a − P_b‖_F / √(2r), with the n × n projectors formed densely.
        let pa = Matrix.multiply(qa, qa, transposeB: true), pb = Matrix.multiply(qb, qb, transposeB: true)
        let dense = (pa - pb).frobeniusNorm / Double(2 * r).squareRoot()
        XCTAssertEqual(try Subspace.subspaceError(a, b), dense, accuracy: 1e-12)

        let af: Matrix<Float> = a.converted(), bf: Matrix<Float> = b.converted()
        XCTAssertEqual(Double(try Subspace.subspaceError(af, bf)), dense, accuracy: 1e-5)
    }

    func testRankDeficientInputsThrowWithAdvice() {
        var rng = SeededGenerator(seed: 38)
        let good: Matrix<Double> = M.gaussian(20, 3, &rng)
        var bad = good
        bad.setColumn(2, bad.column(0).map { 3 * $0 })
        for (x, y, which) in [(good, bad, "second"), (bad, good, "first")] {
            XCTAssertThrowsError(try Subspace.principalAngles(x, y)) { error in
                guard case LinalgError.rankDeficient(let what, let rank, let expected, let advice) = error else {
                    return XCTFail("\(error)")
                }
                XCTAssertTrue(what.contains(which), what)
                XCTAssertEqual(rank, 2)
                XCTAssertEqual(expected, 3)
                XCTAssertTrue(advice.contains("linearly independent"), advice)
            }
        }
        var nan = good
        nan[0, 0] = .nan
        XCTAssertThrowsError(try Subspace.subspaceError(good, nan)) { error in
            guard case LinalgError.nonFinite = error else { return XCTFail("\(error)") }
        }
    }
}
