import XCTest
import SNNLinalg
@testable import SNNData

/// `.npy` decoding/encoding against NumPy-written fixtures, and hostile inputs.
final class NPYTests: XCTestCase {
    private let npy = Fixtures.section("npy")

    func testEveryFixtureReadsBackExactly() throws {
        XCTAssertEqual(npy.count, 16)
        for (name, description) in npy {
            let expected = ExpectedArray(description)
            let a = try NPY.read(path: Fixtures.path(name))
            try expected.check(a, name)
        }
    }

    func testFortranOrderFilesAreReorderedToCOrder() throws {
        // Fortran files store columns contiguously; the decoded bytes must be the C-order values.
        let raw = try Fixtures.bytes("f8_f.npy")
        let a = try NPY.decode(raw)
        let header = try NPY.parseHeader(raw)
        XCTAssertTrue(header.fortranOrder)
        let stored = NumpyArray(shape: [a.shape[1], a.shape[0]], dtype: .float64, bytes: Array(raw[header.dataOffset...]))
        let m: Matrix<Double> = try a.matrix()
        XCTAssertEqual(m, try stored.matrix(Double.self).transposed())
        XCTAssertEqual(try NPY.parseHeader(try Fixtures.bytes("i8_v3_f.npy")).fortranOrder, true)
    }

    func testHeaderVersions() throws {
        XCTAssertEqual(try NPY.parseHeader(try Fixtures.bytes("f8_c.npy")).major, 1)
        XCTAssertEqual(try NPY.parseHeader(try Fixtures.bytes("f8_v2.npy")).major, 2)
        XCTAssertEqual(try NPY.parseHeader(try Fixtures.bytes("f4_v3.npy")).major, 3)
        XCTAssertEqual(try NPY.parseHeader(try Fixtures.bytes("i8_v3_f.npy")).major, 3)
    }

    func testEncoderMatchesNumpySaveByteForByte() throws {
        let cOrder = ["f4_c.npy", "f8_c.npy", "i4_c.npy", "i8_c.npy", "f8_1d.npy", "i4_1d.npy",
                      "f8_0d.npy", "f8_3d.npy", "f8_empty.npy"]
        for name in cOrder {
            let raw = try Fixtures.bytes(name)
            let encoded = NPY.encode(try NPY.decode(raw))
            XCTAssertEqual(encoded, raw, name)
            XCTAssertEqual(try NPY.parseHeader(encoded).dataOffset % 64, 0, name)
        }
    }

    func testMatrixViews() throws {
        let oneD = try NPY.read(path: Fixtures.path("f8_1d.npy"))
        let column: Matrix<Double> = try oneD.matrix()
        XCTAssertEqual(column.rows, 5)
        XCTAssertEqual(column.cols, 1)
        XCTAssertEqual(column.storage, oneD.doubles())

        let ints = try NPY.read(path: Fixtures.path("i8_c.npy"))
        let converted: Matrix<Double> = try ints.matrix()
        XCTAssertEqual(converted.storage, try ints.int64s().map { Double($0) })
        XCTAssertEqual(converted.rows, 3)
        XCTAssertEqual(converted.cols, 4)

        let f32 = try NPY.read(path: Fixtures.path("f4_c.npy"))
        let asFloat: Matrix<Float> = try f32.matrix()
        XCTAssertEqual(asFloat.storage.map { Double($0) }, f32.doubles())
        XCTAssertEqual(NumpyArray(asFloat), f32)

        for name in ["f8_0d.npy", "f8_3d.npy"] {
            let e = assertDataError(try NPY.read(path: Fixtures.path(name)).matrix(Double.self))
            XCTAssertTrue(e?.description.contains("1-D or 2-D") ?? false, "\(String(describing: e))")
        }
        XCTAssertNotNil(assertDataError(try f32.int64s()))
    }

    func testWriteThenReadRoundTripsEveryDType() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var rng = SeededGenerator(seed: 7)
        let m = Matrix<Double>(rows: 6, cols: 3) { _, _ in rng.normal() }
        let arrays = [NumpyArray(m), NumpyArray(m.converted(to: Float.self)), NumpyArray(vector: m.storage),
                      NumpyArray(int32: [1, -2, 3, Int32.max, Int32.min, 0], shape: [2, 3]),
                      NumpyArray(int64: [Int64.max, Int64.min, 5, -7], shape: [4])]
        for (k, a) in arrays.enumerated() {
            let path = folder + "/a\(k).npy"
            try NPY.write(a, path: path)
            XCTAssertEqual(try NPY.read(path: path), a)
        }
        XCTAssertEqual(try NPY.read(path: folder + "/a0.npy").matrix(Double.self), m)
    }

    func testHeaderParserAcceptsPythonSpellings() throws {
        let body: [UInt8] = [0, 0, 0, 0, 0, 0, 0xF0, 0x3F]   // 1.0 as <f8
        for dict in ["{\"shape\": (1L,), \"fortran_order\": False, \"descr\": \"<f8\"}",
                     "{'descr':'=f8','fortran_order':True,'shape':(1,)}",
                     "{ 'descr' : '|f8' , 'fortran_order' : False , 'shape' : ( 1 , ) , }"] {
            let a = try NPY.decode(handMade(dict) + body)
            XCTAssertEqual(a.doubles(), [1.0], dict)
        }
    }

    func testGarbageHeadersAreRejected() {
        let body = [UInt8](repeating: 0, count: 24)
        let cases = [
            "{'descr': '<f8', 'fortran_order': False}",                                   // missing shape
            "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'extra': 1}",        // unknown key
            "{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (3,)}",    // duplicate key
            "{'descr': '<f8', 'fortran_order': Maybe, 'shape': (3,)}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': [3]}",                     // a list, not a tuple
            "{'descr': '<f8', 'fortran_order': False, 'shape': (3)}",                     // an int, not a tuple
            "{'descr': '<f8', 'fortran_order': False, 'shape': (-3,)}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)} junk",
            "{'descr': <f8, 'fortran_order': False, 'shape': (3,)}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)",
            "not a dict at all",
        ]
        for dict in cases {
            let e = assertDataError(try NPY.decode(handMade(dict) + body))
            guard case .malformedNPY = e else { XCTFail("\(dict): \(String(describing: e))"); continue }
        }
    }

    func testTruncatedFileIsAnError() throws {
        let raw = try Fixtures.bytes("f8_c.npy")
        for cut in [3, 9, 40, raw.count - 1] {
            let e = assertDataError(try NPY.decode(Array(raw.prefix(cut))))
            guard case .malformedNPY = e else { XCTFail("cut \(cut): \(String(describing: e))"); continue }
        }
        let e = assertDataError(try NPY.decode(Array(raw.prefix(raw.count - 8))))
        XCTAssertTrue(e?.description.contains("96 bytes") ?? false, "\(String(describing: e))")
    }

    func testWrongShapeAndHugeCountsAreErrorsWithoutAllocation() {
        let body = [UInt8](repeating: 0, count: 48)   // 6 float64 values
        let shapes = ["(2, 4)", "(7,)", "(1000000, 1000000)", "(1000000000000,)",
                      "(4294967296, 4294967296)", "(99999999999999999999,)", "(3037000500, 3037000500)"]
        for shape in shapes {
            let e = assertDataError(try NPY.decode(handMade("{'descr': '<f8', 'fortran_order': False, 'shape': \(shape), }") + body))
            guard case .malformedNPY = e else { XCTFail("\(shape): \(String(describing: e))"); continue }
        }
        // Element count fits in Int but its byte size does not.
        let e = assertDataError(try NPY.decode(handMade("{'descr': '<f8', 'fortran_order': False, 'shape': (2305843009213693952,), }") + body))
        XCTAssertTrue(e?.description.contains("more than") ?? false, "\(String(describing: e))")
        XCTAssertEqual(try NPY.decode(handMade("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }") + body).shape, [2, 3])
    }

    func testUnsupportedDTypes() {
        for descr in ["<f2", ">f8", "|u1", "<c16", "|b1", "<U3", "O"] {
            let e = assertDataError(try NPY.decode(handMade("{'descr': '\(descr)', 'fortran_order': False, 'shape': (1,), }") + [0, 0, 0, 0, 0, 0, 0, 0]))
            guard case .unsupportedDType = e else { XCTFail("\(descr): \(String(describing: e))"); continue }
            XCTAssertTrue(e!.description.contains(descr))
        }
        let structured = handMade("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }") + [UInt8](repeating: 0, count: 8)
        guard case .unsupportedDType = assertDataError(try NPY.decode(structured)) else { return XCTFail() }
        XCTAssertTrue(assertDataError(try NPY.decode(handMade("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }") + [UInt8](repeating: 0, count: 8)))?
            .description.contains("big-endian") ?? false)
    }

    func testBadMagicAndVersion() throws {
        var raw = try Fixtures.bytes("f8_c.npy")
        raw[1] = UInt8(ascii: "X")
        XCTAssertTrue(assertDataError(try NPY.decode(raw))?.description.contains("magic") ?? false)
        raw = try Fixtures.bytes("f8_c.npy")
        raw[6] = 4
        XCTAssertTrue(assertDataError(try NPY.decode(raw))?.description.contains("4.0") ?? false)
    }

    func testTextScalarsRoundTrip() throws {
        let ascii = NPY.encodeText("csr")
        XCTAssertEqual(try NPY.parseHeader(ascii).descr, "|S3")
        XCTAssertEqual(try NPY.decodeText(ascii), "csr")
        XCTAssertEqual(try NPY.decodeText(NPY.encodeText("größe")), "größe")
        XCTAssertEqual(try NPY.parseHeader(NPY.encodeText("größe")).descr, "<U5")
        XCTAssertNotNil(assertDataError(try NPY.decodeText(try Fixtures.bytes("f8_c.npy"))))
    }

    func testReadErrorsNameTheFile() {
        let e = assertDataError(try NPY.read(path: "/nonexistent/x.npy"))
        XCTAssertEqual(e, .fileNotFound(path: "/nonexistent/x.npy"))
        let path = Fixtures.path("points.csv")
        let e2 = assertDataError(try NPY.read(path: path))
        XCTAssertTrue(e2?.description.hasPrefix(path) ?? false, "\(String(describing: e2))")
    }

    /// A version 1.0 stream with the given header text (no padding checks).
    private func handMade(_ dict: String) -> [UInt8] {
        let text = Array((dict + "\n").utf8)
        return NPY.magic + [1, 0, UInt8(text.count & 0xFF), UInt8(text.count >> 8)] + text
    }
}
