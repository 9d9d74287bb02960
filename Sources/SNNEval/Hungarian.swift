import SNNLinalg

/// The assignment problem (scikit-learn/SciPy `linear_sum_assignment`): a one-to-one matching of rows to columns
/// with the least total cost, by the Hungarian algorithm with row and column potentials (shortest augmenting paths).
public enum Hungarian {
    /// The column assigned to each row, minimizing `Σ_i cost[i, assignment[i]]`, for a rows × cols matrix with
    /// rows ≤ cols (every row gets a distinct column).
    /// - Precondition: `cost.rows ≤ cost.cols` and every entry is finite.
    /// - Complexity: O(rows² · cols), O(k³) for a square k × k matrix.
    public static func assignment(cost: Matrix<Double>) -> [Int] {
        let rows = cost.rows, cols = cost.cols
        precondition(rows <= cols, "the assignment needs rows ≤ columns, got \(rows)×\(cols); pass the transpose")
        precondition(cost.isFinite, "the assignment costs must be finite")
        if rows == 0 { return [] }
        // 1-based arrays; column 0 is a virtual start column.
        var u = [Double](repeating: 0, count: rows + 1)
        var v = [Double](repeating: 0, count: cols + 1)
        var matchedRow = [Int](repeating: 0, count: cols + 1)   // row matched to column j (0 = none)
        var previous = [Int](repeating: 0, count: cols + 1)
        for i in 1...rows {
            matchedRow[0] = i
            var j0 = 0
            var minimum = [Double](repeating: .infinity, count: cols + 1)
            var used = [Bool](repeating: false, count: cols + 1)
            repeat {
                used[j0] = true
                let i0 = matchedRow[j0]
                var delta = Double.infinity, j1 = 0
                for j in 1...cols where !used[j] {
                    let reduced = cost[i0 - 1, j - 1] - u[i0] - v[j]
                    if reduced < minimum[j] { minimum[j] = reduced; previous[j] = j0 }
                    if minimum[j] < delta { delta = minimum[j]; j1 = j }
                }
                for j in 0...cols {
                    if used[j] { u[matchedRow[j]] += delta; v[j] -= delta } else { minimum[j] -= delta }
                }
                j0 = j1
            } while matchedRow[j0] != 0
            // Augment along the alternating path back to the virtual column.
            repeat {
                let j1 = previous[j0]
                matchedRow[j0] = matchedRow[j1]
                j0 = j1
            } while j0 != 0
        }
        var result = [Int](repeating: -1, count: rows)
        for j in 1...cols where matchedRow[j] != 0 { result[matchedRow[j] - 1] = j - 1 }
        return result
    }
}
