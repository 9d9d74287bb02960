import XCTest
import SNNLinalg
@testable import SNNData

/// `.npz` (zip) reading and writing against `numpy.savez`, `numpy.savez_compressed` and `scipy.sparse.save_npz`.
final class NPZTests: XCTestCase {
    private let npz = Fixtures.section("npz")

    private func checkMembers(_ file: String) throws {
        let expected = npz[file] as! [String: Any]
        let arrays = try NPZ.read(path: Fixtures.path(file))
        XCTAssertEqual(arrays.map(\.name), ["a", "b", "c", "big"], file)
        for (name, array) in arrays {
            if name == "big" {
                XCTAssertEqual(array.shape, [64, 32])
                XCTAssertEqual(array.doubles(), (0..<2048).map { 0.5 * Double($0) })
            } else {
                try ExpectedArray(expected[name]!).check(array, "\(file):\(name)")
            }
        }
    }

    func testSavezFixtureReadsBackExactly() throws { try checkMembers("savez.npz") }

    func testSavezCompressedFixtureReadsBackExactly() throws { try checkMembers("savez_compressed.npz") }

    func testNumpyMembersAreByteIdenticalToOurNPYEncoder() throws {
        for file in ["savez.npz", "savez_compressed.npz"] {
            for member in try NPZ.decodeMembers(try Fixtures.bytes(file)) {
                XCTAssertEqual(NPY.encode(try NPY.decode(member.npy)), member.npy, "\(file):\(member.name)")
            }
        }
    }

    func testZip64ExtraFieldsOfNumpyAreParsed() throws {
        // numpy.savez forces zip64 local headers: sizes 0xFFFFFFFF with the real ones in the extra field.
        let raw = try Fixtures.bytes("savez.npz")
        XCTAssertEqual(Array(raw[18..<26]), [UInt8](repeating: 0xFF, count: 8))
        let entries = try Zip.entries(raw)
        XCTAssertEqual(entries.map(\.name), ["a.npy", "b.npy", "c.npy", "big.npy"])
        XCTAssertEqual(entries.map(\.uncompressedSize), [224, 176, 144, 16512])
        XCTAssertEqual(entries.map(\.method), [0, 0, 0, 0])
        XCTAssertEqual(try Zip.entries(try Fixtures.bytes("savez_compressed.npz")).map(\.method), [8, 8, 8, 8])
    }

    func testScipySparseFileMembers() throws {
        let expected = npz["csr.npz"] as! [String: Any]
        let members = try NPZ.decodeMembers(try Fixtures.bytes("csr.npz"))
        XCTAssertEqual(Set(members.map(\.name)), ["data", "indices", "indptr", "shape", "format"])
        for (name, bytes) in members {
            if name == "format" {
                XCTAssertEqual(try NPY.decodeText(bytes), expected["format"] as? String)
            } else {
                try ExpectedArray(expected[name]!).check(try NPY.decode(bytes), name)
            }
        }
        // The numeric decoder names the member whose dtype it cannot represent.
        let e = assertDataError(try NPZ.decode(try Fixtures.bytes("csr.npz")))
        XCTAssertTrue(e?.description.contains("format.npy") ?? false, "\(String(describing: e))")
    }

    private func sampleArrays() -> [(name: String, array: NumpyArray)] {
        var rng = SeededGenerator(seed: 11)
        let x = Matrix<Double>(rows: 40, cols: 5) { _, _ in rng.normal() }
        return [("values", NumpyArray(vector: [3, 2, 1])), ("vectors", NumpyArray(x)),
                ("labels", NumpyArray(int64: (0..<40).map { Int64($0 % 3) }, shape: [40])),
                ("weights", NumpyArray(x.converted(to: Float.self))),
                ("zeros", NumpyArray(float64: [Double](repeating: 0, count: 5000), shape: [100, 50]))]
    }

    func testRoundTripStoredAndCompressed() throws {
        let arrays = sampleArrays()
        for compressed in [false, true] {
            let bytes = try NPZ.encode(arrays, compressed: compressed)
            let back = try NPZ.decode(bytes)
            XCTAssertEqual(back.map(\.name), arrays.map(\.name))
            XCTAssertEqual(back.map(\.array), arrays.map(\.array))
            XCTAssertEqual(try Zip.entries(bytes).map(\.method), [UInt16](repeating: compressed ? 8 : 0, count: arrays.count))
            // Stored members are the exact .npy bytes, at the offsets the directory gives.
            if !compressed {
                XCTAssertEqual(try NPZ.decodeMembers(bytes).map(\.npy), arrays.map { NPY.encode($0.array) })
            }
        }
        let stored = try NPZ.encode(arrays, compressed: false).count
        let deflated = try NPZ.encode(arrays, compressed: true).count
        XCTAssertLessThan(deflated, stored - 35_000)   // the zeros member compresses to almost nothing
        XCTAssertEqual(try NPZ.encode(arrays, compressed: true), try NPZ.encode(arrays, compressed: true))

        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NPZ.write(arrays, path: folder + "/e.npz", compressed: true)
        XCTAssertEqual(try NPZ.read(path: folder + "/e.npz").map(\.array), arrays.map(\.array))
    }

    func testZip64OutputReadsBack() throws {
        // Forcing every size and offset over a tiny threshold exercises the zip64 records we write.
        let members = sampleArrays().map { ($0.name + ".npy", NPY.encode($0.array)) }
        for compressed in [false, true] {
            let bytes = Zip.archive(members, compressed: compressed, zip64Threshold: 0)
            let entries = try Zip.entries(bytes)
            XCTAssertEqual(entries.map(\.name), members.map(\.0))
            XCTAssertEqual(try entries.map { try Zip.extract($0, from: bytes) }, members.map(\.1))
        }
    }

    func testCorruptedCRCIsReported() throws {
        var raw = try Fixtures.bytes("savez.npz")
        let entry = try Zip.entries(raw)[0]
        raw[entry.localHeaderOffset + 30 + 5 + 20 + 150] ^= 0x01    // a data byte of a.npy (name 5, extra 20)
        let e = assertDataError(try NPZ.decode(raw))
        guard case let .checksumMismatch(_, member, expected, actual)? = e else { return XCTFail("\(String(describing: e))") }
        XCTAssertEqual(member, "a.npy")
        XCTAssertEqual(expected, entry.crc)
        XCTAssertNotEqual(actual, expected)
        XCTAssertTrue(e!.description.contains("a.npy") && e!.description.contains("CRC"))
    }

    func testCorruptedDeflateDataIsAnError() throws {
        var raw = try Fixtures.bytes("savez_compressed.npz")
        let entry = try Zip.entries(raw)[3]
        let start = entry.localHeaderOffset + 30 + 7 + 20
        for k in 0..<40 { raw[start + 100 + k] = 0xFF }
        let e = assertDataError(try NPZ.decode(raw))
        switch e {
        case .malformedZip?, .checksumMismatch?: break
        default: XCTFail("\(String(describing: e))")
        }
    }

    func testTruncatedAndHostileArchives() throws {
        let raw = try Fixtures.bytes("savez.npz")
        for cut in [0, 10, 100, raw.count / 2, raw.count - 1] {
            guard case .malformedZip? = assertDataError(try NPZ.decode(Array(raw.prefix(cut)))) else { return XCTFail("cut \(cut)") }
        }
        // End record claiming a directory larger than the file.
        var hostile = raw
        let end = raw.count - 22
        hostile[end + 12] = 0xFF; hostile[end + 13] = 0xFF; hostile[end + 14] = 0xFF; hostile[end + 15] = 0x7F
        guard case .malformedZip? = assertDataError(try NPZ.decode(hostile)) else { return XCTFail() }
        // A central entry claiming a 4 GB member deflated from a few bytes.
        var huge = try Fixtures.bytes("savez_compressed.npz")
        let directory = Int(huge[huge.count - 6]) | Int(huge[huge.count - 5]) << 8 | Int(huge[huge.count - 4]) << 16
        huge[directory + 24] = 0xFE; huge[directory + 25] = 0xFF; huge[directory + 26] = 0xFF; huge[directory + 27] = 0xFF
        let e = assertDataError(try NPZ.decode(huge))
        XCTAssertTrue(e?.description.contains("claims") ?? false, "\(String(describing: e))")
    }

    func testInvalidNamesAreRejected() {
        let a = NumpyArray(vector: [1])
        XCTAssertNotNil(assertDataError(try NPZ.encode([("", a)], compressed: false)))
        XCTAssertNotNil(assertDataError(try NPZ.encode([("x/y", a)], compressed: false)))
        XCTAssertNotNil(assertDataError(try NPZ.encode([("x", a), ("x", a)], compressed: false)))
    }
}
