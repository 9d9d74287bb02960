import XCTest
@testable import SNNReport

final class AxisTicksTests: XCTestCase {
    func testLinearTicksOfUnitInterval() {
        let t = AxisTicks.linear(lower: 0, upper: 1, targetCount: 5)
        XCTAssertEqual(t.major, [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        XCTAssertEqual(t.lower, 0)
        XCTAssertEqual(t.upper, 1)
        XCTAssertTrue(t.minor.isEmpty)
    }

    func testLinearTicksExpandToEnclosingSteps() {
        XCTAssertEqual(AxisTicks.linear(lower: 0.03, upper: 0.97, targetCount: 5).major, [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        XCTAssertEqual(AxisTicks.linear(lower: 0, upper: 1400, targetCount: 5).major, [0, 500, 1000, 1500])
        XCTAssertEqual(AxisTicks.linear(lower: -1, upper: 1, targetCount: 4).major, [-1, -0.5, 0, 0.5, 1])
        XCTAssertEqual(AxisTicks.linear(lower: 0.1, upper: 0.7, targetCount: 6).major,
                       [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
        let small = AxisTicks.linear(lower: 2e-5, upper: 9e-5, targetCount: 4)
        XCTAssertEqual(small.major, [2e-5, 4e-5, 6e-5, 8e-5, 1e-4])
    }

    func testLinearTicksWithFixedRangeStayInside() {
        let t = AxisTicks.linear(lower: 0.05, upper: 0.95, targetCount: 5, expand: false)
        XCTAssertEqual(t.lower, 0.05)
        XCTAssertEqual(t.upper, 0.95)
        XCTAssertEqual(t.major, [0.2, 0.4, 0.6, 0.8])
    }

    func testDegenerateLinearRangeIsWidened() {
        let t = AxisTicks.linear(lower: 3, upper: 3, targetCount: 4)
        XCTAssertLessThan(t.lower, 3)
        XCTAssertGreaterThan(t.upper, 3)
        XCTAssertTrue(t.major.contains(3))
    }

    func testLogTicksArePowersOfTen() {
        let t = AxisTicks.log10(lower: 1e-3, upper: 10, targetCount: 6)
        // Four decades plus a 4 % margin (0.16 decade) on each side.
        XCTAssertEqual(log10(t.lower), -3.16, accuracy: 1e-12)
        XCTAssertEqual(log10(t.upper), 1.16, accuracy: 1e-12)
        XCTAssertEqual(t.major, [1e-3, 1e-2, 1e-1, 1, 10])
        for v in t.major { XCTAssertEqual(log10(v), log10(v).rounded(), accuracy: 1e-12) }
        // Minor ticks at 2…9 × 10^k: 7, 8, 9 × 1e-4 in the lower margin, then 8 in each of the four decades.
        XCTAssertEqual(t.minor.count, 3 + 4 * 8)
        XCTAssertEqual(t.minor.first!, 7e-4)
        XCTAssertEqual(t.minor.last!, 9)
        XCTAssertTrue(t.minor.contains(2e-3) && t.minor.contains(5e-2))
    }

    func testLogTicksSkipDecadesOnWideRanges() {
        let t = AxisTicks.log10(lower: 1e-12, upper: 1e3, targetCount: 6)
        XCTAssertEqual(t.major, [1e-12, 1e-9, 1e-6, 1e-3, 1, 1e3])
        XCTAssertEqual(t.minor.count, 10)  // the skipped decades
    }

    func testLogTicksOverAboutTwoDecadesLabelTwoAndFive() {
        let t = AxisTicks.log10(lower: 16, upper: 1024)
        XCTAssertEqual(t.major, [20, 50, 100, 200, 500, 1000])
        let fixed = AxisTicks.log10(lower: 1e-6, upper: 1, expand: false)
        XCTAssertEqual(fixed.lower, 1e-6)
        XCTAssertEqual(fixed.upper, 1)
        XCTAssertEqual(fixed.major, [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1])
        XCTAssertEqual(fixed.minor.count, 6 * 8)
    }

    func testLogTicksWithinOneDecadeAddTwoAndFive() {
        let t = AxisTicks.log10(lower: 0.021, upper: 0.08)
        XCTAssertEqual(t.major, [0.01, 0.02, 0.05, 0.1])
        XCTAssertEqual(t.fraction(0.01), 0, accuracy: 1e-12)
        XCTAssertEqual(t.fraction(0.1), 1, accuracy: 1e-12)
        XCTAssertEqual(t.fraction(0.1.squareRoot() / 10), 0.5, accuracy: 1e-12)
    }
}
