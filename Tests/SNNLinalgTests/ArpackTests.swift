import XCTest
import SNNData
@testable import SNNLinalg

/// ARPACK's reverse-communication driver against LAPACK's dense eigensolver.
final class ArpackTests: XCTestCase {
    /// A 300 × 300 sparse symmetric matrix (about 3 % dense, normal entries) and its full LAPACK spectrum.
    private func randomSparseSymmetric(n: Int = 300, seed: UInt64 = 11) -> (CSRMatrix<Double>, values: [Double], vectors: Matrix<Double>) {
        var rng = SeededGenerator(seed: seed)
        var dense = Matrix<Double>(rows: n, cols: n)
        for i in 0..<n {
            dense[i, i] = rng.normal()
            for j in 0..<i where rng.uniform() < 0.03 { let v = rng.normal(); dense[i, j] = v; dense[j, i] = v }
        }
        var a = dense
        var w = [Double](repeating: 0, count: n), z = [Double](repeating: 0, count: n * n)
        var isuppz = [Int32](repeating: 0, count: 2 * n), found: Int32 = 0
        let info = a.storage.withUnsafeMutableBufferPointer {
            Double.syevr(vectors: true, n: n, a: $0.baseAddress!, lda: n, range: nil, found: &found, w: &w, z: &z, ldz: n, isuppz: &isuppz)
        }
        XCTAssertEqual(info, 0)
        return (CSRMatrix(dense: dense), w, Matrix(rows: n, cols: n, storage: z))
    }

    /// `‖P_U − P_V‖_F / √(2k)` for two n × k matrices with orthonormal columns.
    private func subspaceError(_ u: Matrix<Double>, _ v: Matrix<Double>) -> Double {
        let pu = Matrix.multiply(u, u, transposeB: true), pv = Matrix.multiply(v, v, transposeB: true)
        return (pu - pv).frobeniusNorm / (2 * Double(u.cols)).squareRoot()
    }

    private func columns(_ m: Matrix<Double>, _ idx: [Int]) -> Matrix<Double> {
        Matrix(rows: m.rows, cols: idx.count) { i, j in m[i, idx[j]] }
    }

    func testLargestAlgebraicAgreesWithLAPACK() throws {
        let (a, w, z) = randomSparseSymmetric()
        let n = a.rows, k = 6
        let out = try Arpack.symmetricEigenpairs(dimension: n, count: k) { x, y in a.multiplyVector(x, into: y) }
        let expected = (0..<k).map { w[n - 1 - $0] }
        for j in 0..<k { XCTAssertEqual(out.values[j], expected[j], accuracy: 1e-10) }
        XCTAssertLessThan(subspaceError(out.vectors, columns(z, (0..<k).map { n - 1 - $0 })), 1e-8)
        XCTAssertEqual(out.vectors.columnNorms().map { ($0 - 1).magnitude }.max()!, 0, accuracy: 1e-12)
        XCTAssertGreaterThan(out.operatorApplications, k)
    }

    func testSmallestAlgebraicAgreesWithLAPACK() throws {
        let (a, w, z) = randomSparseSymmetric(seed: 12)
        let k = 3
        let out = try Arpack.symmetricEigenpairs(dimension: a.rows, count: k, which: .smallestAlgebraic) { x, y in
            a.multiplyVector(x, into: y)
        }
        // Descending order of the three smallest.
        for j in 0..<k { XCTAssertEqual(out.values[j], w[k - 1 - j], accuracy: 1e-10) }
        XCTAssertLessThan(subspaceError(out.vectors, columns(z, [2, 1, 0])), 1e-8)
    }

    func testShiftInvertFindsEigenvaluesNearestSigma() throws {
        let (_, w, z) = randomSparseSymmetric(seed: 13)
        let n = w.count, sigma = 0.3, k = 4
        // The exact (A − σI)⁻¹ from the LAPACK decomposition: Z diag(1/(λ − σ)) Zᵀ.
        let inverse = Matrix.multiply(Matrix(rows: n, cols: n) { i, j in z[i, j] / (w[j] - sigma) }, z, transposeB: true)
        let out = try Arpack.symmetricEigenpairs(dimension: n, count: k, which: .largestMagnitude, mode: .shiftInvert(sigma: sigma)) { x, y in
            let r = inverse.times(Array(x))
            for i in 0..<n { y[i] = r[i] }
        }
        let nearest = w.indices.sorted { abs(w[$0] - sigma) < abs(w[$1] - sigma) }.prefix(k).sorted { w[$0] > w[$1] }
        for (j, idx) in nearest.enumerated() { XCTAssertEqual(out.values[j], w[idx], accuracy: 1e-10) }
        XCTAssertLessThan(subspaceError(out.vectors, columns(z, Array(nearest))), 1e-8)
    }

    func testRunsAreReproducible() throws {
        let (a, _, _) = randomSparseSymmetric(seed: 14)
        let run = { try Arpack.symmetricEigenpairs(dimension: a.rows, count: 3) { x, y in a.multiplyVector(x, into: y) } }
        let first = try run(), second = try run()
        XCTAssertEqual(first.values, second.values)
        XCTAssertEqual(first.vectors, second.vectors)
        XCTAssertEqual(first.operatorApplications, second.operatorApplications)
    }

    func testIterationCapThrowsNotConverged() throws {
        let (a, _, _) = randomSparseSymmetric(seed: 15)
        XCTAssertThrowsError(try Arpack.symmetricEigenpairs(dimension: a.rows, count: 5, tolerance: 1e-14, maxIterations: 2,
                                                            lanczosVectors: 11) { x, y in a.multiplyVector(x, into: y) }) { error in
            guard case let LinalgError.notConverged(_, iterations, residual, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertLessThanOrEqual(iterations, 3)   // ARPACK counts the restart that hit the cap
            XCTAssertGreaterThan(residual, 1e-14)
        }
    }

    func testCountOutOfRangeAndZeroStartThrow() {
        let apply: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) throws -> Void = { x, y in
            for i in x.indices { y[i] = x[i] }
        }
        XCTAssertThrowsError(try Arpack.symmetricEigenpairs(dimension: 10, count: 10, apply: apply)) {
            XCTAssertEqual($0 as? EigenSolverError, .invalidCount(requested: 10, dimension: 10))
        }
        XCTAssertThrowsError(try Arpack.symmetricEigenpairs(dimension: 10, count: 0, apply: apply))
        XCTAssertThrowsError(try Arpack.symmetricEigenpairs(dimension: 10, count: 2, initialVector: [Double](repeating: 0, count: 10),
                                                            apply: apply)) {
            guard case LinalgError.arpack(_, -9, _) = $0 else { return XCTFail("\($0)") }
        }
    }

    func testOperatorErrorsPropagate() {
        struct Stop: Error {}
        XCTAssertThrowsError(try Arpack.symmetricEigenpairs(dimension: 50, count: 2) { _, _ in throw Stop() }) {
            XCTAssertTrue($0 is Stop)
        }
    }
}
