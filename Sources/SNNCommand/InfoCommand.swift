import Foundation
import SpectralNN

/// `snn info FILE`: what is in a `.npy`, `.csv` or `.npz` file.
struct InfoCommand: Command {
    let name = "info"
    let abstract = "Describe a .npy, .csv or .npz file: shape, dtype, per-column min/max/mean, members"

    var positionals: [PositionalSpec] {
        [PositionalSpec("file", help: "The file to describe (.npy, .csv or .npz)")]
    }

    var options: [OptionSpec] { [] }

    var discussion: String {
        """
        For .npy and .csv: the shape, the dtype and min/max/mean of the first \(ColumnSummary.shownColumns) columns \
        (a 1-D array is one column; higher dimensions are flattened after the first). For .npz: every member with its \
        shape and dtype, and the matrix size and number of non-zeros when the archive is a SciPy sparse CSR matrix \
        (scipy.sparse.save_npz).
        """
    }

    func run(_ arguments: ParsedArguments) throws {
        let clock = Stopwatch()
        let path = arguments.positional("file")!
        switch try FileKind.require(path, [.npy, .csv, .npz], option: "<file>", command: name) {
        case .npy:
            let array = try NPY.read(path: path)
            let (rows, cols) = Self.matrixShape(array.shape)
            print("\(path): NumPy array, shape \(Self.shapeText(array.shape)), dtype \(Self.dtypeText(array.dtype))")
            for line in ColumnSummary.table(array.doubles(), rows: rows, cols: cols) { print("  " + line) }
        case .csv:
            let (header, matrix) = try CSV.read(path: path)
            print("\(path): CSV table, shape (\(matrix.rows), \(matrix.cols)), read as float64"
                + (header == nil ? ", no header" : ", with header"))
            for line in ColumnSummary.table(matrix, names: header) { print("  " + line) }
        case .npz:
            let members = try NPZ.read(path: path)
            print("\(path): NumPy archive, \(members.count) member\(members.count == 1 ? "" : "s")")
            let width = members.map(\.name.count).max() ?? 0
            for member in members {
                print("  " + member.name.padding(toLength: width, withPad: " ", startingAt: 0)
                    + "   shape \(Self.shapeText(member.array.shape)), dtype \(Self.dtypeText(member.array.dtype))")
            }
            if let csr = Self.csrDescription(members) { print(csr) }
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

    /// "SciPy sparse CSR matrix: 300 × 300, nnz = 1234" when the members are `scipy.sparse.save_npz`'s.
    static func csrDescription(_ members: [(name: String, array: NumpyArray)]) -> String? {
        func member(_ name: String) -> NumpyArray? { members.first { $0.name == name }?.array }
        guard let data = member("data"), member("indices") != nil, let indptr = member("indptr"),
              let shape = member("shape"), shape.count == 2 else { return nil }
        let dims = shape.doubles().map { Int($0) }
        return "  SciPy sparse CSR matrix (scipy.sparse.load_npz reads it): \(dims[0]) × \(dims[1]), "
            + "nnz = \(data.count), \(indptr.count - 1) row pointers"
    }
}
