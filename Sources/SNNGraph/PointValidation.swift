import SNNLinalg

/// Input checks shared by the neighbour searches and the graph builders.
enum PointValidation {
    /// Throws `GraphError.invalidPoints` for an empty set, zero dimension, or a NaN/infinite coordinate.
    static func check(_ points: Matrix<Double>) throws {
        guard points.rows > 0 else { throw GraphError.invalidPoints("there are no points (n = 0); give at least one row") }
        guard points.cols > 0 else { throw GraphError.invalidPoints("the points have dimension 0; give at least one column") }
        guard points.rows <= Int(Int32.max) else {
            throw GraphError.invalidPoints("\(points.rows) points exceed the 32-bit index limit; subsample the data")
        }
        let bad = points.storage.withUnsafeBufferPointer { p -> Int? in
            for i in p.indices where !p[i].isFinite { return i }
            return nil
        }
        if let bad {
            let value = points.storage[bad]
            throw GraphError.invalidPoints("row \(bad / points.cols), column \(bad % points.cols) is \(value); remove or impute non-finite coordinates")
        }
    }

    /// Throws `GraphError.invalidParameter` unless `1 ≤ k < n`.
    static func checkK(_ k: Int, n: Int) throws {
        guard k >= 1 else { throw GraphError.invalidParameter("k = \(k) must be at least 1; choose a number of neighbours k ≥ 1") }
        guard k < n else {
            throw GraphError.invalidParameter("k = \(k) must be smaller than the number of points n = \(n); choose k ≤ \(n - 1)")
        }
    }

    /// Throws `GraphError.invalidParameter` unless `value` is finite and positive.
    static func checkPositive(_ value: Double, name: String) throws {
        guard value.isFinite && value > 0 else {
            throw GraphError.invalidParameter("\(name) = \(value) must be a finite positive number; choose \(name) > 0")
        }
    }
}

/// `Σ_c (a_c − b_c)²` summed in coordinate order: the one squared-distance formula every search uses, so the
/// k-d tree, the brute force and the re-checks agree bit for bit (and `d(a, b) == d(b, a)` exactly).
@inline(__always)
func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int) -> Double {
    var s = 0.0
    for c in 0..<d {
        let t = a[c] - b[c]
        s += t * t
    }
    return s
}

/// Slack on pruning bounds that are computed in floating point, so that rounding never prunes a point whose
/// exactly computed squared distance meets the bound.
let pruningSlack = 1e-9
