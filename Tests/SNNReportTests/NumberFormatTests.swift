import XCTest
@testable import SNNReport

final class NumberFormatTests: XCTestCase {
    func testCompactLabels() {
        XCTAssertEqual(NumberFormat.compact(0.001), "1e-3")
        XCTAssertEqual(NumberFormat.compact(0.02), "0.02")
        XCTAssertEqual(NumberFormat.compact(1500), "1500")
        XCTAssertEqual(NumberFormat.compact(2.5e6), "2.5e6")
        XCTAssertEqual(NumberFormat.compact(1e5), "1e5")
        XCTAssertEqual(NumberFormat.compact(0), "0")
        XCTAssertEqual(NumberFormat.compact(-0.5), "-0.5")
        XCTAssertEqual(NumberFormat.compact(0.1 + 0.2), "0.3")
        XCTAssertEqual(NumberFormat.compact(0.0123456), "0.01235")
        XCTAssertEqual(NumberFormat.compact(3.14159, significant: 2), "3.1")
        XCTAssertEqual(NumberFormat.compact(-2.5e-4), "-2.5e-4")
        XCTAssertEqual(NumberFormat.compact(.nan), "NaN")
        XCTAssertEqual(NumberFormat.compact(-.infinity), "-∞")
    }

    func testCoordinatesHaveAtMostTwoDecimals() {
        XCTAssertEqual(NumberFormat.coordinate(12.3456), "12.35")
        XCTAssertEqual(NumberFormat.coordinate(3.0), "3")
        XCTAssertEqual(NumberFormat.coordinate(1.5), "1.5")
        XCTAssertEqual(NumberFormat.coordinate(-0.07), "-0.07")
        XCTAssertEqual(NumberFormat.coordinate(-0.001), "0")
        XCTAssertEqual(NumberFormat.coordinate(640.1), "640.1")
        XCTAssertEqual(NumberFormat.coordinate(.nan), "0")
    }

    func testTableCellText() {
        XCTAssertEqual(TableCell.number(0.0123456).text, "0.01235")
        XCTAssertEqual(TableCell.integer(20000).text, "20000")
        XCTAssertEqual(TableCell.seconds(0.85).text, "850 ms")
        XCTAssertEqual(TableCell.seconds(12.34).text, "12.3 s")
        XCTAssertEqual(TableCell.seconds(245).text, "4 min 05 s")
        XCTAssertEqual(TableCell.number(1.0 / 3.0, significant: 2).text, "0.33")
    }
}
