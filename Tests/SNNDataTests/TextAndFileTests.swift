import XCTest
import SNNLinalg
@testable import SNNData

/// CSV parsing and writing, points files by extension, and atomic replacement.
final class TextAndFileTests: XCTestCase {
    private var folder = ""

    override func setUpWithError() throws { folder = try makeTemporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    private func write(_ text: String, _ name: String) throws -> String {
        let path = folder + "/" + name
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    private func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder).sorted() }

    func testCSVFixturesReadBackExactly() throws {
        for (name, any) in Fixtures.section("csv") {
            let d = any as! [String: Any]
            let expected = ExpectedArray(d)
            let (header, m) = try CSV.read(path: Fixtures.path(name))
            XCTAssertEqual(header, d["header"] as? [String], name)
            XCTAssertEqual([m.rows, m.cols], expected.shape, name)
            XCTAssertEqual(m.storage, expected.values.map { Double($0)! }, name)
        }
    }

    func testCSVRoundTripIsExact() throws {
        var rng = SeededGenerator(seed: 3)
        let m = Matrix<Double>(rows: 9, cols: 4) { i, j in rng.normal() * pow(10, Double(i - j)) }
        let path = folder + "/m.csv"
        try CSV.write(m, header: ["a", "b", "c", "d"], path: path)
        let (header, back) = try CSV.read(path: path)
        XCTAssertEqual(header, ["a", "b", "c", "d"])
        XCTAssertEqual(back, m)
        try CSV.write(m, header: nil, path: path)
        XCTAssertNil(try CSV.read(path: path).header)
        XCTAssertEqual(try CSV.read(path: path).matrix, m)
        XCTAssertNotNil(assertDataError(try CSV.write(m, header: ["a,b", "c", "d", "e"], path: path)))
    }

    func testCSVVariants() throws {
        let text = "\u{FEFF}# comment\n\"x\" , \"y\"\r\n 1.5 , -2\r\n\n3e2,0x1p-2\n"
        let (header, m) = try CSV.read(path: try write(text, "v.csv"))
        XCTAssertEqual(header, ["x", "y"])
        XCTAssertEqual(m, Matrix([[1.5, -2], [300, 0.25]]))
        let (h2, m2) = try CSV.read(path: try write("1 2\t3\n  4 5 6  \n", "w.txt"))
        XCTAssertNil(h2)
        XCTAssertEqual(m2, Matrix([[1, 2, 3], [4, 5, 6]]))
    }

    func testCSVNonFiniteIsReportedWithRowAndColumn() throws {
        let path = try write("x,y,z\n1,2,3\n4,5,6\n7,8,nan\n", "n.csv")
        let e = assertDataError(try CSV.read(path: path))
        XCTAssertEqual(e, .nonFinite(file: path, row: 3, column: 3, value: "nan"))
        let s = e?.description ?? ""
        XCTAssertTrue(s.contains("row 3") && s.contains("column 3") && s.contains(path), s)
        let e2 = assertDataError(try CSV.read(path: try write("1 2\n3 -inf\n", "i.txt")))
        XCTAssertEqual(e2?.description.contains("row 2, column 2"), true, "\(String(describing: e2))")
    }

    func testCSVGarbageAndRaggedRows() throws {
        let e = assertDataError(try CSV.read(path: try write("a,b\n1,2\n3,abc\n", "g.csv")))
        guard case let .malformedCSV(_, line, row, column, _)? = e else { return XCTFail("\(String(describing: e))") }
        XCTAssertEqual([line, row, column], [3, 2, 2])
        XCTAssertTrue(e!.description.contains("abc"))
        let r = assertDataError(try CSV.read(path: try write("1,2,3\n4,5\n", "r.csv")))
        guard case let .malformedCSV(_, _, row2, _, problem)? = r else { return XCTFail("\(String(describing: r))") }
        XCTAssertEqual(row2, 2)
        XCTAssertTrue(problem.contains("2 values") && problem.contains("3"), problem)
        XCTAssertNotNil(assertDataError(try CSV.read(path: try write("1,,3\n", "e.csv"))))
    }

    func testPointsFileByExtension() throws {
        let m = Matrix([[1.0, 2.0], [3.0, 4.5], [-1.0, 0.125]])
        for ext in ["npy", "csv", "txt", "NPY"] {
            let path = folder + "/p." + ext
            try PointsFile.write(m, path: path)
            XCTAssertEqual(try PointsFile.read(path: path), m, ext)
        }
        XCTAssertEqual(try NPY.read(path: folder + "/p.npy"), NumpyArray(m))
        let oneD = try PointsFile.read(path: Fixtures.path("f8_1d.npy"))
        XCTAssertEqual([oneD.rows, oneD.cols], [5, 1])
        XCTAssertEqual(try PointsFile.read(path: Fixtures.path("i4_c.npy")).storage,
                       try NPY.read(path: Fixtures.path("i4_c.npy")).int64s().map { Double($0) })
    }

    func testPointsFileErrors() throws {
        XCTAssertEqual(assertDataError(try PointsFile.read(path: folder + "/p.xyz")),
                       .unsupportedExtension(path: folder + "/p.xyz", supported: PointsFile.supportedExtensions))
        XCTAssertNotNil(assertDataError(try PointsFile.write(Matrix([[1.0]]), path: folder + "/p")))
        let empty = assertDataError(try PointsFile.read(path: Fixtures.path("f8_empty.npy")))
        guard case .emptyData? = empty else { return XCTFail("\(String(describing: empty))") }
        guard case .emptyData? = assertDataError(try PointsFile.read(path: try write("x,y\n", "h.csv"))) else { return XCTFail() }
        let threeD = assertDataError(try PointsFile.read(path: Fixtures.path("f8_3d.npy")))
        XCTAssertTrue(threeD?.description.contains("f8_3d.npy") ?? false)
        let bad = Matrix([[1.0, 2.0], [3.0, .infinity]])
        try NPY.write(NumpyArray(bad), path: folder + "/bad.npy")
        XCTAssertEqual(assertDataError(try PointsFile.read(path: folder + "/bad.npy")),
                       .nonFinite(file: folder + "/bad.npy", row: 2, column: 2, value: "inf"))
    }

    func testAtomicWriteReplacesAndLeavesNoTemporaryFile() throws {
        let path = folder + "/out.bin"
        try AtomicFile.write([1, 2, 3], to: path)
        try AtomicFile.write([4, 5], to: path)
        XCTAssertEqual(try FileBytes.read(path: path), [4, 5])
        XCTAssertEqual(try contents(), ["out.bin"])
        try AtomicFile.write([], to: path)
        XCTAssertEqual(try FileBytes.read(path: path), [])
    }

    func testAtomicWriteFailureRemovesTemporaryFile() throws {
        // The rename fails because a folder has the target's name: the temporary file must be gone.
        try FileManager.default.createDirectory(atPath: folder + "/taken", withIntermediateDirectories: false)
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/taken/keep", contents: Data()))
        let e = assertDataError(try AtomicFile.write([1, 2, 3], to: folder + "/taken"))
        XCTAssertTrue(e?.description.contains("folder of that name") ?? false, "\(String(describing: e))")
        XCTAssertEqual(try contents(), ["taken"])
    }

    func testAtomicWriteIntoMissingOrReadOnlyFolder() throws {
        let missing = assertDataError(try AtomicFile.write([1], to: folder + "/nope/out.npy"))
        XCTAssertTrue(missing?.description.contains("does not exist") ?? false, "\(String(describing: missing))")
        // A folder we cannot write to: a chmod 555 folder, or /sys when running as root (root ignores modes).
        let readOnly: String
        if getuid() == 0 {
            readOnly = "/sys"
        } else {
            readOnly = folder + "/ro"
            try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o555])
        }
        let e = assertDataError(try AtomicFile.write([1], to: readOnly + "/out.npy"))
        XCTAssertTrue(e?.description.contains("not writable") ?? false, "\(String(describing: e))")
        XCTAssertTrue(e?.description.contains(readOnly + "/out.npy") ?? false)
        if readOnly != "/sys" { XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: readOnly), []) }
    }

    func testReadingAFolderOrMissingFile() {
        XCTAssertEqual(assertDataError(try FileBytes.read(path: folder + "/none")), .fileNotFound(path: folder + "/none"))
        XCTAssertEqual(assertDataError(try FileBytes.read(path: folder)), .unreadable(path: folder, reason: "it is a folder"))
    }
}
