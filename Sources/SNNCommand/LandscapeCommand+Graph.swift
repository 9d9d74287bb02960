import Foundation
import SpectralNN

/// Reading the graph `G` of `snn landscape` from a SciPy CSR `.npz` (`scipy.sparse.save_npz`).
extension LandscapeCommand {
    /// The similarity graph stored at `path` as a SciPy CSR archive (`data`, `indices`, `indptr`, `shape`,
    /// optional text `format` = 'csr').
    /// - Throws: `CommandFailure` naming the missing or inconsistent member and what to do.
    static func readGraph(_ path: String) throws -> CSRMatrix<Double> {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("\(path): cannot read the file; check the path")
        }
        var arrays: [String: NumpyArray] = [:]
        var format: String? = nil
        for member in try NPZ.decodeMembers([UInt8](data)) {
            let name = member.name.hasSuffix(".npy") ? String(member.name.dropLast(4)) : member.name
            if let array = try? NPY.decode(member.npy) { arrays[name] = array }
            else if name == "format" { format = try? NPY.decodeText(member.npy) }
        }
        if let format, format != "csr" {
            throw CommandFailure("\(path): the sparse matrix is in '\(format)' format; save it as CSR (scipy.sparse.save_npz(path, G.tocsr()))")
        }
        func member(_ name: String) throws -> NumpyArray {
            guard let a = arrays[name] else {
                throw CommandFailure("\(path): no '\(name)' member; GRAPH must be a SciPy CSR matrix written by scipy.sparse.save_npz")
            }
            return a
        }
        let shape = try member("shape").doubles().map { Int($0) }
        guard shape.count == 2, shape[0] == shape[1], shape[0] >= 2 else {
            throw CommandFailure("\(path): the graph must be a square matrix with at least 2 vertices, got shape \(shape)")
        }
        let indices = try member("indices"), indptr = try member("indptr")
        guard indices.dtype.isInteger, indptr.dtype.isInteger else {
            throw CommandFailure("\(path): 'indices' and 'indptr' must be integer arrays")
        }
        let columns = try indices.int64s().map { Int32(clamping: $0) }
        let pointers = try indptr.int64s().map { Int($0) }
        do {
            return try CSRMatrix(validating: shape[0], cols: shape[1], rowPointers: pointers, columnIndices: columns,
                                 values: try member("data").doubles())
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("\(path): not a valid CSR matrix: \(Console.message(for: error))")
        }
    }
}
