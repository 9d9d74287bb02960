import Foundation
import SpectralNN

/// `snn info FILE`: what is in a `.npy`, `.csv` or `.npz` file.
struct InfoCommand: Command {
    let name = "info"
    let abstract = "Describe a .npy, .csv, .npz or .safetensors file: shape, dtype, per-column min/max/mean, members, metadata"

    var positionals: [PositionalSpec] {
        [PositionalSpec("file", help: "The file to describe (.npy, .csv, .txt, .npz or .safetensors)")]
    }

    var options: [OptionSpec] {
        [OptionSpec(long: "all", .flag, help: "Summarize every column, not only the first \(ColumnSummary.shownColumns)")]
    }

    var discussion: String {
        """
        For .npy and .csv/.txt: the shape, the dtype and min/max/mean of the first \(ColumnSummary.shownColumns) columns
        (every column with --all); a 1-D array is one column, higher dimensions are flattened after the first.
        NaN and infinite values are counted and left out of the statistics.
        For .npz: every member with its shape and dtype, and the matrix size and number of non-zeros when the
        archive is a SciPy sparse CSR matrix (scipy.sparse.save_npz).
        """
    }

    func run(_ arguments: ParsedArguments) throws {
        let clock = Stopwatch()
        let path = arguments.positional("file")!
        let shown = arguments.flag("all") ? Int.max : ColumnSummary.shownColumns
        switch try FileKind.require(path, [.npy, .csv, .txt, .npz, .safetensors], option: "<file>", command: name) {
        case .safetensors:
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
            let (tensors, metadata) = try SafeTensors.decode(bytes)
            print("\(path): safetensors, \(tensors.count) tensors")
            let width = tensors.map(\.name.count).max() ?? 0
            for t in tensors {
                print("  " + t.name.padding(toLength: width, withPad: " ", startingAt: 0) + "   \(t.dtype.rawValue) \(t.shape)")
            }
            for key in metadata.keys.sorted() where key != "checkpoint_state" { print("  \(key): \(metadata[key]!)") }
        case .npy:
            let array = try NPY.read(path: path)
            let (rows, cols) = Self.matrixShape(array.shape)
            print("\(path): NumPy array, shape \(Self.shapeText(array.shape)), dtype \(Self.dtypeText(array.dtype))")
            if array.shape.count > 2 { print("  (dimensions after the first flattened into \(cols) columns)") }
            for line in ColumnSummary.table(array.doubles(), rows: rows, cols: cols, maxColumns: shown) { print("  " + line) }
        case .csv, .txt:
            let (header, matrix) = try CSV.read(path: path)
            print("\(path): CSV table, shape (\(matrix.rows), \(matrix.cols)), read as float64"
                + (header == nil ? ", no header" : ", with header"))
            for line in ColumnSummary.table(matrix, names: header, maxColumns: shown) { print("  " + line) }
        case .npz:
            let members = try Self.npzMembers(path)
            print("\(path): NumPy archive, \(members.count) member\(members.count == 1 ? "" : "s")")
            let width = members.map(\.name.count).max() ?? 0
            for member in members {
                print("  " + member.name.padding(toLength: width, withPad: " ", startingAt: 0) + "   " + member.text)
            }
            let numeric = members.compactMap { m in m.array.map { (name: m.name, array: $0) } }
            let format = members.first { $0.name == "format" }?.string
            if let csr = Self.csrDescription(numeric, format: format) { print(csr) }
        }
        print("read in \(clock.formatted)")
    }

    /// Rows and columns a NumPy shape is summarized as: `(n,)` → n × 1, `()` → 1 × 1, `(n, a, b…)` → n × (a·b…).
    static func matrixShape(_ shape: [Int]) -> (rows: Int, cols: Int) {
        guard let first = shape.first else { return (1, 1) }
        return (first, shape.dropFirst().reduce(1, *))
    }

    /// `(500, 3)`, `(500,)`, `()` as NumPy prints shapes.
    static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// `float64 (<f8)`.
    static func dtypeText(_ dtype: NumpyDType) -> String {
        switch dtype {
        case .float32: return "float32 (<f4)"
        case .float64: return "float64 (<f8)"
        case .int32: return "int32 (<i4)"
        case .int64: return "int64 (<i8)"
        }
    }

    /// One `.npz` member as `snn info` shows it.
    struct Member {
        var name: String
        /// The numeric array, nil for a text or unsupported member.
        var array: NumpyArray?
        /// The text of a string member (SciPy's `format`).
        var string: String?
        var text: String
    }

    /// The members of an `.npz`: numeric arrays through `NPZ.read`; when a member has a dtype snn does not
    /// compute with (SciPy's text `format`, other dtypes), member by member so that the others are still listed.
    static func npzMembers(_ path: String) throws -> [Member] {
        do {
            return try NPZ.read(path: path).map {
                Member(name: $0.name, array: $0.array, string: nil,
                       text: "shape \(shapeText($0.array.shape)), dtype \(dtypeText($0.array.dtype))")
            }
        } catch DataError.unsupportedDType {
            // NPZ.read has opened and parsed the archive, so the bytes are readable; decode member by member.
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure("\(path): cannot read the file")
            }
            return try NPZ.decodeMembers([UInt8](data)).map { member in
                if let array = try? NPY.decode(member.npy) {
                    return Member(name: member.name, array: array, string: nil,
                                  text: "shape \(shapeText(array.shape)), dtype \(dtypeText(array.dtype))")
                }
                if let text = try? NPY.decodeText(member.npy) {
                    return Member(name: member.name, array: nil, string: text, text: "text '\(text)'")
                }
                let problem: String
                do { _ = try NPY.decode(member.npy); problem = "unreadable" } catch { problem = Console.message(for: error) }
                return Member(name: member.name, array: nil, string: nil, text: "not readable by snn: \(problem)")
            }
        }
    }

    /// "SciPy sparse CSR matrix: 300 × 300, nnz = 1234" when the members are `scipy.sparse.save_npz`'s
    /// (`data`, `indices`, `indptr`, a 2-element `shape`, and `format` 'csr' when present).
    static func csrDescription(_ members: [(name: String, array: NumpyArray)], format: String?) -> String? {
        func member(_ name: String) -> NumpyArray? { members.first { $0.name == name }?.array }
        guard format == nil || format == "csr",
              let data = member("data"), member("indices") != nil, let indptr = member("indptr"),
              let shape = member("shape"), shape.count == 2, shape.dtype.isInteger else { return nil }
        let dims = shape.doubles().map { Int($0) }
        return "  SciPy sparse CSR matrix (scipy.sparse.load_npz reads it): \(dims[0]) × \(dims[1]), "
            + "nnz = \(data.count), \(max(0, indptr.count - 1)) rows in indptr"
    }
}
