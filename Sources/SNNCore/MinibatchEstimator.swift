import SNNLinalg
import SNNData

/// Which rows of `Y` one minibatch step needs: `pairs` rows sampled uniformly with replacement, then the two
/// endpoints of each sampled edge (`edgeSources`, `edgeTargets`) when the objective samples edges.
public struct MinibatchSample: Sendable, Equatable {
    /// All row indices in the order the step's output rows are stacked: pair rows, edge sources, edge targets.
    public var rows: [Int]
    public var pairCount: Int
    public var edgeCount: Int
    /// Sign of each sampled entry `a_pq` (edges are sampled ∝ |a_pq|).
    public var edgeSigns: [Double]
}

/// Unbiased minibatch estimates of the SNN objective `‖YYᵀ − A‖_F²` and its gradient with respect to the sampled
/// rows (the "spectral contrastive" form of DESIGN §2):
///
///     Σ_ij (y_i·y_j)²  ≈ n²/(m(m−1)) Σ_{a≠b} (y_a·y_b)²       (m rows drawn uniformly, with replacement)
///     Σ_ij a_ij y_i·y_j ≈ ‖A‖₁ / e · Σ_{(p,q)} sign(a_pq) y_p·y_q  (e entries drawn ∝ |a_pq|)
///
/// When the matrix is a low-rank `W Wᵀ` (`lowRankFactor`), the cross term is estimated from the same pairs instead:
/// `Σ_ij (w_i·w_j)(y_i·y_j) ≈ n²/(m(m−1)) Σ_{a≠b} (w_a·w_b)(y_a·y_b)`. Both estimates are unbiased, so their mean
/// over many draws is the full loss (a test checks this).
/// - Complexity: per draw O(m²·r + e·(r + log nnz)).
public struct MinibatchEstimator<Scalar: LinalgScalar>: Sendable {
    public let count: Int
    public let pairCount: Int
    public let edgeCount: Int
    private let sparse: CSRMatrix<Double>?
    private let lowRankFactor: Matrix<Double>?
    private let cumulative: [Double]     // prefix sums of |a_pq| over the stored entries
    private let absoluteSum: Double      // ‖A‖₁ (entrywise)
    private let constant: Double         // ‖A‖_F²

    /// Estimator for the paper's objective on a sparse symmetric `A`.
    public init(matrix a: CSRMatrix<Double>, pairs m: Int, edges e: Int) {
        precondition(m >= 2 && e >= 1, "a minibatch needs at least two rows and one edge")
        count = a.rows; pairCount = m; edgeCount = e
        sparse = a; lowRankFactor = nil
        var running = 0.0
        cumulative = a.values.map { running += abs($0); return running }
        absoluteSum = running
        constant = a.values.reduce(0) { $0 + $1 * $1 }
    }

    /// Estimator for the SNN objective on `A_r = W Wᵀ` (see `LowRankSpectralObjective`).
    public init(lowRank objective: LowRankSpectralObjective<Scalar>, pairs m: Int) {
        precondition(m >= 2, "a minibatch needs at least two rows")
        count = objective.count; pairCount = m; edgeCount = 0
        sparse = nil; lowRankFactor = objective.factor.converted()
        cumulative = []; absoluteSum = 0
        constant = objective.constant
    }

    /// Draws the rows of one step.
    public func sample(using generator: inout SeededGenerator) -> MinibatchSample {
        var rows = (0..<pairCount).map { _ in generator.integer(below: count) }
        guard let a = sparse, edgeCount > 0, absoluteSum > 0 else {
            return MinibatchSample(rows: rows, pairCount: pairCount, edgeCount: 0, edgeSigns: [])
        }
        var sources: [Int] = [], targets: [Int] = [], signs: [Double] = []
        for _ in 0..<edgeCount {
            let u = generator.uniform() * absoluteSum
            var lo = 0, hi = cumulative.count - 1
            while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] <= u { lo = mid + 1 } else { hi = mid } }
            var r0 = 0, r1 = a.rows            // row of entry `lo`: last row pointer ≤ lo
            while r1 - r0 > 1 { let mid = (r0 + r1) / 2; if a.rowPointers[mid] <= lo { r0 = mid } else { r1 = mid } }
            sources.append(r0); targets.append(Int(a.columnIndices[lo])); signs.append(a.values[lo] < 0 ? -1 : 1)
        }
        rows += sources + targets
        return MinibatchSample(rows: rows, pairCount: pairCount, edgeCount: edgeCount, edgeSigns: signs)
    }

    /// The loss estimate and its gradient with respect to the stacked rows `Y[sample.rows]`.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func lossAndGradient(_ yRows: Matrix<Scalar>, sample: MinibatchSample) -> (loss: Double, gradient: Matrix<Scalar>) {
        precondition(yRows.rows == sample.rows.count)
        let m = sample.pairCount, r = yRows.cols
        let n = Double(count)
        let c = n * n / Double(m * (m - 1))
        let y = yRows.converted(to: Double.self)
        let yb = y.rows(Array(0..<m))
        var kernel = Matrix.multiply(yb, yb, transposeB: true)       // y_a·y_b
        var target = Matrix<Double>(rows: m, cols: m)
        if let w = lowRankFactor {
            let wb = w.rows(Array(sample.rows[0..<m]))
            target = Matrix.multiply(wb, wb, transposeB: true)        // w_a·w_b
        }
        var loss = constant
        for a in 0..<m {
            kernel[a, a] = 0; target[a, a] = 0
            for b in 0..<m where b != a {
                let k = kernel[a, b], t = target[a, b]
                loss += c * (k * k - 2 * t * k)
                kernel[a, b] = k - t                                   // (y_a·y_b − w_a·w_b)
            }
        }
        var gradient = Matrix<Double>(rows: yRows.rows, cols: r)
        let pairGradient = Matrix.multiply(kernel, yb, alpha: 4 * c)
        for a in 0..<m { for j in 0..<r { gradient[a, j] = pairGradient[a, j] } }
        if sample.edgeCount > 0 {
            let e = sample.edgeCount
            let scale = absoluteSum / Double(e)
            for t in 0..<e {
                let p = m + t, q = m + e + t, s = sample.edgeSigns[t]
                var dot = 0.0
                for j in 0..<r { dot += y[p, j] * y[q, j] }
                loss -= 2 * scale * s * dot
                for j in 0..<r {
                    gradient[p, j] -= 2 * scale * s * y[q, j]
                    gradient[q, j] -= 2 * scale * s * y[p, j]
                }
            }
        }
        return (loss, gradient.converted())
    }
}
