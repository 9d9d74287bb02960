import XCTest
import Foundation
import SNNData
import SNNLinalg
@testable import SNNNeural

/// The `.safetensors` reader and writer: round trips, the byte layout of the spec, a file written by the Python
/// `safetensors` package, and hostile inputs.
final class SafeTensorsTests: XCTestCase {
    /// Written by `scripts/make_safetensors_fixture.py` (safetensors 0.8.0, numpy), base64.
    static let pythonFixture = "WAEAAAAAAAB7Il9fbWV0YWRhdGFfXyI6eyJub3RlIjoiZml4dHVyZSBcInF1b3RlZFwiIMOpIiwiYWN0aXZhdGlvbiI6InJlbHUiLCJ3aWR0aHMiOiIzLDIifSwiY291bnRzIjp7ImR0eXBlIjoiSTY0Iiwic2hhcGUiOlsxLDNdLCJkYXRhX29mZnNldHMiOlswLDI0XX0sInNpZ21hIjp7ImR0eXBlIjoiRjY0Iiwic2hhcGUiOls0XSwiZGF0YV9vZmZzZXRzIjpbMjQsNTZdfSwibGF5ZXJzLjAuYmlhcyI6eyJkdHlwZSI6IkYzMiIsInNoYXBlIjpbMl0sImRhdGFfb2Zmc2V0cyI6WzU2LDY0XX0sImxheWVycy4wLndlaWdodCI6eyJkdHlwZSI6IkYzMiIsInNoYXBlIjpbMiwzXSwiZGF0YV9vZmZzZXRzIjpbNjQsODhdfX0gIP3/////////AAAAAAAAAAAHAAAAAAAAAAAAAAAAAOA/AAAAAAAA0D8AAAAAAADAP/yp8dJNYlA/AACgvwAAAEAAAAA/AADAPwAAIEAAAChBAAA4QQAASEE="

    /// A file with the given header text (unpadded) and data bytes.
    private func file(_ header: String, _ data: [UInt8] = []) -> [UInt8] {
        let h = Array(header.utf8)
        var out = [UInt8]()
        var n = UInt64(h.count).littleEndian
        withUnsafeBytes(of: &n) { out.append(contentsOf: $0) }
        return out + h + data
    }

    private func assertRejected(_ bytes: [UInt8], _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try SafeTensors.decode(bytes), file: file, line: line) { error in
            guard case let .invalidSafeTensors(message)? = error as? NeuralError else {
                return XCTFail("unexpected error \(error)", file: file, line: line)
            }
            XCTAssertTrue(message.contains(fragment), "'\(message)' does not mention '\(fragment)'", file: file, line: line)
        }
    }

    func testRoundTrip() throws {
        let tensors = [
            SafeTensors.Tensor(name: "w", matrix: Matrix<Float>([[1, -2.5, 3], [4, 5, 6e-8]])),
            SafeTensors.Tensor(name: "sigma", shape: [3], values: [1.0, 0.5, -0.25]),
            SafeTensors.Tensor(name: "empty", shape: [0, 4], values: [Double]()),
            SafeTensors.Tensor(name: "seed", shape: [], int64: [-42]),
            SafeTensors.Tensor(name: "naïve \"name\"", shape: [2], int64: [Int64.max, Int64.min]),
        ]
        let metadata = ["activation": "relu", "widths": "3,128,128,4", "quote": "a \"b\" \\ c\nd\u{1}", "ü": "✓"]
        let bytes = SafeTensors.encode(tensors: tensors, metadata: metadata)
        let decoded = try SafeTensors.decode(bytes)
        XCTAssertEqual(decoded.tensors, tensors)
        XCTAssertEqual(decoded.metadata, metadata)
        XCTAssertEqual(try decoded.tensors[0].matrix(as: Float.self), Matrix<Float>([[1, -2.5, 3], [4, 5, 6e-8]]))
        XCTAssertEqual(try decoded.tensors[1].values(as: Double.self), [1.0, 0.5, -0.25])
        XCTAssertEqual(try decoded.tensors[3].integers(), [-42])
        XCTAssertEqual(try decoded.tensors[4].integers(), [Int64.max, Int64.min])
        XCTAssertThrowsError(try decoded.tensors[3].values(as: Float.self))
        XCTAssertThrowsError(try decoded.tensors[0].integers())
        XCTAssertThrowsError(try SafeTensors.tensor(named: "missing", in: decoded.tensors))
    }

    func testByteLayoutFollowsTheSpec() throws {
        let bytes = SafeTensors.encode(tensors: [SafeTensors.Tensor(name: "a", shape: [2], values: [Float(1), -2])],
                                       metadata: ["k": "v"])
        let header = #"{"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#
        let padded = header + String(repeating: " ", count: (8 - header.utf8.count % 8) % 8)
        XCTAssertEqual(padded.utf8.count % 8, 0)
        XCTAssertEqual(Array(bytes[0..<8]), [UInt8(padded.utf8.count), 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(String(decoding: bytes[8..<(8 + padded.utf8.count)], as: UTF8.self), padded)
        // 1.0f = 0x3F800000, −2.0f = 0xC0000000, little-endian.
        XCTAssertEqual(Array(bytes[(8 + padded.utf8.count)...]), [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0])
        // The tuple form writes the same bytes.
        XCTAssertEqual(SafeTensors.encode(tensors: [(name: "a", dtype: .f32, shape: [2], bytes: [0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0])],
                                          metadata: ["k": "v"]), bytes)
        // No metadata: no __metadata__ key at all.
        let bare = SafeTensors.encode(tensors: [SafeTensors.Tensor(name: "x", shape: [1], int64: [1])])
        XCTAssertFalse(String(decoding: bare, as: UTF8.self).contains("__metadata__"))
        XCTAssertEqual((bare.count - 8) % 8, 0)
    }

    func testReadsAFileWrittenByPythonSafetensors() throws {
        let bytes = [UInt8](Data(base64Encoded: Self.pythonFixture)!)
        let (tensors, metadata) = try SafeTensors.decode(bytes)
        XCTAssertEqual(metadata, ["activation": "relu", "widths": "3,2", "note": "fixture \"quoted\" é"])
        XCTAssertEqual(Set(tensors.map(\.name)), ["layers.0.weight", "layers.0.bias", "sigma", "counts"])
        let w = try SafeTensors.tensor(named: "layers.0.weight", in: tensors)
        XCTAssertEqual(w.dtype, .f32)
        XCTAssertEqual(try w.matrix(as: Float.self), Matrix<Float>([[0.5, 1.5, 2.5], [10.5, 11.5, 12.5]]))
        XCTAssertEqual(try SafeTensors.tensor(named: "layers.0.bias", in: tensors).values(as: Float.self), [-1.25, 2])
        let sigma = try SafeTensors.tensor(named: "sigma", in: tensors)
        XCTAssertEqual(sigma.dtype, .f64)
        XCTAssertEqual(try sigma.values(as: Double.self), [0.5, 0.25, 0.125, 1e-3])
        let counts = try SafeTensors.tensor(named: "counts", in: tensors)
        XCTAssertEqual(counts.shape, [1, 3])
        XCTAssertEqual(try counts.integers(), [-3, 0, 7])
        // The Python file holds a one-layer network snn can load.
        let net = try MLP<Double>(tensors: tensors, activation: .relu)
        XCTAssertEqual(net.widths, [3, 2])
        XCTAssertEqual(net.forward(Matrix([[1, 0, -1]])), Matrix([[0.5 - 2.5 - 1.25, 10.5 - 12.5 + 2]]))
    }

    func testNetworkRoundTripThroughAFile() throws {
        var rng = SeededGenerator(seed: 1)
        let net = MLP<Float>(widths: [3, 8, 8, 4], activation: .relu, using: &rng)
        let tensors = net.tensors()
        XCTAssertEqual(tensors.map(\.name), ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias",
                                             "layers.2.weight", "layers.2.bias"])
        XCTAssertEqual(tensors[2].shape, [8, 8])
        XCTAssertEqual(tensors[4].shape, [4, 8])
        XCTAssertTrue(tensors.allSatisfy { $0.dtype == .f32 })
        let (decoded, _) = try SafeTensors.decode(SafeTensors.encode(tensors: tensors, metadata: ["activation": "relu"]))
        XCTAssertEqual(try MLP<Float>(tensors: decoded, activation: .relu), net)
        let asDouble = try MLP<Double>(tensors: decoded, activation: .relu)
        XCTAssertEqual(asDouble.parameters.map { Float($0) }, net.parameters)

        XCTAssertThrowsError(try MLP<Float>(tensors: [], activation: .relu))
        XCTAssertThrowsError(try MLP<Float>(tensors: Array(tensors.dropLast()), activation: .relu)) {
            XCTAssertTrue("\($0)".contains("layers.2.bias"), "\($0)")
        }
        var broken = tensors
        broken[2] = SafeTensors.Tensor(name: "layers.1.weight", matrix: Matrix<Float>(rows: 8, cols: 5))
        XCTAssertThrowsError(try MLP<Float>(tensors: broken, activation: .relu)) {
            XCTAssertTrue("\($0)".contains("takes 5 inputs"), "\($0)")
        }
    }

    func testHostileInputsAreClearErrors() {
        let entry = #""t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}"#
        let eight = [UInt8](repeating: 0, count: 8)
        XCTAssertNoThrow(try SafeTensors.decode(file("{\(entry)}", eight)))
        assertRejected([1, 2, 3], "fewer than the 8-byte header length")
        var tooLong = file("{\(entry)}", eight)
        tooLong[0] = 200
        assertRejected(tooLong, "larger than the")
        assertRejected([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x7B], "exceeds the limit")
        assertRejected(file("[1]"), "does not start with a JSON object")
        assertRejected(file("{\"t\": }"), "not valid JSON")
        assertRejected(file("{\(entry)} x", eight), "not valid JSON")
        assertRejected(file(#"{"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, [0, 0, 0, 0]), "run past the 4 data bytes")
        assertRejected(file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, eight),
                       "overlaps")
        assertRejected(file(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, eight), "hole")
        assertRejected(file("{\(entry)}", eight + [0, 0, 0, 0, 0, 0, 0, 0]), "after the last tensor")
        assertRejected(file(#"{"t":{"dtype":"F128","shape":[1],"data_offsets":[0,8]}}"#, eight), "unknown dtype \"F128\"")
        assertRejected(file(#"{"t":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, eight), "needs 12 bytes but data_offsets give 8")
        assertRejected(file(#"{"t":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, eight), "not a non-negative integer")
        assertRejected(file(#"{"t":{"dtype":"F32","shape":[2.0],"data_offsets":[0,8]}}"#, eight), "not a non-negative integer")
        assertRejected(file(#"{"t":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}}"#, eight), "overflows")
        assertRejected(file(#"{"t":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, eight), "end before they begin")
        assertRejected(file(#"{"t":{"dtype":"F32","shape":[2],"data_offsets":[0]}}"#, eight), "two non-negative integers")
        assertRejected(file(#"{"t":{"dtype":"F32","shape":[2]}}"#, eight), "has no \"data_offsets\"")
        assertRejected(file(#"{"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"x":1}}"#, eight), "unknown field")
        assertRejected(file(#"{"__metadata__":{"k":3},\#(entry)}"#, eight), "metadata 'k' is a number")
        assertRejected(file(#"{\#(entry),\#(entry)}"#, eight), "duplicate key")
        assertRejected(file("{\"t\":" + String(repeating: "[", count: 10_000) + "}"), "nested deeper")
        assertRejected(file("{\"t\":\"\u{1}\"}"), "control character")
    }

    func testCorruptedFilesNeverCrash() {
        var rng = SeededGenerator(seed: 7)
        let net = MLP<Float>(widths: [2, 3, 1], activation: .relu, using: &rng)
        let valid = SafeTensors.encode(tensors: net.tensors(), metadata: ["activation": "relu"])
        var accepted = 0, rejected = 0
        for _ in 0..<3000 {
            var bytes = valid
            for _ in 0..<(1 + rng.integer(below: 3)) {
                bytes[rng.integer(below: bytes.count)] = UInt8(truncatingIfNeeded: rng.next())
            }
            if rng.integer(below: 4) == 0 { bytes.removeLast(rng.integer(below: bytes.count)) }
            if (try? SafeTensors.decode(bytes)) != nil { accepted += 1 } else { rejected += 1 }
        }
        // Most corruptions hit the header or truncate the file and are caught; flips inside the data are valid files.
        XCTAssertGreaterThan(rejected, 1000)
        XCTAssertGreaterThan(accepted, 0)
    }
}
