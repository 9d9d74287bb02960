import SNNLinalg

/// A stationary point `Y_S = U_S Λ_S^{1/2}` of `ℓ(Y) = ‖YYᵀ − A‖_F²` built from an r-subset S of eigenpairs,
/// with its measured and predicted Hessian index.
public struct StationaryPoint: Sendable {
    /// The eigenpair indices in S, 0-based into the descending eigenvalues, ascending.
    public var subset: [Int]
    /// `Y_S` (n × r).
    public var point: Matrix<Double>
    /// `ℓ(Y_S) = ‖A‖_F² − Σ_{k∈S} λ_k²`.
    public var loss: Double
    /// `‖∇ℓ(Y_S)‖_F` (≈ 0 up to the eigenvector accuracy).
    public var gradientNorm: Double
    /// The index the theory predicts, `#{(k, j) : k ∈ S, j ∉ S, λ_j > λ_k}` (see `StationaryPoints`).
    public var predictedIndex: Int
    /// The measured number of negative eigenvalues of the Riemannian Hessian on `H_Y` (nil when not measured).
    public var measuredIndex: Int?
    /// True when `measuredIndex` came from Lanczos and all probed eigenvalues were negative (a lower bound).
    public var indexIsLowerBound: Bool
    /// The smallest measured Hessian eigenvalues (ascending): all of them when dense, the probed ones otherwise.
    public var smallestEigenvalues: [Double]

    /// Whether S = {1..r} (the global minimum).
    public var isGlobalMinimum: Bool { subset == Array(0..<subset.count) }
    /// Human-readable `{1,2,4}` with 1-based indices as in the paper.
    public var label: String { "{" + subset.map { String($0 + 1) }.joined(separator: ",") + "}" }
}

/// How to measure the Hessian index of the enumerated stationary points.
public enum IndexMeasurement: Sendable, Equatable {
    /// Do not measure.
    case none
    /// Exactly, from a dense eigendecomposition of the projected Hessian (small n·r only).
    case dense
    /// By Lanczos: the `probe` smallest eigenvalues (the count is a lower bound if all are negative).
    case lanczos(probe: Int)
}

/// The stationary points `Y_S = U_S Λ_S^{1/2} O` of the ambient problem (DESIGN §2) and their Hessian index.
///
/// **Predicted spectrum.** Write `Y = Y_S`, `ξ = U_S B + U_{S^c} C` (U the full orthonormal eigenbasis of A).
/// `ξ` is horizontal when `Λ_S^{1/2} B` is symmetric. Since `YYᵀ − A = −Σ_{j∉S} λ_j u_j u_jᵀ`, the Hessian form
/// `2‖Yξᵀ + ξYᵀ‖² + 4⟨YYᵀ − A, ξξᵀ⟩` splits into
/// - the C block: `Σ_{k∈S, j∉S} 4 (λ_k − λ_j) C_jk²`, eigenvalues `4(λ_k − λ_j)` for every pair k ∈ S, j ∉ S;
/// - the B block: with `M = Λ_S^{1/2}B` symmetric, eigenvalues `4(λ_k + λ_l)` for k ≤ l in S (all > 0).
///
/// So the index (number of negative eigenvalues on `H_Y`) is `Σ_{k∈S} #{j ∉ S : λ_j > λ_k}`; it is 0 only for
/// S = {1..r} (given λ_r > λ_{r+1}), and every other S has at least one negative direction. When S lies in
/// the top r + p eigenpairs, every j with `λ_j > λ_k` (k ∈ S) is also among them (ties aside), so the top
/// r + p eigenvalues suffice for the count.
public enum StationaryPoints {
    /// `Y_S = U_S Λ_S^{1/2}` from descending `values` and matching unit eigenvector columns.
    /// - Precondition: every `values[k]`, k ∈ S, is positive.
    public static func point(subset: [Int], values: [Double], vectors: Matrix<Double>) -> Matrix<Double> {
        precondition(subset.allSatisfy { values[$0] > 0 }, "Y_S needs positive eigenvalues λ_k for k ∈ S")
        return Matrix(rows: vectors.rows, cols: subset.count) { i, c in vectors[i, subset[c]] * values[subset[c]].squareRoot() }
    }

    /// The predicted index `Σ_{k∈S} #{j ∉ S : λ_j > λ_k}` over the given eigenvalues.
    public static func predictedIndex(subset: [Int], values: [Double]) -> Int {
        let inS = Set(subset)
        var count = 0
        for k in subset { for j in values.indices where !inS.contains(j) && values[j] > values[k] { count += 1 } }
        return count
    }

    /// The full predicted spectrum of the Riemannian Hessian at `Y_S` (ascending) when `values` holds every
    /// eigenvalue of A: `4(λ_k − λ_j)` for k ∈ S, j ∉ S and `4(λ_k + λ_l)` for k ≤ l in S.
    public static func predictedSpectrum(subset: [Int], values: [Double]) -> [Double] {
        let inS = Set(subset)
        var spectrum: [Double] = []
        for k in subset { for j in values.indices where !inS.contains(j) { spectrum.append(4 * (values[k] - values[j])) } }
        for (a, k) in subset.enumerated() { for l in subset[a...] { spectrum.append(4 * (values[k] + values[l])) } }
        return spectrum.sorted()
    }

    /// All r-subsets of `0..<m` in lexicographic order.
    public static func subsets(of m: Int, size r: Int) -> [[Int]] {
        precondition(r >= 0 && r <= m)
        var result: [[Int]] = []
        var current: [Int] = []
        func extend(_ start: Int) {
            if current.count == r { result.append(current); return }
            guard start < m else { return }
            for i in start..<m where m - i >= r - current.count {
                current.append(i); extend(i + 1); current.removeLast()
            }
        }
        extend(0)
        return result
    }

    /// Enumerates `Y_S` for every r-subset S of the top `r + extra` eigenpairs (those with λ > 0), checks that
    /// each is stationary and measures its index.
    /// - Parameters:
    ///   - objective: the objective (matrix A).
    ///   - values: descending eigenvalues of A, at least `r + extra` of them.
    ///   - vectors: matching unit eigenvectors (n × ≥ r + extra).
    ///   - rank: r.
    ///   - extra: p.
    ///   - measurement: how to count negative Hessian eigenvalues.
    /// - Throws: `SNNError.invalidSetting` when fewer than r of the top r + p eigenvalues are positive;
    ///   the errors of the Hessian spectrum computations.
    /// - Complexity: C(r+p, r) points, each O(nnz(A)·r) plus the index measurement.
    public static func enumerate(objective: SpectralObjective<Double>, values: [Double], vectors: Matrix<Double>,
                                 rank r: Int, extra p: Int, measurement: IndexMeasurement) throws -> [StationaryPoint] {
        precondition(r >= 1 && p >= 0 && values.count >= r + p && vectors.cols >= r + p)
        let candidates = (0..<(r + p)).filter { values[$0] > 0 }
        guard candidates.count >= r else {
            throw SNNError.invalidSetting("only \(candidates.count) of the top \(r + p) eigenvalues are positive, fewer than r = \(r); Y_S = U_S Λ_S^{1/2} needs λ > 0 — lower -r or use the lazy adjacency (I + A)/2")
        }
        let top = Array(values[0..<(r + p)])
        var result: [StationaryPoint] = []
        for combination in subsets(of: candidates.count, size: r) {
            let subset = combination.map { candidates[$0] }
            let y = point(subset: subset, values: values, vectors: vectors)
            let (loss, gradient) = objective.lossAndGradient(y)
            var stationary = StationaryPoint(subset: subset, point: y, loss: loss, gradientNorm: gradient.frobeniusNorm,
                                             predictedIndex: predictedIndex(subset: subset, values: top),
                                             measuredIndex: nil, indexIsLowerBound: false, smallestEigenvalues: [])
            switch measurement {
            case .none: break
            case .dense:
                let hessian = try RiemannianHessian(objective: objective, at: y)
                let measured = try hessian.negativeEigenvalueCount(dense: true)
                stationary.measuredIndex = measured.count
                stationary.smallestEigenvalues = measured.smallest
            case let .lanczos(probe):
                let hessian = try RiemannianHessian(objective: objective, at: y)
                let k = Swift.max(probe, stationary.predictedIndex + 2)
                let measured = try hessian.negativeEigenvalueCount(dense: false, probe: k)
                stationary.measuredIndex = measured.count
                stationary.indexIsLowerBound = measured.isLowerBound
                stationary.smallestEigenvalues = measured.smallest
            }
            result.append(stationary)
        }
        return result
    }
}
