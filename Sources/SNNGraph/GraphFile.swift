import Foundation
import SNNData
import SNNLinalg

/// Similarity graphs on disk in SciPy's sparse `.npz` layout (`scipy.sparse.save_npz` / `load_npz`, CSR format):
/// members `indices`, `indptr`, `format` (the text `csr`), `shape` (int64 `[n, n]`) and `data`.
///
/// `read` accepts whatever `save_npz` writes for a CSR matrix or array: stored or deflated archives, int32 or int64
/// index arrays, float32/float64 (or integer) data, unsorted or duplicate column indices (sorted, duplicates summed,
/// as SciPy's `sum_duplicates`), and the `_is_array` member of `csr_array`s. Every array is checked against the
/// others before the matrix is built, so a corrupt or hostile file is a `GraphFileError` naming the file.
public enum GraphFile {
    /// Writes `g` as `scipy.sparse.save_npz(path, G, compressed=compressed)` would, atomically.
    ///
    /// Index arrays are int32 when every index and `nnz` fit (SciPy's choice), int64 otherwise.
    /// - Parameters:
    ///   - g: a square sparse matrix (a similarity graph).
    ///   - path: the output file, conventionally `.npz`.
    ///   - compressed: deflate the members (`save_npz`'s default) instead of storing them (faster to write).
    /// - Throws: `DataError.unwritable`.
    /// - Complexity: O(n + nnz).
    public static func write(_ g: CSRMatrix<Double>, path: String, compressed: Bool = false) throws {
        try AtomicFile.write(encode(g, compressed: compressed), to: path)
    }

    /// The bytes of the `.npz` file `write` produces.
    /// - Complexity: O(n + nnz).
    public static func encode(_ g: CSRMatrix<Double>, compressed: Bool = false) -> [UInt8] {
        precondition(g.rows == g.cols, "GraphFile: a graph is a square matrix, got \(g.rows) × \(g.cols)")
        let nnz = g.nonzeroCount
        let wide = nnz > Int(Int32.max)
        let indices = wide
            ? NumpyArray(int64: g.columnIndices.map { Int64($0) }, shape: [nnz])
            : NumpyArray(int32: g.columnIndices, shape: [nnz])
        let indptr = wide
            ? NumpyArray(int64: g.rowPointers.map { Int64($0) }, shape: [g.rows + 1])
            : NumpyArray(int32: g.rowPointers.map { Int32($0) }, shape: [g.rows + 1])
        let members: [(name: String, npy: [UInt8])] = [
            ("indices", NPY.encode(indices)),
            ("indptr", NPY.encode(indptr)),
            ("format", NPY.encodeText("csr")),
            ("shape", NPY.encode(NumpyArray(int64: [Int64(g.rows), Int64(g.cols)], shape: [2]))),
            ("data", NPY.encode(NumpyArray(float64: g.values, shape: [nnz]))),
        ]
        do {
            return try NPZ.encodeMembers(members, compressed: compressed)
        } catch {
            preconditionFailure("GraphFile: fixed member names were rejected: \(error)")
        }
    }

    /// Reads a graph written by `write` or by `scipy.sparse.save_npz` (CSR).
    /// - Throws: `DataError` for a missing, unreadable or malformed archive (`.fileNotFound`, `.malformedZip`, …);
    ///   `GraphFileError.notCSR` for another sparse format (convert with `.tocsr()`); `GraphFileError.invalidGraph`
    ///   for a missing member, a wrong dtype or rank, a non-square or inconsistent shape, `indptr` not starting at 0,
    ///   decreasing or not ending at nnz, or a column index out of range. All name the file.
    /// - Complexity: O(file size + nnz log(nnz per row)).
    public static func read(path: String) throws -> CSRMatrix<Double> {
        let bytes = try readBytes(path)
        do {
            return try decode(bytes)
        } catch let error as DataError {
            throw error.inFile(path)
        } catch let error as GraphFileError {
            throw error.inFile(path)
        }
    }

    /// Decodes the bytes of a SciPy CSR `.npz` (see `read`); errors carry no file name.
    public static func decode(_ bytes: [UInt8]) throws -> CSRMatrix<Double> {
        let members = try NPZ.decodeMembers(bytes)
        func member(_ name: String) throws -> [UInt8] {
            guard let m = members.first(where: { $0.name == name }) else {
                let present = members.map { "'\($0.name)'" }.joined(separator: ", ")
                throw GraphFileError.invalidGraph(file: nil, problem:
                    "member '\(name)' is missing (the archive holds \(present.isEmpty ? "nothing" : present))")
            }
            return m.npy
        }
        func array(_ name: String) throws -> NumpyArray {
            do {
                return try NPY.decode(member(name))
            } catch let DataError.malformedNPY(nil, problem) {
                throw DataError.malformedNPY(file: nil, problem: "member '\(name).npy': \(problem)")
            } catch let DataError.unsupportedDType(nil, descr) {
                throw DataError.unsupportedDType(file: nil, descr: "\(descr) in member '\(name).npy'")
            }
        }
        func invalid(_ problem: String) -> GraphFileError { .invalidGraph(file: nil, problem: problem) }

        let format: String
        do {
            format = try NPY.decodeText(member("format"))
        } catch let error as DataError {
            throw invalid("member 'format' is not a text scalar like b'csr' (\(error.description))")
        }
        guard format == "csr" else { throw GraphFileError.notCSR(file: nil, format: format) }

        let shapeArray = try array("shape")
        guard shapeArray.dtype.isInteger, shapeArray.shape == [2] else {
            throw invalid("'shape' must hold two integers (rows, columns), got shape "
                + "\(pythonShape(shapeArray.shape)) of \(shapeArray.dtype.rawValue)")
        }
        let dims = try shapeArray.int64s()
        guard dims[0] >= 0, dims[1] >= 0 else { throw invalid("'shape' is (\(dims[0]), \(dims[1])); dimensions must be non-negative") }
        guard dims[0] == dims[1] else {
            throw invalid("the matrix is \(dims[0]) × \(dims[1]); a similarity graph must be square (n × n)")
        }
        guard dims[0] < Int64(Int32.max) else {
            throw invalid("the graph has \(dims[0]) vertices; snn handles at most \(Int32.max - 1)")
        }
        let n = Int(dims[0])

        let indptrArray = try array("indptr"), indicesArray = try array("indices"), dataArray = try array("data")
        for (name, a) in [("indptr", indptrArray), ("indices", indicesArray), ("data", dataArray)] where a.shape.count != 1 {
            throw invalid("'\(name)' must be one-dimensional, got shape \(pythonShape(a.shape))")
        }
        for (name, a) in [("indptr", indptrArray), ("indices", indicesArray)] where !a.dtype.isInteger {
            throw invalid("'\(name)' must be int32 or int64, got \(a.dtype.rawValue)")
        }
        guard indptrArray.count == n + 1 else {
            throw invalid("'indptr' has \(indptrArray.count) entries but shape (\(n), \(n)) needs n + 1 = \(n + 1)")
        }
        let nnz = dataArray.count
        guard indicesArray.count == nnz else {
            throw invalid("'indices' has \(indicesArray.count) entries but 'data' has \(nnz); they must have the same length")
        }
        let pointers64 = try indptrArray.int64s()
        guard pointers64[0] == 0 else { throw invalid("'indptr' must start at 0, starts at \(pointers64[0])") }
        guard pointers64[n] == Int64(nnz) else {
            throw invalid("'indptr' ends at \(pointers64[n]) but there are nnz = \(nnz) stored entries")
        }
        var rowPointers = [Int](repeating: 0, count: n + 1)
        for i in 0..<n {
            guard pointers64[i + 1] >= pointers64[i] else {
                throw invalid("'indptr' decreases at row \(i) (\(pointers64[i]) then \(pointers64[i + 1])); it must be non-decreasing")
            }
            rowPointers[i + 1] = Int(pointers64[i + 1])
        }
        let indices64 = try indicesArray.int64s()
        var columns = [Int32](repeating: 0, count: nnz)
        var sorted = true
        for i in 0..<n {
            var previous: Int64 = -1
            for p in rowPointers[i]..<rowPointers[i + 1] {
                let c = indices64[p]
                guard c >= 0, c < Int64(n) else {
                    throw invalid("column index \(c) in row \(i) is out of range for \(n) columns")
                }
                if c <= previous { sorted = false }
                previous = c
                columns[p] = Int32(c)
            }
        }
        let values = dataArray.doubles()
        let matrix: CSRMatrix<Double>
        do {
            if sorted {
                matrix = try CSRMatrix(validating: n, cols: n, rowPointers: rowPointers, columnIndices: columns, values: values)
            } else {
                matrix = try canonical(n: n, rowPointers: rowPointers, columns: columns, values: values)
            }
        } catch let error as LinalgError {
            throw invalid(error.description)
        }
        return matrix
    }

    /// Sorts the column indices of every row and sums duplicates (SciPy `sum_duplicates`).
    /// - Complexity: O(n + nnz log(nnz per row)).
    static func canonical(n: Int, rowPointers: [Int], columns: [Int32], values: [Double]) throws -> CSRMatrix<Double> {
        var outPointers = [Int](repeating: 0, count: n + 1)
        var outColumns: [Int32] = [], outValues: [Double] = []
        outColumns.reserveCapacity(columns.count)
        outValues.reserveCapacity(values.count)
        var order: [Int] = []
        for i in 0..<n {
            order = Array(rowPointers[i]..<rowPointers[i + 1])
            order.sort { columns[$0] != columns[$1] ? columns[$0] < columns[$1] : $0 < $1 }
            let rowStart = outColumns.count
            for p in order {
                if outColumns.count > rowStart, outColumns[outColumns.count - 1] == columns[p] {
                    outValues[outValues.count - 1] += values[p]
                } else {
                    outColumns.append(columns[p])
                    outValues.append(values[p])
                }
            }
            outPointers[i + 1] = outColumns.count
        }
        return try CSRMatrix(validating: n, cols: n, rowPointers: outPointers, columnIndices: outColumns, values: outValues)
    }

    /// The whole file, with `DataError.fileNotFound` / `.unreadable` naming it.
    static func readBytes(_ path: String) throws -> [UInt8] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw DataError.fileNotFound(path: path)
        }
        if isFolder.boolValue { throw DataError.unreadable(path: path, reason: "it is a folder") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError.unreadable(path: path, reason: "permission denied or an I/O error")
        }
        return [UInt8](data)
    }

    /// A shape as Python prints a tuple.
    static func pythonShape(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}

/// A graph or eigenpairs file whose arrays do not form what snn expects; each description names the file and
/// says how to write a valid one.
public enum GraphFileError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A SciPy sparse `.npz` in another format than CSR (`csc`, `coo`, `bsr`, `dia`).
    case notCSR(file: String?, format: String)
    /// A graph `.npz` with a missing member or arrays that do not fit together.
    case invalidGraph(file: String?, problem: String)
    /// An eigenpairs `.npz` without valid `values` (r) and `vectors` (n × r).
    case invalidEigenpairs(file: String?, problem: String)

    /// The same error with the file name filled in.
    public func inFile(_ path: String) -> GraphFileError {
        switch self {
        case let .notCSR(nil, format): return .notCSR(file: path, format: format)
        case let .invalidGraph(nil, problem): return .invalidGraph(file: path, problem: problem)
        case let .invalidEigenpairs(nil, problem): return .invalidEigenpairs(file: path, problem: problem)
        default: return self
        }
    }

    public var description: String {
        func where_(_ file: String?) -> String { file.map { "\($0): " } ?? "" }
        switch self {
        case let .notCSR(file, format):
            return "\(where_(file))the sparse matrix is stored in '\(format)' format but snn reads CSR graphs; "
                + "convert it with scipy.sparse.save_npz(path, G.tocsr())"
        case let .invalidGraph(file, problem):
            return "\(where_(file))not a valid SciPy CSR graph file: \(problem); "
                + "write the graph with scipy.sparse.save_npz(path, scipy.sparse.csr_matrix(G))"
        case let .invalidEigenpairs(file, problem):
            return "\(where_(file))not a valid eigenpairs file: \(problem); "
                + "write it with numpy.savez(path, values=values, vectors=vectors) (vectors n × r, one eigenvector per column)"
        }
    }
}
