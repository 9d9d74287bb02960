import XCTest
import SNNData
@testable import SNNLinalg

/// GEMM, SYRK and SpMM against naive loops on random matrices.
final class BLASTests: XCTestCase {
    private func random(_ r: Int, _ c: Int, _ rng: inout SeededGenerator) -> Matrix<Double> {
        Matrix(rows: r, cols: c) { _, _ in rng.normal() }
    }

    private func naive(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Matrix<Double> {
        Matrix(rows: a.rows, cols: b.cols) { i, j in (0..<a.cols).reduce(0) { $0 + a[i, $1] * b[$1, j] } }
    }

    func testGemmAllTransposesMatchNaive() {
        var rng = SeededGenerator(seed: 1)
        let a = random(7, 5, &rng), b = random(5, 4, &rng)
        let expected = naive(a, b)
        XCTAssertLessThan(Matrix.multiply(a, b).maxAbsDifference(expected), 1e-12)
        XCTAssertLessThan(Matrix.multiply(a.transposed(), b, transposeA: true).maxAbsDifference(expected), 1e-12)
        XCTAssertLessThan(Matrix.multiply(a, b.transposed(), transposeB: true).maxAbsDifference(expected), 1e-12)
        XCTAssertLessThan(Matrix.multiply(a.transposed(), b.transposed(), transposeA: true, transposeB: true)
            .maxAbsDifference(expected), 1e-12)
    }

    func testGramMatchesNaive() {
        var rng = SeededGenerator(seed: 2)
        let y = random(50, 6, &rng)
        XCTAssertLessThan(y.gram().maxAbsDifference(naive(y.transposed(), y)), 1e-11)
        let yf: Matrix<Float> = y.converted()
        XCTAssertLessThan(Double(yf.gram().maxAbsDifference(naive(y.transposed(), y).converted())), 1e-3)
    }

    func testSpMMMatchesDenseProduct() {
        var rng = SeededGenerator(seed: 3)
        var dense = random(600, 600, &rng)
        for i in dense.storage.indices where rng.uniform() > 0.01 { dense.storage[i] = 0 }
        let sparse = CSRMatrix(dense: dense)
        let x = random(600, 5, &rng)
        XCTAssertLessThan(sparse.multiply(x).maxAbsDifference(naive(dense, x)), 1e-10)
        XCTAssertEqual(sparse.toDense(), dense)
        XCTAssertEqual(sparse.transposed().toDense(), dense.transposed())
    }

    func testCSRValidationRejectsUnsortedAndOutOfRange() {
        XCTAssertThrowsError(try CSRMatrix<Double>(validating: 2, cols: 2, rowPointers: [0, 2, 2], columnIndices: [1, 0], values: [1, 1]))
        XCTAssertThrowsError(try CSRMatrix<Double>(validating: 2, cols: 2, rowPointers: [0, 1, 1], columnIndices: [2], values: [1]))
        XCTAssertThrowsError(try CSRMatrix<Double>(validating: 2, cols: 2, rowPointers: [0, 1], columnIndices: [0], values: [1]))
        XCTAssertNoThrow(try CSRMatrix<Double>(validating: 2, cols: 2, rowPointers: [0, 1, 2], columnIndices: [1, 0], values: [1, 1]))
    }
}
