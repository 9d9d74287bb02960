/// Failures while reading or writing data files (`.npy`, `.npz`, CSV, points); each description names the file,
/// says what is wrong and what to change.
public enum DataError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file does not exist.
    case fileNotFound(path: String)
    /// The file exists but cannot be read (permissions, a folder, an I/O error).
    case unreadable(path: String, reason: String)
    /// The file cannot be written (missing or read-only folder, disk full, …).
    case unwritable(path: String, reason: String)
    /// A `.npy` stream whose magic, header or size is not valid.
    case malformedNPY(file: String?, problem: String)
    /// A `.npy` dtype other than little-endian float32/float64/int32/int64.
    case unsupportedDType(file: String?, descr: String)
    /// A zip (`.npz`) container that is truncated, inconsistent or uses a feature we do not read.
    case malformedZip(file: String?, problem: String)
    /// A zip member whose CRC-32 does not match its contents (a corrupted file).
    case checksumMismatch(file: String?, member: String, expected: UInt32, actual: UInt32)
    /// A CSV/text file that cannot be parsed (garbage value, ragged row); `row`/`column` are 1-based data positions.
    case malformedCSV(file: String?, line: Int, row: Int, column: Int, problem: String)
    /// A value that is NaN or infinite where finite numbers are required; `row`/`column` are 1-based.
    case nonFinite(file: String?, row: Int, column: Int, value: String)
    /// A file with no rows or no columns where points are required.
    case emptyData(file: String?, problem: String)
    /// An array whose rank or dtype does not fit the requested view (`matrix()` of a 3-D array, `int64s()` of floats).
    case incompatibleArray(problem: String)
    /// A name that cannot be used (an `.npz` member name, a CSV header name).
    case invalidName(String)
    /// A file extension that no reader/writer handles.
    case unsupportedExtension(path: String, supported: String)

    /// The same error with the file name filled in where the failing decoder did not know it.
    public func inFile(_ path: String) -> DataError {
        switch self {
        case let .malformedNPY(nil, p): return .malformedNPY(file: path, problem: p)
        case let .unsupportedDType(nil, d): return .unsupportedDType(file: path, descr: d)
        case let .malformedZip(nil, p): return .malformedZip(file: path, problem: p)
        case let .checksumMismatch(nil, m, e, a): return .checksumMismatch(file: path, member: m, expected: e, actual: a)
        case let .malformedCSV(nil, l, r, c, p): return .malformedCSV(file: path, line: l, row: r, column: c, problem: p)
        case let .nonFinite(nil, r, c, v): return .nonFinite(file: path, row: r, column: c, value: v)
        case let .emptyData(nil, p): return .emptyData(file: path, problem: p)
        default: return self
        }
    }

    public var description: String {
        func where_(_ file: String?) -> String { file.map { "\($0): " } ?? "" }
        switch self {
        case let .fileNotFound(path):
            return "\(path): no such file; check the path"
        case let .unreadable(path, reason):
            return "\(path): cannot read (\(reason)); check the path and its permissions"
        case let .unwritable(path, reason):
            return "\(path): cannot write (\(reason)); choose an output path in an existing, writable folder"
        case let .malformedNPY(file, problem):
            return "\(where_(file))not a valid .npy file: \(problem); re-save it with numpy.save"
        case let .unsupportedDType(file, descr):
            return "\(where_(file))unsupported dtype \(descr); supported are little-endian float32, float64, "
                + "int32, int64 ('<f4', '<f8', '<i4', '<i8'): convert with arr.astype('<f8') before saving"
        case let .malformedZip(file, problem):
            return "\(where_(file))not a valid .npz (zip) file: \(problem); re-save it with numpy.savez"
        case let .checksumMismatch(file, member, expected, actual):
            return "\(where_(file))member '\(member)' is corrupted: CRC-32 is \(hex(actual)) but the zip says "
                + "\(hex(expected)); the file was damaged, re-create or re-download it"
        case let .malformedCSV(file, line, row, column, problem):
            return "\(where_(file))line \(line) (row \(row)), column \(column): \(problem)"
        case let .nonFinite(file, row, column, value):
            return "\(where_(file))row \(row), column \(column): value \(value) is not a finite number; "
                + "remove or replace non-finite values (NaN, Inf) before using the file"
        case let .emptyData(file, problem):
            return "\(where_(file))\(problem); provide at least one row and one column"
        case let .incompatibleArray(problem):
            return problem
        case let .invalidName(problem):
            return problem
        case let .unsupportedExtension(path, supported):
            return "\(path): unsupported file extension; use one of \(supported)"
        }
    }
}

private func hex(_ v: UInt32) -> String {
    let s = String(v, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - s.count)) + s
}
