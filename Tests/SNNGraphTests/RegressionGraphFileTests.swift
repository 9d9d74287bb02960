import XCTest
import SNNData
@testable import SNNGraph

/// SciPy CSR files whose `shape` or `indptr` claim far more than the file holds: refused by `GraphFile.decode`
/// before allocating anything of the claimed size.
final class RegressionGraphFileTests: XCTestCase {
    private func csr(n: Int64, indptr: [Int64], indices: [Int32], data: [Double]) throws -> [UInt8] {
        try NPZ.encodeMembers([
            ("indices", NPY.encode(NumpyArray(int32: indices, shape: [indices.count]))),
            ("indptr", NPY.encode(NumpyArray(int64: indptr, shape: [indptr.count]))),
            ("format", NPY.encodeText("csr")),
            ("shape", NPY.encode(NumpyArray(int64: [n, n], shape: [2]))),
            ("data", NPY.encode(NumpyArray(float64: data, shape: [data.count]))),
        ], compressed: false)
    }

    private func assertRefused(_ bytes: [UInt8], _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try GraphFile.decode(bytes), file: file, line: line) { error in
            XCTAssertTrue("\(error)".contains(fragment), "\(error)", file: file, line: line)
        }
    }

    func testBillionVerticesWithTwoPointerEntriesIsRefused() throws {
        assertRefused(try csr(n: 1_000_000_000, indptr: [0, 1], indices: [0], data: [1]),
                      "'indptr' has 2 entries but shape (1000000000, 1000000000) needs n + 1 = 1000000001")
    }

    func testMoreVerticesThanInt32IsRefused() throws {
        assertRefused(try csr(n: 1 << 40, indptr: [0], indices: [], data: []), "snn handles at most 2147483646")
    }

    func testPointersBeyondTheDataAreRefused() throws {
        assertRefused(try csr(n: 2, indptr: [0, 1 << 40, 1 << 41], indices: [0], data: [1]), "indptr")
    }
}
