import SNNLinalg

/// Point clouds on disk (n points × d coordinates), chosen by extension: `.npy` (any supported dtype; 1-D = n × 1)
/// or `.csv` / `.txt` (comma or whitespace separated, optional header). Points must be finite and non-empty.
public enum PointsFile {
    /// The extensions `read` and `write` handle.
    public static let supportedExtensions = ".npy, .csv, .txt"

    /// Reads points as an n × d `Double` matrix.
    /// - Throws: `DataError.unsupportedExtension`, `.emptyData` (0 rows or 0 columns), `.nonFinite` (naming the
    ///   1-based row and column of the first NaN/Inf), or any reader error.
    /// - Complexity: O(n · d).
    public static func read(path: String) throws -> Matrix<Double> {
        let m: Matrix<Double>
        switch fileExtension(path) {
        case "npy":
            do { m = try NPY.read(path: path).matrix(Double.self) } catch let DataError.incompatibleArray(problem) {
                throw DataError.incompatibleArray(problem: "\(path): \(problem)")
            }
        case "csv", "txt":
            m = try CSV.read(path: path).matrix
        default:
            throw DataError.unsupportedExtension(path: path, supported: supportedExtensions)
        }
        guard m.rows > 0, m.cols > 0 else {
            throw DataError.emptyData(file: path, problem: "the file holds \(m.rows) points of dimension \(m.cols)")
        }
        let bad = m.storage.withUnsafeBufferPointer { s in s.firstIndex { !$0.isFinite } }
        if let k = bad {
            throw DataError.nonFinite(file: path, row: k / m.cols + 1, column: k % m.cols + 1, value: "\(m.storage[k])")
        }
        return m
    }

    /// Writes points by extension (`.npy` as float64, `.csv`/`.txt` as comma-separated text), atomically.
    /// - Throws: `DataError.unsupportedExtension`, `.unwritable`.
    public static func write(_ m: Matrix<Double>, path: String) throws {
        switch fileExtension(path) {
        case "npy": try NPY.write(NumpyArray(m), path: path)
        case "csv", "txt": try CSV.write(m, header: nil, path: path)
        default: throw DataError.unsupportedExtension(path: path, supported: supportedExtensions)
        }
    }

    /// The lower-cased extension of the last path component ("" when there is none).
    static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
