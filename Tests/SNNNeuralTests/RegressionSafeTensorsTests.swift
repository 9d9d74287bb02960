import XCTest
@testable import SNNNeural

/// `.safetensors` headers that claim more than the file holds: each is refused with
/// `NeuralError.invalidSafeTensors` before any allocation of the claimed size.
final class RegressionSafeTensorsTests: XCTestCase {
    /// A file: 8-byte header length, the JSON header padded to a multiple of 8, then `data`.
    private func file(_ header: String, data: [UInt8] = [], declaredLength: UInt64? = nil) -> [UInt8] {
        var h = Array(header.utf8)
        while h.count % 8 != 0 { h.append(0x20) }
        var out = [UInt8]()
        SafeTensors.Tensor.appendLittleEndian(declaredLength ?? UInt64(h.count), to: &out)
        return out + h + data
    }

    private func assertRefused(_ bytes: [UInt8], _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try SafeTensors.decode(bytes), file: file, line: line) { error in
            guard case let NeuralError.invalidSafeTensors(message) = error else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertTrue(message.contains(fragment), message, file: file, line: line)
        }
    }

    func testHeaderLengthOf2To63IsRefused() {
        assertRefused(file("{}", declaredLength: 1 << 63), "exceeds the limit of 100000000 bytes")
    }

    func testTensorOf1e12ElementsIsRefused() {
        let header = #"{"w":{"dtype":"F64","shape":[1000000,1000000],"data_offsets":[0,16]}}"#
        assertRefused(file(header, data: [UInt8](repeating: 0, count: 16)), "needs 8000000000000 bytes but data_offsets give 16")
    }

    func testShapeOverflowIsRefused() {
        let header = #"{"w":{"dtype":"F64","shape":[4294967296,4294967296,4],"data_offsets":[0,8]}}"#
        assertRefused(file(header, data: [UInt8](repeating: 0, count: 8)), "overflows")
    }

    func testOffsetsPastTheDataAreRefused() {
        let header = #"{"w":{"dtype":"U8","shape":[1099511627776],"data_offsets":[0,1099511627776]}}"#
        assertRefused(file(header, data: [1, 2, 3]), "run past the 3 data bytes")
    }
}
