import Foundation
import XCTest
@testable import SNNLinalg

/// The reference eigensolvers and the sparse Cholesky against a committed SciPy fixture
/// (scripts/make_eigen_fixtures.py: 600 points on S², kNN k = 10, normalized adjacency, SciPy eigsh top 4).
final class EigensolverTests: XCTestCase {
    private struct Fixture {
        var a: CSRMatrix<Double>
        var values: [Double]
        var vectors: Matrix<Double>
    }

    private static let fixtureDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    private func raw<T>(_ name: String, as: T.Type) throws -> [T] {
        let data = try Data(contentsOf: Self.fixtureDirectory.appendingPathComponent("eigen_knn600_\(name).bin"))
        XCTAssertEqual(data.count % MemoryLayout<T>.stride, 0)
        return data.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }   // the fixture is little-endian, as is the host
    }

    private func fixture() throws -> Fixture {
        let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixtureDirectory.appendingPathComponent("eigen_knn600_meta.json"))) as! [String: Any]
        let n = meta["n"] as! Int, r = meta["r"] as! Int
        let a = try CSRMatrix<Double>(validating: n, cols: n, rowPointers: try raw("indptr", as: Int64.self).map { Int($0) },
                                      columnIndices: try raw("indices", as: Int32.self), values: try raw("data", as: Double.self))
        XCTAssertEqual(a.nonzeroCount, meta["nnz"] as! Int)
        return Fixture(a: a, values: try raw("values", as: Double.self),
                       vectors: Matrix(rows: n, cols: r, storage: try raw("vectors", as: Double.self)))
    }

    func testAllSolversAgreeWithSciPyFixture() throws {
        let f = try fixture()
        let r = f.values.count
        for solver in [EigenSolver.dense, .arpack, .shiftInvert] {
            let result = try topEigenpairs(of: f.a, count: r, solver: solver, tolerance: 1e-12)
            XCTAssertEqual(result.solver, solver)
            for j in 0..<r { XCTAssertEqual(result.values[j], f.values[j], accuracy: 1e-10, "\(solver) value \(j)") }
            XCTAssertLessThan(result.vectors.maxAbsDifference(f.vectors), 1e-8, "\(solver) vectors")
            XCTAssertLessThan(result.residuals.max()!, 1e-11, "\(solver) residuals")
            XCTAssertEqual(result.residuals.count, r)
        }
        XCTAssertEqual(try topEigenpairs(of: f.a, count: 2).solver, .dense)
    }

    func testResidualsAreReportedHonestly() throws {
        let f = try fixture()
        let result = try topEigenpairs(of: f.a, count: 3, solver: .shiftInvert)
        let av = f.a.multiply(result.vectors)
        for j in 0..<3 {
            let r = (0..<f.a.rows).map { av[$0, j] - result.values[j] * result.vectors[$0, j] }
            XCTAssertEqual(result.residuals[j], Vector.norm(r), accuracy: 1e-15)
            XCTAssertLessThan(result.residuals[j], 1e-10)
        }
    }

    func testRepeatedTopEigenvalueOfDisconnectedGraph() throws {
        // The fixture graph plus a disjoint path of m vertices: the normalized adjacency of a path has the eigenvalues
        // cos(πk/(m − 1)), so the top four are 1 (twice), cos(π/(m − 1)) and cos(2π/(m − 1)).
        let f = try fixture()
        let n = f.a.rows, m = 200
        var triplets: [(row: Int, col: Int, value: Double)] = []
        for i in 0..<n {
            for p in f.a.rowPointers[i]..<f.a.rowPointers[i + 1] { triplets.append((i, Int(f.a.columnIndices[p]), f.a.values[p])) }
        }
        let degree = (0..<m).map { $0 == 0 || $0 == m - 1 ? 1.0 : 2.0 }
        for i in 0..<(m - 1) {
            let w = 1 / (degree[i] * degree[i + 1]).squareRoot()
            triplets.append((n + i, n + i + 1, w)); triplets.append((n + i + 1, n + i, w))
        }
        let graph = CSRMatrix<Double>(rows: n + m, cols: n + m, triplets: triplets)
        let expected = [1, 1, cos(Double.pi / Double(m - 1)), cos(2 * Double.pi / Double(m - 1))]
        let dense = try topEigenpairs(of: graph, count: 4, solver: .dense)
        let shifted = try topEigenpairs(of: graph, count: 4, solver: .shiftInvert, tolerance: 1e-12)
        for j in 0..<4 {
            XCTAssertEqual(dense.values[j], expected[j], accuracy: 1e-12)
            XCTAssertEqual(shifted.values[j], expected[j], accuracy: 1e-10)
        }
        // The eigenvectors of the repeated eigenvalue are defined up to rotation: compare the spanned subspaces.
        let pd = Matrix.multiply(dense.vectors, dense.vectors, transposeB: true)
        let ps = Matrix.multiply(shifted.vectors, shifted.vectors, transposeB: true)
        XCTAssertLessThan((pd - ps).frobeniusNorm, 1e-8)
        XCTAssertLessThan(shifted.residuals.max()!, 1e-11)
    }

    func testBadRequestsThrow() throws {
        let f = try fixture()
        let n = f.a.rows
        for r in [0, -1, n, n + 1] {
            XCTAssertThrowsError(try topEigenpairs(of: f.a, count: r)) {
                XCTAssertEqual($0 as? EigenSolverError, .invalidCount(requested: r, dimension: n))
            }
        }
        let asymmetric = CSRMatrix<Double>(rows: 3, cols: 3, triplets: [(0, 1, 1.0), (1, 0, 1.0 + 1e-9), (2, 2, 1.0)])
        XCTAssertThrowsError(try topEigenpairs(of: asymmetric, count: 1)) {
            guard case LinalgError.invalidMatrix = $0 else { return XCTFail("\($0)") }
        }
    }

    func testCholeskySolveResidualIsTiny() throws {
        let f = try fixture()
        let n = f.a.rows, sigma = 1.001
        var b = Matrix<Double>(rows: n, cols: 3)
        for i in 0..<n { for j in 0..<3 { b[i, j] = sin(Double(i * (j + 1))) } }
        for ordering in SparseCholesky.Ordering.allCases {
            let chol = try SparseCholesky.factor(f.a, shift: sigma, ordering: ordering)
            let x = try chol.solve(b)
            var residual = sigma * x - f.a.multiply(x)      // (σI − A) x
            residual.add(b, scaledBy: -1)
            // ‖(σI − A)⁻¹‖ = 1/(σ − 1) = 1000, so x is large; the residual must still be at roundoff level.
            XCTAssertLessThan(residual.frobeniusNorm / b.frobeniusNorm, 1e-13, "\(ordering)")
            // The top eigenvector u₁ (λ = 1) comes back as u₁/(σ − 1).
            let top = try chol.solve(Matrix(rows: n, cols: 1, storage: f.vectors.column(0)))
            for i in 0..<n { XCTAssertEqual(top[i, 0], f.vectors[i, 0] / (sigma - 1), accuracy: 1e-8) }
            XCTAssertFalse(chol.orderingUsed.isEmpty)
            XCTAssertGreaterThanOrEqual(chol.factorEntries, n)
            var single = [Double](repeating: 0, count: n)
            let column = b.column(1)
            try column.withUnsafeBufferPointer { pb in try single.withUnsafeMutableBufferPointer { try chol.solve(pb, into: $0) } }
            XCTAssertLessThan(zip(single, x.column(1)).map { abs($0 - $1) }.max()!, 1e-9 * x.frobeniusNorm)
        }
    }

    func testCholeskyOfIndefiniteShiftThrows() throws {
        let f = try fixture()
        XCTAssertThrowsError(try SparseCholesky.factor(f.a, shift: 0.99)) {
            guard case LinalgError.notPositiveDefinite = $0 else { return XCTFail("\($0)") }
            XCTAssertTrue("\($0)".contains("largest eigenvalue"))
        }
    }

    func testLanczosEstimateBracketsTheSpectrumFromInside() throws {
        let f = try fixture()
        let (lo, hi) = try lanczosExtremeRitzValues(dimension: f.a.rows, steps: 40) { x, y in f.a.multiplyVector(x, into: y) }
        XCTAssertLessThanOrEqual(hi, 1 + 1e-12)
        XCTAssertGreaterThan(hi, 0.97)
        XCTAssertLessThan(lo, 0)
    }
}
