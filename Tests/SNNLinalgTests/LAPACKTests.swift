import XCTest
import SNNData
@testable import SNNLinalg

/// Random test matrices shared by the LAPACK and subspace tests.
enum LAPACKTestMatrices {
    /// An r × c matrix of independent standard normal entries.
    static func gaussian<T: LinalgScalar>(_ r: Int, _ c: Int, _ rng: inout SeededGenerator, as: T.Type = T.self) -> Matrix<T> {
        Matrix(rows: r, cols: c) { _, _ in T(rng.normal()) }
    }

    /// A random symmetric n × n matrix `(G + Gᵀ) / 2`.
    static func symmetric<T: LinalgScalar>(_ n: Int, _ rng: inout SeededGenerator, as: T.Type = T.self) -> Matrix<T> {
        let g: Matrix<T> = gaussian(n, n, &rng)
        return T(0.5) * (g + g.transposed())
    }

    /// A random n × k matrix with orthonormal columns (Q of the QR of a Gaussian matrix).
    static func orthonormal<T: LinalgScalar>(_ n: Int, _ k: Int, _ rng: inout SeededGenerator, as: T.Type = T.self) throws -> Matrix<T> {
        let g: Matrix<T> = gaussian(n, k, &rng)
        return try g.qr().q
    }

    /// `A diag(d) Bᵀ`.
    static func product<T: LinalgScalar>(_ a: Matrix<T>, _ d: [T], _ b: Matrix<T>) -> Matrix<T> {
        var scaled = a
        for i in 0..<a.rows { for j in 0..<a.cols { scaled[i, j] *= d[j] } }
        return Matrix.multiply(scaled, b, transposeB: true)
    }

    /// Largest |entry| of `AᵀA − I`.
    static func orthonormalityError<T: LinalgScalar>(_ a: Matrix<T>) -> T {
        a.gram().maxAbsDifference(.identity(a.cols))
    }
}

/// Symmetric eigensolvers, SVD, Cholesky, QR and the sign convention against their defining identities.
final class LAPACKTests: XCTestCase {
    typealias M = LAPACKTestMatrices

    // MARK: symmetric eigendecomposition

    func testSymmetricEigenReconstructsAndTopKMatchesFull() throws {
        var rng = SeededGenerator(seed: 11)
        let a: Matrix<Double> = M.symmetric(60, &rng)
        let full = try a.symmetricEigen()
        XCTAssertEqual(full.values.count, 60)
        XCTAssertEqual(full.vectors.shape.rows, 60)
        XCTAssertEqual(full.vectors.shape.cols, 60)
        XCTAssertEqual(full.values, full.values.sorted(by: >), "eigenvalues must be descending")
        XCTAssertLessThan(M.product(full.vectors, full.values, full.vectors).maxAbsDifference(a), 1e-12)
        XCTAssertLessThan(M.orthonormalityError(full.vectors), 1e-12)
        // A v = λ v column by column.
        let av = Matrix.multiply(a, full.vectors)
        for j in 0..<60 {
            for i in 0..<60 { XCTAssertEqual(av[i, j], full.values[j] * full.vectors[i, j], accuracy: 1e-12) }
        }

        let top = try a.symmetricEigen(top: 7)
        XCTAssertEqual(top.values.count, 7)
        XCTAssertEqual(top.vectors.cols, 7)
        for j in 0..<7 { XCTAssertEqual(top.values[j], full.values[j], accuracy: 1e-12) }
        XCTAssertLessThan(top.vectors.maxAbsDifference(full.vectors.columns(0..<7)), 1e-10)

        let none = try a.symmetricEigen(top: 0)
        XCTAssertEqual(none.values, [])
        XCTAssertEqual(none.vectors.rows, 60)
    }

    func testSymmetricEigenRecoversKnownSpectrumAndVectors() throws {
        var rng = SeededGenerator(seed: 12)
        let q: Matrix<Double> = try M.orthonormal(30, 30, &rng)
        let d = (0..<30).map { Double(($0 * 17) % 30) - 9.5 }   // a permutation of −9.5 … 19.5, distinct
        let a = M.product(q, d, q)
        let eig = try a.symmetricEigen()
        let expected = d.sorted(by: >)
        for j in 0..<30 { XCTAssertEqual(eig.values[j], expected[j], accuracy: 1e-12) }
        // Each eigenvector is ± the column of Q that carried the eigenvalue.
        for j in 0..<30 {
            let source = d.firstIndex(of: expected[j])!
            let cosine = Vector.dot(eig.vectors.column(j), q.column(source))
            XCTAssertEqual(abs(cosine), 1, accuracy: 1e-12)
        }
        let top3 = try a.symmetricEigen(top: 3)
        XCTAssertEqual(top3.values.count, 3)
        for j in 0..<3 { XCTAssertEqual(top3.values[j], [19.5, 18.5, 17.5][j], accuracy: 1e-12) }
    }

    func testSymmetricEigenFloat() throws {
        var rng = SeededGenerator(seed: 13)
        let a: Matrix<Float> = M.symmetric(60, &rng)
        let eig = try a.symmetricEigen()
        XCTAssertLessThan(M.product(eig.vectors, eig.values, eig.vectors).maxAbsDifference(a), 1e-4)
        XCTAssertLessThan(M.orthonormalityError(eig.vectors), 5e-5)
        let reference = try a.converted(to: Double.self).symmetricEigen(top: 4)
        let top = try a.symmetricEigen(top: 4)
        for j in 0..<4 { XCTAssertEqual(Double(top.values[j]), reference.values[j], accuracy: 1e-4) }
    }

    // MARK: generalized problem

    func testGeneralizedSymmetricEigenSatisfiesDefinition() throws {
        var rng = SeededGenerator(seed: 14)
        let n = 25
        let a: Matrix<Double> = M.symmetric(n, &rng)
        let g: Matrix<Double> = M.gaussian(n, n, &rng)
        let b = g.gram() + Double(n) * .identity(n)
        let eig = try a.generalizedSymmetricEigen(b)
        XCTAssertEqual(eig.values, eig.values.sorted(by: >))
        let w = eig.vectors
        let lhs = Matrix.multiply(a, w)
        var rhs = Matrix.multiply(b, w)
        for i in 0..<n { for j in 0..<n { rhs[i, j] *= eig.values[j] } }
        XCTAssertLessThan(lhs.maxAbsDifference(rhs), 1e-12)
        let wbw = Matrix.multiply(w, Matrix.multiply(b, w), transposeA: true)
        XCTAssertLessThan(wbw.maxAbsDifference(.identity(n)), 1e-12)
        // With B = I the problem is the ordinary one.
        let plain = try a.generalizedSymmetricEigen(.identity(n))
        let ordinary = try a.symmetricEigen()
        for j in 0..<n { XCTAssertEqual(plain.values[j], ordinary.values[j], accuracy: 1e-12) }
        XCTAssertLessThan(plain.vectors.maxAbsDifference(ordinary.vectors), 1e-10)
    }

    func testGeneralizedRejectsIndefiniteB() {
        let a = Matrix<Double>.identity(3)
        let b = Matrix<Double>.diagonal([2, -1, 1])
        XCTAssertThrowsError(try a.generalizedSymmetricEigen(b)) { error in
            guard case LinalgError.notPositiveDefinite(let what, _) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(what.contains("order 2"), what)
        }
    }

    // MARK: SVD

    func testSVDReconstructsTallAndWide() throws {
        var rng = SeededGenerator(seed: 15)
        for (m, n) in [(40, 12), (12, 40), (9, 9)] {
            let a: Matrix<Double> = M.gaussian(m, n, &rng)
            let (u, s, vt) = try a.svd()
            let k = min(m, n)
            XCTAssertEqual(u.rows, m); XCTAssertEqual(u.cols, k)
            XCTAssertEqual(vt.rows, k); XCTAssertEqual(vt.cols, n)
            XCTAssertEqual(s, s.sorted(by: >))
            XCTAssertGreaterThanOrEqual(s.last!, 0)
            XCTAssertLessThan(M.product(u, s, vt.transposed()).maxAbsDifference(a), 1e-12)
            XCTAssertLessThan(M.orthonormalityError(u), 1e-12)
            XCTAssertLessThan(M.orthonormalityError(vt.transposed()), 1e-12)
            // σ² are the top eigenvalues of AᵀA.
            let eig = try (m >= n ? a.gram() : a.transposed().gram()).symmetricEigen(top: k)
            for j in 0..<k { XCTAssertEqual(s[j] * s[j], eig.values[j], accuracy: 1e-10 * eig.values[0]) }
        }
        let empty = try Matrix<Double>(rows: 0, cols: 4).svd()
        XCTAssertEqual(empty.singularValues, [])
        XCTAssertEqual(empty.vt.rows, 0)
    }

    func testSVDFloatAndRankOne() throws {
        var rng = SeededGenerator(seed: 16)
        let a: Matrix<Float> = M.gaussian(30, 10, &rng)
        let (u, s, vt) = try a.svd()
        XCTAssertLessThan(M.product(u, s, vt.transposed()).maxAbsDifference(a), 1e-5)
        // A rank-one matrix x yᵀ has the single singular value ‖x‖‖y‖.
        let x: [Double] = [1, 2, 2], y: [Double] = [3, 4]
        let r1 = Matrix<Double>(rows: 3, cols: 2) { x[$0] * y[$1] }
        let s1 = try r1.svd().singularValues
        XCTAssertEqual(s1[0], 15, accuracy: 1e-13)
        XCTAssertEqual(s1[1], 0, accuracy: 1e-13)
    }

    // MARK: Cholesky

    func testCholeskyReconstructsAndRejectsIndefinite() throws {
        var rng = SeededGenerator(seed: 17)
        let n = 40
        let g: Matrix<Double> = M.gaussian(n, n, &rng)
        let a = g.gram() + .identity(n)
        let l = try a.cholesky()
        for i in 0..<n { for j in (i + 1)..<n { XCTAssertEqual(l[i, j], 0) } }
        for i in 0..<n { XCTAssertGreaterThan(l[i, i], 0) }
        // LLᵀ = A to 1e-12 relative to the largest entry of A (its entries are about n = 40).
        XCTAssertLessThan(Matrix.multiply(l, l, transposeB: true).maxAbsDifference(a) / a.storage.map(abs).max()!, 1e-12)
        // Analytic case: [[4, 2], [2, 5]] = L Lᵀ with L = [[2, 0], [1, 2]].
        XCTAssertEqual(try Matrix<Double>([[4, 2], [2, 5]]).cholesky(), Matrix([[2, 0], [1, 2]]))

        let indefinite = Matrix<Double>.diagonal([1, 2, -1, 3])
        XCTAssertThrowsError(try indefinite.cholesky()) { error in
            guard case LinalgError.notPositiveDefinite(let what, let advice) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(what.contains("order 3"), what)
            XCTAssertFalse(advice.isEmpty)
        }
        XCTAssertThrowsError(try Matrix<Double>([[1, 2], [2, 1]]).cholesky())
        let lf = try a.converted(to: Float.self).cholesky()
        XCTAssertLessThan(Double(Matrix.multiply(lf, lf, transposeB: true).maxAbsDifference(a.converted())), 1e-3)
    }

    // MARK: QR

    func testQRIsOrthonormalAndReconstructs() throws {
        var rng = SeededGenerator(seed: 18)
        for (m, n) in [(30, 8), (8, 8)] {
            let a: Matrix<Double> = M.gaussian(m, n, &rng)
            let (q, r) = try a.qr()
            XCTAssertEqual(q.rows, m); XCTAssertEqual(q.cols, n)
            XCTAssertEqual(r.rows, n); XCTAssertEqual(r.cols, n)
            XCTAssertLessThan(M.orthonormalityError(q), 1e-12)
            XCTAssertLessThan(Matrix.multiply(q, r).maxAbsDifference(a), 1e-12)
            for i in 0..<n { for j in 0..<i { XCTAssertEqual(r[i, j], 0) } }
            XCTAssertEqual(try a.orthonormalColumns(), q)
        }
        let af: Matrix<Float> = M.gaussian(30, 8, &rng)
        let (qf, rf) = try af.qr()
        XCTAssertLessThan(M.orthonormalityError(qf), 1e-5)
        XCTAssertLessThan(Matrix.multiply(qf, rf).maxAbsDifference(af), 1e-5)
    }

    func testOrthonormalColumnsRejectsDependentColumns() {
        var rng = SeededGenerator(seed: 19)
        var a: Matrix<Double> = M.gaussian(20, 5, &rng)
        // Column 3 = column 0 − 2 · column 1.
        a.setColumn(3, zip(a.column(0), a.column(1)).map { $0 - 2 * $1 })
        XCTAssertThrowsError(try a.orthonormalColumns()) { error in
            guard case LinalgError.rankDeficient(_, let rank, let expected, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(rank, 4)
            XCTAssertEqual(expected, 5)
        }
        XCTAssertThrowsError(try Matrix<Double>(rows: 3, cols: 2).orthonormalColumns())
        XCTAssertThrowsError(try Matrix<Double>(rows: 2, cols: 3, repeating: 1).orthonormalColumns()) { error in
            guard case LinalgError.rankDeficient(_, let rank, let expected, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(rank, 2)
            XCTAssertEqual(expected, 3)
        }
    }

    // MARK: sign convention and errors

    func testSignConventionIsDeterministic() throws {
        var m = Matrix<Double>([[0.1, 0.5, -0.5, 0, 0.3],
                                [-0.9, -0.5, 0.5, 0, 0.3],
                                [0.5, 0.2, 0.1, 0, -0.3]])
        m.normalizeColumnSigns()
        // Largest |entry| made positive; ties go to the first index; a zero column stays.
        XCTAssertEqual(m, Matrix([[-0.1, 0.5, 0.5, 0, 0.3],
                                  [0.9, -0.5, -0.5, 0, 0.3],
                                  [-0.5, 0.2, -0.1, 0, -0.3]]))

        var rng = SeededGenerator(seed: 20)
        let v: Matrix<Double> = M.gaussian(50, 4, &rng)
        var plus = v, minus = -1 * v
        plus.normalizeColumnSigns(); minus.normalizeColumnSigns()
        XCTAssertEqual(plus, minus)
        var again = plus
        again.normalizeColumnSigns()
        XCTAssertEqual(again, plus)

        // The eigenvectors come out normalized: the largest |entry| of each column is positive.
        let eig = try M.symmetric(20, &rng, as: Double.self).symmetricEigen()
        for j in 0..<20 {
            let column = eig.vectors.column(j)
            XCTAssertGreaterThan(column.max(by: { abs($0) < abs($1) })!, 0)
        }
    }

    func testNonFiniteInputsAreRejectedBeforeLAPACK() {
        var a = Matrix<Double>.identity(4)
        a[2, 1] = .nan
        func assertNonFinite(_ body: () throws -> Void, line: UInt = #line) {
            XCTAssertThrowsError(try body(), line: line) { error in
                guard case LinalgError.nonFinite = error else { return XCTFail("\(error)", line: line) }
            }
        }
        assertNonFinite { _ = try a.symmetricEigen() }
        assertNonFinite { _ = try a.svd() }
        assertNonFinite { _ = try a.cholesky() }
        assertNonFinite { _ = try a.qr() }
        assertNonFinite { _ = try Matrix<Double>.identity(4).generalizedSymmetricEigen(a) }
        var inf = Matrix<Float>.identity(3)
        inf[0, 0] = .infinity
        assertNonFinite { _ = try inf.symmetricEigen(top: 1) }
    }

    func testCheckDescribesEachKindOfInfo() {
        XCTAssertNoThrow(try LinalgError.check(0, "potrf", positive: "x"))
        XCTAssertThrowsError(try LinalgError.check(-4, "syevr", positive: "x")) { error in
            XCTAssertEqual(error as? LinalgError, .lapack(routine: "syevr", info: -4,
                meaning: "argument 4 had an illegal value (a bug in snn; please report it)"))
        }
        XCTAssertThrowsError(try LinalgError.check(2, "syevr", positive: "failed to converge")) { error in
            XCTAssertEqual("\(error)", "LAPACK syevr failed (info = 2): failed to converge")
        }
        XCTAssertThrowsError(try LinalgError.check(-1010, "gesdd", positive: "x")) { error in
            XCTAssertTrue("\(error)".contains("out of memory"), "\(error)")
        }
    }
}
