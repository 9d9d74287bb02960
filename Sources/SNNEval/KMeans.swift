import SNNLinalg
import SNNData

/// k-means clustering (scikit-learn `KMeans(init="k-means++", n_init=restarts)`): k-means++ seeding, Lloyd
/// iterations, several seeded restarts keeping the lowest inertia; optionally on row-normalized data as in
/// Ng–Jordan–Weiss spectral clustering.
public struct KMeans: Sendable, Equatable {
    /// The number of clusters k ≥ 1.
    public var clusters: Int
    /// Independent runs (each with its own k-means++ seeding); the lowest inertia wins.
    public var restarts: Int
    /// Lloyd iterations per run at most.
    public var maxIterations: Int
    /// A run stops when the total squared centre shift is at most `tolerance` times the mean per-coordinate
    /// variance of the data (scikit-learn's `tol`), or when no label changes.
    public var tolerance: Double
    /// Scale every row to unit length before clustering (Ng–Jordan–Weiss); zero rows stay zero.
    public var normalizeRows: Bool

    /// The result of a fit.
    public struct Result: Sendable, Equatable {
        /// The cluster of each row, in `0..<k`.
        public var labels: [Int]
        /// The k centres (k × d), in the (possibly row-normalized) space that was clustered.
        public var centers: Matrix<Double>
        /// Sum of squared distances of the rows to their centres (scikit-learn `inertia_`).
        public var inertia: Double
        /// Lloyd iterations of the winning run.
        public var iterations: Int
    }

    public init(clusters: Int, restarts: Int = 10, maxIterations: Int = 300, tolerance: Double = 1e-4, normalizeRows: Bool = false) {
        self.clusters = clusters
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.normalizeRows = normalizeRows
    }

    /// Clusters the rows of `x`.
    /// - Parameters:
    ///   - x: n × d data, finite.
    ///   - seed: seeds every restart (same seed, same labels).
    /// - Throws: `EvalError.invalidSetting` for k < 1, k > n, restarts < 1 or maxIterations < 1;
    ///   `EvalError.invalidData` for empty or non-finite data.
    /// - Complexity: O(restarts · maxIterations · n · k · d).
    public func fit(_ x: Matrix<Double>, seed: UInt64 = 0) throws -> Result {
        let n = x.rows, d = x.cols
        guard n > 0 && d > 0 else { throw EvalError.invalidData("k-means needs at least one row and one column, got \(n)×\(d)") }
        guard x.isFinite else { throw EvalError.invalidData("the data passed to k-means contains NaN or infinite values") }
        guard clusters >= 1 && clusters <= n else {
            throw EvalError.invalidSetting("k-means with k = \(clusters) clusters needs 1 ≤ k ≤ n = \(n); choose a k in that range")
        }
        guard restarts >= 1 && maxIterations >= 1 else {
            throw EvalError.invalidSetting("k-means needs restarts ≥ 1 and maxIterations ≥ 1, got \(restarts) and \(maxIterations)")
        }
        var data = x
        if normalizeRows {
            for i in 0..<n {
                var s = 0.0
                for j in 0..<d { s += data[i, j] * data[i, j] }
                if s > 0 { let inv = 1 / s.squareRoot(); for j in 0..<d { data[i, j] *= inv } }
            }
        }
        // Mean per-coordinate variance, the scale of the stopping tolerance.
        var variance = 0.0
        for j in 0..<d {
            var mean = 0.0
            for i in 0..<n { mean += data[i, j] }
            mean /= Double(n)
            for i in 0..<n { let t = data[i, j] - mean; variance += t * t }
        }
        let threshold = tolerance * variance / Double(n * d)
        var generator = SeededGenerator(seed: seed)
        var best: Result?
        for _ in 0..<restarts {
            let initial = seedCenters(data, using: &generator)
            let run = lloyd(data, centers: initial, threshold: threshold)
            if best == nil || run.inertia < best!.inertia { best = run }
        }
        return best!
    }

    /// k-means++ seeding: the first centre uniformly, each next one with probability ∝ squared distance to the
    /// nearest centre chosen so far. - Complexity: O(n · k · d).
    func seedCenters(_ x: Matrix<Double>, using generator: inout SeededGenerator) -> Matrix<Double> {
        let n = x.rows, d = x.cols, k = clusters
        var centers = Matrix<Double>(rows: k, cols: d)
        var chosen = generator.integer(below: n)
        for j in 0..<d { centers[0, j] = x[chosen, j] }
        var nearest = [Double](repeating: .infinity, count: n)
        for c in 1..<max(k, 1) {
            var total = 0.0
            x.storage.withUnsafeBufferPointer { px in
                for i in 0..<n {
                    var s = 0.0
                    for j in 0..<d { let t = px[i * d + j] - px[chosen * d + j]; s += t * t }
                    if s < nearest[i] { nearest[i] = s }
                    total += nearest[i]
                }
            }
            if total > 0 {
                let u = generator.uniform() * total
                var cumulative = 0.0
                chosen = n - 1
                for i in 0..<n {
                    cumulative += nearest[i]
                    if cumulative > u && nearest[i] > 0 { chosen = i; break }
                }
            } else {
                chosen = generator.integer(below: n)
            }
            for j in 0..<d { centers[c, j] = x[chosen, j] }
        }
        return centers
    }

    /// Lloyd iterations from the given centres; an emptied cluster takes the row farthest from its centre.
    /// - Complexity: O(maxIterations · n · k · d).
    func lloyd(_ x: Matrix<Double>, centers start: Matrix<Double>, threshold: Double) -> Result {
        let n = x.rows, d = x.cols, k = clusters
        var centers = start
        var labels = [Int](repeating: -1, count: n)
        var distances = [Double](repeating: 0, count: n)
        var iterations = 0
        func assign() -> Bool {
            var changed = false
            x.storage.withUnsafeBufferPointer { px in
                centers.storage.withUnsafeBufferPointer { pc in
                    for i in 0..<n {
                        var bestC = 0, bestD = Double.infinity
                        for c in 0..<k {
                            var s = 0.0
                            for j in 0..<d { let t = px[i * d + j] - pc[c * d + j]; s += t * t }
                            if s < bestD { bestD = s; bestC = c }
                        }
                        if labels[i] != bestC { labels[i] = bestC; changed = true }
                        distances[i] = bestD
                    }
                }
            }
            return changed
        }
        _ = assign()
        while iterations < maxIterations {
            iterations += 1
            var sums = Matrix<Double>(rows: k, cols: d)
            var counts = [Int](repeating: 0, count: k)
            for i in 0..<n {
                counts[labels[i]] += 1
                for j in 0..<d { sums[labels[i], j] += x[i, j] }
            }
            for c in 0..<k where counts[c] == 0 {
                // Re-seed an empty cluster at the row farthest from its centre (taking it out of its cluster).
                var far = 0
                for i in 0..<n where distances[i] > distances[far] { far = i }
                let old = labels[far]
                counts[old] -= 1
                for j in 0..<d { sums[old, j] -= x[far, j] }
                labels[far] = c
                distances[far] = 0
                counts[c] = 1
                for j in 0..<d { sums[c, j] = x[far, j] }
            }
            var shift = 0.0
            for c in 0..<k where counts[c] > 0 {
                for j in 0..<d {
                    let v = sums[c, j] / Double(counts[c])
                    let t = v - centers[c, j]
                    shift += t * t
                    centers[c, j] = v
                }
            }
            let changed = assign()
            if !changed || shift <= threshold { break }
        }
        var inertia = 0.0
        for i in 0..<n { inertia += distances[i] }
        return Result(labels: labels, centers: centers, inertia: inertia, iterations: iterations)
    }
}
