/// A deterministic sign for eigenvectors and other sign-ambiguous columns.
extension Matrix {
    /// Flips the sign of each column so that its entry of largest absolute value (the first one on ties) is
    /// positive: scikit-learn's `_deterministic_vector_sign_flip`, applied to columns. A column and its negative
    /// come out identical; an all-zero column is left unchanged.
    /// - Complexity: O(rows · cols).
    public mutating func normalizeColumnSigns() {
        let r = rows, c = cols
        if r == 0 || c == 0 { return }
        storage.withUnsafeMutableBufferPointer { p in
            for j in 0..<c {
                var best = j, bestMagnitude = abs(p[j])
                for i in 1..<r {
                    let magnitude = abs(p[i * c + j])
                    if magnitude > bestMagnitude { best = i * c + j; bestMagnitude = magnitude }
                }
                if p[best] < 0 { for i in 0..<r { p[i * c + j] = -p[i * c + j] } }
            }
        }
    }
}
