import XCTest
import SNNData
@testable import SNNLinalg

/// Matrix and CSR operations not covered by BLASTests, against naive loops, on rectangular shapes.
final class MatrixOpsTests: XCTestCase {
    typealias M = LAPACKTestMatrices

    func testColumnNormsAndTranspose() {
        var rng = SeededGenerator(seed: 51)
        let a: Matrix<Double> = M.gaussian(13, 7, &rng)
        let norms = a.columnNorms()
        XCTAssertEqual(norms.count, 7)
        for j in 0..<7 {
            let naive = (0..<13).reduce(0.0) { $0 + a[$1, j] * a[$1, j] }.squareRoot()
            XCTAssertEqual(norms[j], naive, accuracy: 1e-14)
        }
        XCTAssertEqual(Matrix<Double>(rows: 0, cols: 3).columnNorms(), [0, 0, 0])
        XCTAssertEqual(a.frobeniusNorm, Vector.norm(norms), accuracy: 1e-13)

        let t = a.transposed()
        XCTAssertEqual(t.rows, 7); XCTAssertEqual(t.cols, 13)
        for i in 0..<13 { for j in 0..<7 { XCTAssertEqual(t[j, i], a[i, j]) } }
        XCTAssertEqual(t.transposed(), a)
        XCTAssertEqual(Matrix<Float>([[1, 2, 3]]).transposed(), Matrix([[1], [2], [3]]))
    }

    func testGemvBothOrientations() {
        var rng = SeededGenerator(seed: 52)
        let a: Matrix<Double> = M.gaussian(9, 4, &rng)
        let x = (0..<4).map { _ in rng.normal() }, z = (0..<9).map { _ in rng.normal() }
        let ax = a.times(x), atz = a.times(z, transposed: true)
        XCTAssertEqual(ax.count, 9); XCTAssertEqual(atz.count, 4)
        for i in 0..<9 { XCTAssertEqual(ax[i], (0..<4).reduce(0.0) { $0 + a[i, $1] * x[$1] }, accuracy: 1e-13) }
        for j in 0..<4 { XCTAssertEqual(atz[j], (0..<9).reduce(0.0) { $0 + a[$1, j] * z[$1] }, accuracy: 1e-13) }
        let af: Matrix<Float> = a.converted()
        let axf = af.times(x.map { Float($0) })
        for i in 0..<9 { XCTAssertEqual(Double(axf[i]), ax[i], accuracy: 1e-5) }
    }

    func testLevelOneVectorOperations() {
        let x: [Double] = [1, -2, 3, 0.5], y: [Double] = [4, 0, -1, 2]
        XCTAssertEqual(Vector.dot(x, y), 4 + 0 - 3 + 1)
        XCTAssertEqual(Vector.norm([3.0, 4.0]), 5)
        // nrm2 scales internally: no overflow where the naive sum of squares would overflow.
        XCTAssertEqual(Vector.norm([3e200, 4e200]), 5e200, accuracy: 1e186)
        XCTAssertEqual(Vector.norm([Float]()), 0)
        var z = y
        Vector.axpy(2, x, &z)
        XCTAssertEqual(z, [6, -4, 5, 3])
        var m = Matrix<Double>(rows: 2, cols: 2, storage: x)
        m.add(Matrix(rows: 2, cols: 2, storage: y), scaledBy: -1)
        XCTAssertEqual(m.storage, [-3, -2, 4, -1.5])
        m.scale(by: 2)
        XCTAssertEqual(m.storage, [-6, -4, 8, -3])
    }

    func testSpMMOnRectangularShapesWithAlphaBeta() {
        var rng = SeededGenerator(seed: 53)
        var dense: Matrix<Double> = M.gaussian(57, 23, &rng)
        for i in dense.storage.indices where rng.uniform() > 0.2 { dense.storage[i] = 0 }
        for j in 0..<23 { dense[5, j] = 0 }   // an empty row
        let sparse = CSRMatrix(dense: dense)
        let x: Matrix<Double> = M.gaussian(23, 3, &rng)
        let y0: Matrix<Double> = M.gaussian(57, 3, &rng)
        var y = y0
        sparse.multiply(x, alpha: 0.5, beta: -2, into: &y)
        let expected = 0.5 * Matrix.multiply(dense, x) + (-2) * y0
        XCTAssertLessThan(y.maxAbsDifference(expected), 1e-13)
        // Aᵀ (23 × 57) times a 57 × 2 block, and A times a vector.
        let w: Matrix<Double> = M.gaussian(57, 2, &rng)
        XCTAssertLessThan(sparse.transposed().multiply(w).maxAbsDifference(Matrix.multiply(dense, w, transposeA: true)), 1e-13)
        let v = x.column(0)
        let av = sparse.multiply(v)
        XCTAssertEqual(av.count, 57)
        for i in 0..<57 { XCTAssertEqual(av[i], dense.times(v)[i], accuracy: 1e-13) }
        XCTAssertEqual(av[5], 0)
        // Row sums and diagonal scaling against the dense form.
        let sums = sparse.rowSums()
        for i in 0..<57 { XCTAssertEqual(sums[i], dense.row(i).reduce(0, +), accuracy: 1e-13) }
        let left = (0..<57).map { Double($0 % 5) + 1 }, right = (0..<23).map { 1 / (Double($0) + 1) }
        let scaled = sparse.scaled(rows: left, cols: right).toDense()
        XCTAssertLessThan(scaled.maxAbsDifference(Matrix(rows: 57, cols: 23) { left[$0] * dense[$0, $1] * right[$1] }), 1e-14)
    }

    func testCSRSymmetryAndTriplets() {
        let a = CSRMatrix<Double>(rows: 3, cols: 3, triplets: [(0, 1, 2), (1, 0, 2), (2, 2, 1), (2, 2, 4), (0, 0, -1)])
        XCTAssertEqual(a.toDense(), Matrix([[-1, 2, 0], [2, 0, 0], [0, 0, 5]]))
        XCTAssertEqual(a.nonzeroCount, 4)
        XCTAssertTrue(a.isSymmetric())
        XCTAssertEqual(a.diagonal(), [-1, 0, 5])
        let b = CSRMatrix<Double>(rows: 2, cols: 2, triplets: [(0, 1, 1), (1, 0, 1 + 1e-9)])
        XCTAssertFalse(b.isSymmetric())
        XCTAssertTrue(b.isSymmetric(tolerance: 1e-8))
        XCTAssertFalse(CSRMatrix<Double>(rows: 2, cols: 3, triplets: []).isSymmetric())
    }
}
