import SNNLinalg

/// Minimum, maximum and mean of one column, over its finite values.
struct ColumnStatistics: Equatable {
    var minimum: Double
    var maximum: Double
    var mean: Double
    /// How many values were NaN or ±∞ (left out of the statistics).
    var nonFinite: Int
}

/// Per-column statistics and their table, shared by `snn info` and `snn demo`.
enum ColumnSummary {
    /// How many columns the table shows; the rest are counted as omitted.
    static let shownColumns = 10

    /// Statistics of the first `columns` columns of a row-major `rows × cols` buffer.
    /// - Complexity: O(rows · columns).
    static func statistics(_ values: [Double], rows: Int, cols: Int, columns: Int? = nil) -> [ColumnStatistics] {
        let shown = min(columns ?? cols, cols)
        var stats = [ColumnStatistics](repeating: ColumnStatistics(minimum: .infinity, maximum: -.infinity, mean: 0, nonFinite: 0),
                                       count: shown)
        var sums = [Double](repeating: 0, count: shown)
        values.withUnsafeBufferPointer { p in
            for i in 0..<rows {
                for j in 0..<shown {
                    let x = p[i * cols + j]
                    if !x.isFinite { stats[j].nonFinite += 1; continue }
                    stats[j].minimum = Swift.min(stats[j].minimum, x)
                    stats[j].maximum = Swift.max(stats[j].maximum, x)
                    sums[j] += x
                }
            }
        }
        for j in 0..<shown {
            let finite = rows - stats[j].nonFinite
            if finite == 0 { stats[j] = ColumnStatistics(minimum: .nan, maximum: .nan, mean: .nan, nonFinite: rows) }
            else { stats[j].mean = sums[j] / Double(finite) }
        }
        return stats
    }

    /// The statistics table of the first `maxColumns` columns of `matrix`.
    static func table(_ matrix: Matrix<Double>, names: [String]? = nil, maxColumns: Int = shownColumns) -> [String] {
        table(matrix.storage, rows: matrix.rows, cols: matrix.cols, names: names, maxColumns: maxColumns)
    }

    /// The statistics table of a row-major buffer: one line for each of the first `maxColumns` columns, then a
    /// line saying how many columns were omitted and how many values were not finite, if any.
    static func table(_ values: [Double], rows: Int, cols: Int, names: [String]? = nil,
                      maxColumns: Int = shownColumns) -> [String] {
        guard rows > 0, cols > 0 else { return ["(no values)"] }
        let stats = statistics(values, rows: rows, cols: cols, columns: maxColumns)
        let labels = stats.indices.map { j in names.flatMap { j < $0.count ? $0[j] : nil } ?? "\(j)" }
        let width = max(6, labels.map(\.count).max() ?? 0)
        func cell(_ s: String) -> String { String(repeating: " ", count: max(0, 14 - s.count)) + s }
        var lines = ["column".padding(toLength: width, withPad: " ", startingAt: 0) + cell("min") + cell("max") + cell("mean")]
        for (j, s) in stats.enumerated() {
            lines.append(labels[j].padding(toLength: width, withPad: " ", startingAt: 0)
                + cell(Console.number(s.minimum)) + cell(Console.number(s.maximum)) + cell(Console.number(s.mean)))
        }
        if cols > stats.count { lines.append("(\(cols - stats.count) more columns omitted)") }
        let bad = stats.reduce(0) { $0 + $1.nonFinite }
        if bad > 0 { lines.append("(\(bad) NaN or infinite values in the shown columns, left out of the statistics)") }
        return lines
    }
}
