import XCTest
@testable import SNNReport

final class ColormapTests: XCTestCase {
    func testViridisEndpointsAndMiddle() {
        XCTAssertEqual(Colormap.viridis.color(at: 0).hex, "#440154")
        XCTAssertEqual(Colormap.viridis.color(at: 1).hex, "#fde725")
        XCTAssertEqual(Colormap.viridis.color(at: 0.5).hex, "#21918c")
        XCTAssertEqual(Colormap.viridis.color(at: -3).hex, "#440154")
        XCTAssertEqual(Colormap.viridis.color(at: 7).hex, "#fde725")
    }

    func testInterpolationBetweenAnchors() {
        let map = Colormap(anchors: [RGBColor(hex: "#000000"), RGBColor(hex: "#c86432")])
        XCTAssertEqual(map.color(at: 0.5), RGBColor(red: 100, green: 50, blue: 25))
        XCTAssertEqual(map.color(at: 0.25), RGBColor(red: 50, green: 25, blue: 13))  // 12.5 rounds away from 0
        XCTAssertEqual(map.color(for: 3, in: 2...6), map.color(at: 0.25))
        XCTAssertEqual(map.color(at: .nan), RGBColor(red: 128, green: 128, blue: 128))
    }

    func testDivergingIsPaleInTheMiddle() {
        let mid = Colormap.diverging.color(at: 0.5)
        XCTAssertEqual(mid.hex, "#dcdad8")
        let low = Colormap.diverging.color(at: 0), high = Colormap.diverging.color(at: 1)
        XCTAssertGreaterThan(low.blue, low.red)
        XCTAssertGreaterThan(high.red, high.blue)
    }

    func testPaletteAndHex() {
        XCTAssertEqual(RGBColor.palette.count, 10)
        XCTAssertEqual(Set(RGBColor.palette).count, 10)
        XCTAssertEqual(RGBColor.categorical(10), RGBColor.categorical(0))
        XCTAssertEqual(RGBColor.categorical(-1), RGBColor.categorical(9))
        XCTAssertEqual(RGBColor(hex: "#0a0B0c"), RGBColor(red: 10, green: 11, blue: 12))
        XCTAssertEqual(RGBColor(red: 255, green: 0, blue: 16).hex, "#ff0010")
    }
}
