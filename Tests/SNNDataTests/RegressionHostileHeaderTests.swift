import Foundation
import XCTest
@testable import SNNData

/// Inputs whose headers claim far more data than the file holds (Fixtures/regressions/, written by
/// fuzz/make_regressions.py). Each must be refused with a `DataError` that names the problem, before any
/// allocation of the claimed size (an attempt would abort the test process).
final class RegressionHostileHeaderTests: XCTestCase {
    private func bytes(_ name: String) throws -> [UInt8] { try Fixtures.bytes("regressions/" + name) }

    private func assertMalformedNPY(_ name: String, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertThrowsError(try NPY.decode(try bytes(name)), file: file, line: line) { error in
            guard case let DataError.malformedNPY(_, problem) = error else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertTrue(problem.contains(fragment), problem, file: file, line: line)
        }
    }

    private func assertMalformedZip(_ name: String, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertThrowsError(try NPZ.decode(try bytes(name)), file: file, line: line) { error in
            guard case let DataError.malformedZip(_, problem) = error else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertTrue(problem.contains(fragment), problem, file: file, line: line)
        }
    }

    func testNPYHeaderClaiming1e12ElementsIsRefused() throws {
        try assertMalformedNPY("npy_1e12_elements.npy", "= 8000000000000 bytes but 16 data bytes follow the header")
    }

    func testNPYShapeOverflowIsRefused() throws {
        try assertMalformedNPY("npy_shape_overflow.npy", "more elements than this machine can address")
    }

    func testNPYHeaderLengthPastTheEndIsRefused() throws {
        try assertMalformedNPY("npy_header_length_4gib.npy", "header claims 4294967295 bytes but only 88 follow")
    }

    func testNPZMemberClaiming4GiBIsRefusedBeforeInflating() throws {
        try assertMalformedZip("npz_inflate_claims_4gib.npz", "claims 4294967280 bytes from")
    }

    func testNPZDirectoryWithTooManyMembersIsRefused() throws {
        try assertMalformedZip("npz_65535_members.npz", "65534 entries cannot fit in a 51-byte central directory")
    }

    func testNPZMemberInflatingPastItsDeclaredSizeStopsAtTheDeclaredSize() throws {
        try assertMalformedZip("npz_inflates_past_declared.npz", "inflates to more than its declared 100 bytes")
    }

    func testCSVWithAnEmptyValueNamesItsColumn() throws {
        XCTAssertThrowsError(try CSV.decode(try bytes("csv_commas.csv"))) { error in
            XCTAssertEqual(error as? DataError, .malformedCSV(file: nil, line: 1, row: 1, column: 2, problem: "empty value; fill in a number"))
        }
    }
}
