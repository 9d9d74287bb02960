/// A sparse matrix in compressed sparse row form (SciPy `csr_matrix`): the entries of row `i` are
/// `values[rowPointers[i]..<rowPointers[i+1]]` at columns `columnIndices[…]`, strictly increasing in each row.
///
/// The invariants (monotone `rowPointers` from 0 to nnz, sorted unique in-range columns) are checked on
/// construction from untrusted data (`init(validating…)`), so every operation can rely on them.
public struct CSRMatrix<Scalar: LinalgScalar>: Equatable, Sendable {
    public let rows: Int
    public let cols: Int
    public private(set) var rowPointers: [Int]
    public private(set) var columnIndices: [Int32]
    /// The stored entries; callers may change them in place but must not resize the array.
    public var values: [Scalar]

    /// Number of stored entries.
    public var nonzeroCount: Int { values.count }

    /// Builds a CSR matrix from its three arrays, checking every invariant.
    /// - Throws: `LinalgError.invalidMatrix` naming the first violated invariant.
    /// - Complexity: O(rows + nnz).
    public init(validating rows: Int, cols: Int, rowPointers: [Int], columnIndices: [Int32], values: [Scalar]) throws {
        guard rows >= 0, cols >= 0, cols <= Int(Int32.max) else { throw LinalgError.invalidMatrix("bad shape \(rows)×\(cols)") }
        guard rowPointers.count == rows + 1 else {
            throw LinalgError.invalidMatrix("indptr has \(rowPointers.count) entries, expected rows + 1 = \(rows + 1)")
        }
        guard columnIndices.count == values.count else {
            throw LinalgError.invalidMatrix("indices (\(columnIndices.count)) and data (\(values.count)) have different lengths")
        }
        guard rowPointers.first == 0, rowPointers.last == values.count else {
            throw LinalgError.invalidMatrix("indptr must start at 0 and end at nnz = \(values.count)")
        }
        for i in 0..<rows {
            let lo = rowPointers[i], hi = rowPointers[i + 1]
            guard lo <= hi else { throw LinalgError.invalidMatrix("indptr decreases at row \(i)") }
            var previous: Int32 = -1
            for p in lo..<hi {
                let c = columnIndices[p]
                guard c >= 0, Int(c) < cols else { throw LinalgError.invalidMatrix("column index \(c) out of range in row \(i)") }
                guard c > previous else {
                    throw LinalgError.invalidMatrix("column indices of row \(i) are not strictly increasing (unsorted or duplicate entries)")
                }
                previous = c
            }
        }
        self.rows = rows
        self.cols = cols
        self.rowPointers = rowPointers
        self.columnIndices = columnIndices
        self.values = values
    }

    /// Builds from (row, column, value) triplets; duplicates are summed (SciPy `coo_matrix(...).tocsr()`).
    /// - Complexity: O(nnz log(nnz per row) + rows).
    public init(rows: Int, cols: Int, triplets: [(row: Int, col: Int, value: Scalar)]) {
        precondition(rows >= 0 && cols >= 0 && cols <= Int(Int32.max))
        var counts = [Int](repeating: 0, count: rows + 1)
        for t in triplets {
            precondition(t.row >= 0 && t.row < rows && t.col >= 0 && t.col < cols, "triplet (\(t.row), \(t.col)) out of range")
            counts[t.row + 1] += 1
        }
        for i in 0..<rows { counts[i + 1] += counts[i] }
        var next = counts
        var cols32 = [Int32](repeating: 0, count: triplets.count)
        var vals = [Scalar](repeating: 0, count: triplets.count)
        for t in triplets {
            cols32[next[t.row]] = Int32(t.col); vals[next[t.row]] = t.value; next[t.row] += 1
        }
        var outPointers = [0], outCols: [Int32] = [], outVals: [Scalar] = []
        outCols.reserveCapacity(triplets.count); outVals.reserveCapacity(triplets.count)
        for i in 0..<rows {
            let entries = (counts[i]..<counts[i + 1]).map { (cols32[$0], vals[$0]) }.sorted { $0.0 < $1.0 }
            for (c, v) in entries {
                if let last = outCols.last, outCols.count > outPointers[i], last == c { outVals[outVals.count - 1] += v }
                else { outCols.append(c); outVals.append(v) }
            }
            outPointers.append(outCols.count)
        }
        self.rows = rows
        self.cols = cols
        self.rowPointers = outPointers
        self.columnIndices = outCols
        self.values = outVals
    }

    /// The sparse form of a dense matrix, keeping the non-zero entries.
    public init(dense: Matrix<Scalar>) {
        var t: [(row: Int, col: Int, value: Scalar)] = []
        for i in 0..<dense.rows { for j in 0..<dense.cols where dense[i, j] != 0 { t.append((i, j, dense[i, j])) } }
        self.init(rows: dense.rows, cols: dense.cols, triplets: t)
    }

    /// The dense form (NumPy `A.toarray()`). - Complexity: O(rows · cols).
    public func toDense() -> Matrix<Scalar> {
        var m = Matrix<Scalar>(rows: rows, cols: cols)
        for i in 0..<rows { for p in rowPointers[i]..<rowPointers[i + 1] { m[i, Int(columnIndices[p])] = values[p] } }
        return m
    }

    /// Element `(i, j)` by binary search in row `i`. - Complexity: O(log nnz(row)).
    public subscript(i: Int, j: Int) -> Scalar {
        var lo = rowPointers[i], hi = rowPointers[i + 1]
        let key = Int32(j)
        while lo < hi {
            let mid = (lo + hi) / 2
            if columnIndices[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo < rowPointers[i + 1] && columnIndices[lo] == key ? values[lo] : 0
    }

    /// Row sums (the degrees `d_i = Σ_j G_ij` of a graph). - Complexity: O(nnz).
    public func rowSums() -> [Scalar] {
        (0..<rows).map { i in values[rowPointers[i]..<rowPointers[i + 1]].reduce(0, +) }
    }

    /// The diagonal entries. - Complexity: O(rows log(nnz per row)).
    public func diagonal() -> [Scalar] { (0..<Swift.min(rows, cols)).map { self[$0, $0] } }

    /// `Aᵀ` (CSR of the transpose, sorted). - Complexity: O(rows + cols + nnz).
    public func transposed() -> CSRMatrix {
        var counts = [Int](repeating: 0, count: cols + 1)
        for c in columnIndices { counts[Int(c) + 1] += 1 }
        for j in 0..<cols { counts[j + 1] += counts[j] }
        var next = counts
        var tCols = [Int32](repeating: 0, count: nonzeroCount)
        var tVals = [Scalar](repeating: 0, count: nonzeroCount)
        for i in 0..<rows {
            for p in rowPointers[i]..<rowPointers[i + 1] {
                let j = Int(columnIndices[p])
                tCols[next[j]] = Int32(i); tVals[next[j]] = values[p]; next[j] += 1
            }
        }
        return CSRMatrix(uncheckedRows: cols, cols: rows, rowPointers: counts, columnIndices: tCols, values: tVals)
    }

    /// True when `A = Aᵀ` exactly, or to `tolerance` relative to the largest |entry|. - Complexity: O(rows + nnz).
    public func isSymmetric(tolerance: Scalar = 0) -> Bool {
        guard rows == cols else { return false }
        let t = transposed()
        if t.rowPointers != rowPointers || t.columnIndices != columnIndices { return false }
        let scale = values.reduce(Scalar(0)) { Swift.max($0, abs($1)) }
        for p in values.indices where abs(values[p] - t.values[p]) > tolerance * scale { return false }
        return true
    }

    /// `D_left A D_right` with diagonal scalings given as vectors (same pattern). - Complexity: O(nnz).
    public func scaled(rows left: [Scalar], cols right: [Scalar]) -> CSRMatrix {
        precondition(left.count == rows && right.count == cols)
        var out = self
        for i in 0..<rows {
            for p in rowPointers[i]..<rowPointers[i + 1] { out.values[p] = left[i] * values[p] * right[Int(columnIndices[p])] }
        }
        return out
    }

    /// Internal constructor for structures already known to be valid.
    init(uncheckedRows rows: Int, cols: Int, rowPointers: [Int], columnIndices: [Int32], values: [Scalar]) {
        self.rows = rows
        self.cols = cols
        self.rowPointers = rowPointers
        self.columnIndices = columnIndices
        self.values = values
        _checkInvariants()
    }

    /// Validates the CSR invariants in debug builds.
    func _checkInvariants() {
        #if DEBUG
        precondition(rowPointers.count == rows + 1 && rowPointers.first == 0 && rowPointers.last == values.count)
        precondition(columnIndices.count == values.count)
        for i in 0..<rows {
            var prev: Int32 = -1
            for p in rowPointers[i]..<rowPointers[i + 1] {
                precondition(columnIndices[p] > prev && Int(columnIndices[p]) < cols); prev = columnIndices[p]
            }
        }
        #endif
    }
}

extension CSRMatrix {
    /// The same matrix with its values converted to another scalar type. - Complexity: O(nnz).
    public func converted<U: LinalgScalar>(to: U.Type = U.self) -> CSRMatrix<U> {
        CSRMatrix<U>(uncheckedRows: rows, cols: cols, rowPointers: rowPointers, columnIndices: columnIndices,
                     values: values.map { U($0) })
    }
}
