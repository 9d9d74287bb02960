import XCTest
import Foundation
import SNNData
import SNNLinalg
@testable import SNNGraph

/// Graph files in SciPy's CSR `.npz` layout and eigenpairs files: exact round trips, the byte layout SciPy reads,
/// every layout `scipy.sparse.save_npz` writes (committed fixtures from scripts/make_graphfile_fixtures.py), and
/// hostile files that must fail with an error naming the file.
final class GraphFileTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("snn-graphfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name).path
    }

    /// The graph of scripts/make_graphfile_fixtures.py (`DENSE`).
    private let fixtureDense = Matrix<Double>([
        [0.0, 1.0, 0.5, 0.0, 0.0],
        [1.0, 0.0, 0.25, 0.0, 0.0],
        [0.5, 0.25, 1.0, 2.0, 0.0],
        [0.0, 0.0, 2.0, 0.0, 0.75],
        [0.0, 0.0, 0.0, 0.75, 0.0],
    ])

    // MARK: writing

    func testRoundTripOfAKNNGraphIsExact() throws {
        let points = Naive.points(n: 300, d: 3, seed: 71)
        let g = try SimilarityGraph.knn(points, k: 7, weights: .selftuning)
        for compressed in [false, true] {
            let file = path("g\(compressed).npz")
            try GraphFile.write(g, path: file, compressed: compressed)
            XCTAssertEqual(try GraphFile.read(path: file), g)
        }
        let empty = try CSRMatrix<Double>(validating: 3, cols: 3, rowPointers: [0, 0, 0, 0], columnIndices: [], values: [])
        try GraphFile.write(empty, path: path("empty.npz"))
        XCTAssertEqual(try GraphFile.read(path: path("empty.npz")), empty)
    }

    /// The members, their order, dtypes and shapes are those of `scipy.sparse.save_npz` for a CSR matrix.
    func testWrittenLayoutIsSciPys() throws {
        let g = CSRMatrix<Double>(dense: fixtureDense)
        let members = try NPZ.decodeMembers(GraphFile.encode(g))
        XCTAssertEqual(members.map(\.name), ["indices", "indptr", "format", "shape", "data"])
        XCTAssertEqual(try NPY.decodeText(members[2].npy), "csr")
        let scipy = try NPZ.decodeMembers(Array(Data(contentsOf: URL(fileURLWithPath: fixture("graphfile_array.npz")))))
        // The format member is byte-identical to SciPy's (a 0-D |S3 array).
        XCTAssertEqual(members[2].npy, scipy.first { $0.name == "format" }!.npy)
        let indices = try NPY.decode(members[0].npy), indptr = try NPY.decode(members[1].npy)
        let shape = try NPY.decode(members[3].npy), data = try NPY.decode(members[4].npy)
        XCTAssertEqual(indices.dtype, .int32)
        XCTAssertEqual(indptr.dtype, .int32)
        XCTAssertEqual(shape.dtype, .int64)
        XCTAssertEqual(try shape.int64s(), [5, 5])
        XCTAssertEqual(data.dtype, .float64)
        XCTAssertEqual(try indptr.int64s(), [0, 2, 4, 8, 10, 11])
        XCTAssertEqual(try indices.int64s(), [1, 2, 0, 2, 0, 1, 2, 3, 2, 4, 3])
        XCTAssertEqual(data.doubles(), [1, 0.5, 1, 0.25, 0.5, 0.25, 1, 2, 2, 0.75, 0.75])
        // Byte for byte what SciPy wrote for the same matrix (csr_array adds only `_is_array`).
        for (mine, theirs) in zip(members, scipy.filter { $0.name != "_is_array" }) {
            XCTAssertEqual(mine.name, theirs.name)
            XCTAssertEqual(mine.npy, theirs.npy, mine.name)
        }
    }

    // MARK: reading what SciPy writes

    func testEverySciPyLayoutReadsExactly() throws {
        for name in ["graphfile_compressed.npz", "graphfile_int64_f32.npz", "graphfile_unsorted.npz", "graphfile_array.npz"] {
            let g = try GraphFile.read(path: fixture(name))
            XCTAssertEqual(g.toDense(), fixtureDense, name)
            XCTAssertEqual(g.nonzeroCount, 11, name)
            try g.validateSimilarityGraph()
        }
    }

    /// The data-tests fixture: `scipy.sparse.csr_matrix` of a non-symmetric 4 × 4 matrix with an empty row.
    func testCommittedCSRFixtureOfTheDataTests() throws {
        let g = try GraphFile.read(path: fixture("csr.npz"))
        XCTAssertEqual(g.toDense(), Matrix([[0, 1.5, 0, 0], [2, 0, 0, -1], [0, 0, 0, 0], [0, 0, 3.25, 0]]))
        XCTAssertThrowsError(try g.validateSimilarityGraph()) { error in
            XCTAssertTrue("\(error)".contains("non-negative"), "\(error)")
        }
    }

    func testCSCIsRefusedWithAdviceToConvert() throws {
        let file = fixture("graphfile_csc.npz")
        XCTAssertThrowsError(try GraphFile.read(path: file)) { error in
            XCTAssertEqual(error as? GraphFileError, .notCSR(file: file, format: "csc"))
            XCTAssertTrue("\(error)".contains(".tocsr()"), "\(error)")
        }
    }

    // MARK: hostile files

    /// The members of a valid 3 × 3 path graph 0–1–2, to be spoiled one at a time.
    private func members(indices: NumpyArray = NumpyArray(int32: [1, 0, 2, 1], shape: [4]),
                         indptr: NumpyArray = NumpyArray(int32: [0, 1, 3, 4], shape: [4]),
                         format: String? = "csr",
                         shape: NumpyArray = NumpyArray(int64: [3, 3], shape: [2]),
                         data: NumpyArray = NumpyArray(float64: [1, 1, 1, 1], shape: [4]),
                         drop: String? = nil) -> [(name: String, npy: [UInt8])] {
        var out: [(name: String, npy: [UInt8])] = [
            ("indices", NPY.encode(indices)), ("indptr", NPY.encode(indptr)),
            ("shape", NPY.encode(shape)), ("data", NPY.encode(data)),
        ]
        if let format { out.insert(("format", NPY.encodeText(format)), at: 2) }
        return out.filter { $0.name != drop }
    }

    /// Writes the members and checks that reading fails with an error naming the file and containing `expected`.
    private func assertRejected(_ members: [(name: String, npy: [UInt8])], _ expected: String,
                                file: StaticString = #filePath, line: UInt = #line) throws {
        let target = path("hostile-\(UUID().uuidString).npz")
        try AtomicFile.write(NPZ.encodeMembers(members, compressed: false), to: target)
        XCTAssertThrowsError(try GraphFile.read(path: target), file: file, line: line) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix(target + ": "), "error does not name the file: \(text)", file: file, line: line)
            XCTAssertTrue(text.contains(expected), "expected '\(expected)' in: \(text)", file: file, line: line)
            XCTAssertFalse(text.contains("\n"), file: file, line: line)
        }
    }

    func testTheValidPathGraphReads() throws {
        let target = path("valid.npz")
        try AtomicFile.write(NPZ.encodeMembers(members(), compressed: false), to: target)
        XCTAssertEqual(try GraphFile.read(path: target).toDense(), Matrix([[0, 1, 0], [1, 0, 1], [0, 1, 0]]))
    }

    func testHostileGraphFilesAreClearErrors() throws {
        try assertRejected(members(shape: NumpyArray(int64: [3, 4], shape: [2])), "must be square")
        try assertRejected(members(shape: NumpyArray(int64: [3], shape: [1])), "'shape' must hold two integers")
        try assertRejected(members(shape: NumpyArray(float64: [3, 3], shape: [2])), "'shape' must hold two integers")
        try assertRejected(members(shape: NumpyArray(int64: [-1, -1], shape: [2])), "non-negative")
        try assertRejected(members(shape: NumpyArray(int64: [4, 4], shape: [2])), "needs n + 1 = 5")
        try assertRejected(members(shape: NumpyArray(int64: [1 << 40, 1 << 40], shape: [2])), "at most")
        try assertRejected(members(indptr: NumpyArray(int32: [0, 3, 1, 4], shape: [4])), "'indptr' decreases at row 1")
        try assertRejected(members(indptr: NumpyArray(int32: [1, 1, 3, 4], shape: [4])), "must start at 0")
        try assertRejected(members(indptr: NumpyArray(int32: [0, 1, 3, 3], shape: [4])), "ends at 3 but there are nnz = 4")
        try assertRejected(members(indptr: NumpyArray(int32: [0, 1, 3, 4, 4], shape: [5])), "needs n + 1 = 4")
        try assertRejected(members(indptr: NumpyArray(float64: [0, 1, 3, 4], shape: [4])), "'indptr' must be int32 or int64")
        try assertRejected(members(indices: NumpyArray(int32: [1, 0, 3, 1], shape: [4])), "column index 3 in row 1 is out of range")
        try assertRejected(members(indices: NumpyArray(int64: [1, -2, 2, 1], shape: [4])), "column index -2")
        try assertRejected(members(indices: NumpyArray(int32: [1, 0, 2], shape: [3])), "'indices' has 3 entries but 'data' has 4")
        try assertRejected(members(indices: NumpyArray(int32: [1, 0, 2, 1], shape: [2, 2])), "must be one-dimensional")
        try assertRejected(members(data: NumpyArray(float64: [1, 1, 1, 1], shape: [4, 1])), "must be one-dimensional")
        try assertRejected(members(drop: "indices"), "member 'indices' is missing")
        try assertRejected(members(drop: "data"), "member 'data' is missing")
        try assertRejected(members(format: nil), "member 'format' is missing")
        try assertRejected(members(format: "coo"), "stored in 'coo' format")
        // Not a zip at all, and a truncated one: the archive reader's errors, with the file name.
        let garbage = path("garbage.npz")
        try AtomicFile.write(Array("not a zip file".utf8), to: garbage)
        XCTAssertThrowsError(try GraphFile.read(path: garbage)) { XCTAssertTrue("\($0)".hasPrefix(garbage), "\($0)") }
        let valid = try NPZ.encodeMembers(members(), compressed: false)
        let truncated = path("truncated.npz")
        try AtomicFile.write(Array(valid.prefix(valid.count - 40)), to: truncated)
        XCTAssertThrowsError(try GraphFile.read(path: truncated)) { XCTAssertTrue("\($0)".hasPrefix(truncated), "\($0)") }
        XCTAssertThrowsError(try GraphFile.read(path: path("missing.npz"))) {
            XCTAssertEqual($0 as? DataError, .fileNotFound(path: path("missing.npz")))
        }
    }

    // MARK: eigenpairs files

    func testEigenFileRoundTripAndNumpyLayout() throws {
        let values = [1, 0.75, -0.25]
        let vectors = Matrix<Double>(rows: 4, cols: 3) { i, j in Double(i * 3 + j) / 7 }
        let file = path("eig.npz")
        try EigenFile.write(values: values, vectors: vectors, path: file)
        let back = try EigenFile.read(path: file)
        XCTAssertEqual(back.values, values)
        XCTAssertEqual(back.vectors, vectors)
        let raw = try NPZ.read(path: file)
        XCTAssertEqual(raw.map(\.name), ["values", "vectors"])
        XCTAssertEqual(raw[0].array.shape, [3])
        XCTAssertEqual(raw[1].array.shape, [4, 3])
        XCTAssertEqual(raw[1].array.dtype, .float64)
    }

    func testEigenFileErrors() throws {
        let file = path("bad-eig.npz")
        try NPZ.write([("values", NumpyArray(vector: [1, 0.5]))], path: file)
        XCTAssertThrowsError(try EigenFile.read(path: file)) {
            XCTAssertEqual($0 as? GraphFileError, .invalidEigenpairs(file: file, problem: "member 'vectors' is missing"))
        }
        try NPZ.write([("values", NumpyArray(vector: [1, 0.5])), ("vectors", NumpyArray(Matrix<Double>(rows: 4, cols: 3)))], path: file)
        XCTAssertThrowsError(try EigenFile.read(path: file)) { XCTAssertTrue("\($0)".contains("must have shape (n, 2)"), "\($0)") }
        try NPZ.write([("values", NumpyArray(int64: [1], shape: [1])), ("vectors", NumpyArray(Matrix<Double>(rows: 4, cols: 1)))], path: file)
        XCTAssertThrowsError(try EigenFile.read(path: file)) { XCTAssertTrue("\($0)".contains("float32 or float64"), "\($0)") }
    }
}
