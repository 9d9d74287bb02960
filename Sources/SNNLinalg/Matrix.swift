/// A dense row-major matrix with value semantics: element `(i, j)` lives at `storage[i * cols + j]`.
///
/// NumPy's `ndarray` of shape `(rows, cols)` in C order. The storage is a Swift array, so copies are cheap
/// until written (copy on write).
public struct Matrix<Scalar: LinalgScalar>: Equatable, Sendable, CustomStringConvertible {
    public private(set) var rows: Int
    public private(set) var cols: Int
    /// Row-major elements; `storage.count == rows * cols` always (callers must not resize it).
    /// A plain stored property (no observers) so that element writes stay in place.
    public var storage: [Scalar]

    /// A `rows × cols` matrix filled with `value`.
    public init(rows: Int, cols: Int, repeating value: Scalar = 0) {
        precondition(rows >= 0 && cols >= 0, "negative matrix dimension")
        let (count, overflow) = rows.multipliedReportingOverflow(by: cols)
        precondition(!overflow, "matrix \(rows)×\(cols) is too large")
        self.rows = rows
        self.cols = cols
        self.storage = Array(repeating: value, count: count)
    }

    /// A matrix over the given row-major elements.
    public init(rows: Int, cols: Int, storage: [Scalar]) {
        precondition(rows >= 0 && cols >= 0 && storage.count == rows * cols,
                     "storage has \(storage.count) elements, expected \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        self.storage = storage
    }

    /// A matrix whose element `(i, j)` is `element(i, j)`.
    public init(rows: Int, cols: Int, _ element: (Int, Int) -> Scalar) {
        self.init(rows: rows, cols: cols)
        for i in 0..<rows { for j in 0..<cols { storage[i * cols + j] = element(i, j) } }
    }

    /// A matrix from nested rows (all of one length); handy in tests.
    public init(_ nested: [[Scalar]]) {
        let c = nested.first?.count ?? 0
        precondition(nested.allSatisfy { $0.count == c }, "rows of different lengths")
        self.init(rows: nested.count, cols: c, storage: nested.flatMap { $0 })
    }

    /// The n × n identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m.storage[i * n + i] = 1 }
        return m
    }

    /// A square matrix with `diagonal` on its diagonal.
    public static func diagonal(_ diagonal: [Scalar]) -> Matrix {
        let n = diagonal.count
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m.storage[i * n + i] = diagonal[i] }
        return m
    }

    @inlinable public subscript(i: Int, j: Int) -> Scalar {
        get { storage[i * cols + j] }
        set { storage[i * cols + j] = newValue }
    }

    public var shape: (rows: Int, cols: Int) { (rows, cols) }
    public var isEmpty: Bool { storage.isEmpty }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Scalar] { Array(storage[(i * cols)..<((i + 1) * cols)]) }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Scalar] { (0..<rows).map { storage[$0 * cols + j] } }

    /// Overwrites column `j`.
    public mutating func setColumn(_ j: Int, _ values: [Scalar]) {
        precondition(values.count == rows)
        for i in 0..<rows { storage[i * cols + j] = values[i] }
    }

    /// The rows with the given indices, in that order (NumPy `X[idx]`).
    public func rows(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: indices.count, cols: cols)
        for (k, i) in indices.enumerated() {
            precondition(i >= 0 && i < rows, "row index \(i) out of range")
            for j in 0..<cols { out.storage[k * cols + j] = storage[i * cols + j] }
        }
        return out
    }

    /// The columns `range` (NumPy `X[:, a:b]`).
    public func columns(_ range: Range<Int>) -> Matrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= cols)
        let w = range.count
        var out = Matrix(rows: rows, cols: w)
        for i in 0..<rows { for j in 0..<w { out.storage[i * w + j] = storage[i * cols + range.lowerBound + j] } }
        return out
    }

    /// `Aᵀ`. Complexity: O(rows · cols).
    public func transposed() -> Matrix {
        var t = Matrix(rows: cols, cols: rows)
        storage.withUnsafeBufferPointer { s in
            t.storage.withUnsafeMutableBufferPointer { d in
                for i in 0..<rows { for j in 0..<cols { d[j * rows + i] = s[i * cols + j] } }
            }
        }
        return t
    }

    /// Converts every element to another scalar type.
    public func converted<T: LinalgScalar>(to: T.Type = T.self) -> Matrix<T> {
        Matrix<T>(rows: rows, cols: cols, storage: storage.map { T($0) })
    }

    /// True when every element is finite.
    public var isFinite: Bool { storage.allSatisfy { $0.isFinite } }

    public var description: String {
        var s = "Matrix<\(Scalar.self)> \(rows)×\(cols)"
        for i in 0..<Swift.min(rows, 8) {
            s += "\n  " + (0..<Swift.min(cols, 8)).map { "\(self[i, $0])" }.joined(separator: " ")
            if cols > 8 { s += " …" }
        }
        if rows > 8 { s += "\n  …" }
        return s
    }
}
