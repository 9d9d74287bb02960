import Foundation
import SNNLinalg
import SNNCore

/// Errors of a trial embedding `Y` (n × r, e.g. network outputs) against reference eigenpairs `(λ, U)` of the
/// normalized adjacency `A` (DESIGN §2, "Errors against a reference").
///
/// The estimates come from `Y` alone, through `EigenRecovery`: `YᵀY = V Σ Vᵀ`, eigenvalue estimates
/// `λ̂ = diag Σ` and eigenvector estimates `Û = Y V Σ^{-1/2}` (orthonormal columns, descending `λ̂`).
///
/// Per-eigenvector comparisons (`correlations`) only make sense for *simple* eigenvalues: inside a cluster of
/// (nearly) equal eigenvalues any rotation of the eigenvectors is as good as any other. Eigenvalue `λ_k` counts as
/// simple when its relative gap to each neighbour, `|λ_k − λ_j| / max(|λ_k|, |λ_j|)` for `j = k ± 1` (among all
/// reference eigenvalues given, including those beyond r), is at least `degeneracyThreshold` (default 1e-2, i.e. 1 %;
/// the sampled S² graphs split the l = 1 and l = 2 clusters by well under 1 %).
public struct ReferenceMetrics: Sendable, Equatable {
    /// The default relative gap below which two neighbouring eigenvalues count as one degenerate cluster.
    public static let defaultDegeneracyThreshold = 1e-2

    /// Number of eigenpairs compared, r = `Y.cols`.
    public var rank: Int
    /// `min_O ‖Y O − Y*‖_F / ‖Y*‖_F` with `Y* = U_r Λ_r^{1/2}` (the paper's error "up to rotation").
    public var procrustesError: Double
    /// `min_O ‖Û O − U_r‖_F / ‖U_r‖_F` (eigenvectors only, every direction weighted equally).
    public var eigenvectorProcrustesError: Double
    /// Principal angles between `span(Y)` and `span(U_r)`, radians, ascending.
    public var principalAngles: [Double]
    /// `‖sin Θ‖_F / √r`.
    public var subspaceError: Double
    /// The largest principal angle, radians.
    public var largestAngle: Double
    /// The reference eigenvalues `λ_1 ≥ … ≥ λ_r`.
    public var referenceValues: [Double]
    /// The estimates `λ̂_k = Σ_kk` from `YᵀY`.
    public var estimatedValues: [Double]
    /// `|λ̂_k − λ_k| / |λ_k|` (infinite when `λ_k = 0` and `λ̂_k ≠ 0`).
    public var eigenvalueRelativeErrors: [Double]
    /// The relative gap of `λ_k` to its nearest neighbour among the reference eigenvalues (see the type's doc).
    public var relativeGaps: [Double]
    /// `|⟨û_k, u_k⟩|` for simple `λ_k`, nil inside a degenerate cluster.
    public var correlations: [Double?]
    /// The degenerate clusters among the first r eigenvalues: 0-based indices of runs of two or more
    /// neighbouring eigenvalues whose relative gaps are below the threshold.
    public var degenerateClusters: [[Int]]
    /// True when `λ_r` and `λ_{r+1}` (if given) are within the threshold: the top-r eigenspace itself is then
    /// ill-defined, and the subspace and Procrustes errors measure an arbitrary choice inside the cluster.
    public var clusterCrossesRank: Bool
    /// The threshold used to call eigenvalues degenerate.
    public var degeneracyThreshold: Double

    /// Compares `y` with the reference.
    /// - Parameters:
    ///   - y: n × r trial embedding (e.g. `SpectralModel.outputs`), r ≥ 1.
    ///   - referenceValues: reference eigenvalues (at least r; sorted descending here if they are not).
    ///   - referenceVectors: n × (values count) reference eigenvectors as columns.
    ///   - degeneracyThreshold: relative gap below which neighbouring eigenvalues form a cluster, > 0.
    /// - Throws: `EvalError.mismatch` for inconsistent sizes; `EvalError.invalidData` when one of the top r
    ///   reference eigenvalues is not positive (`Y* = U_r Λ_r^{1/2}` needs its square root) or a reference
    ///   column is zero; `LinalgError` when `Y` is rank-deficient or not finite.
    /// - Complexity: O(n · r²).
    public init(outputs y: Matrix<Double>, referenceValues: [Double], referenceVectors: Matrix<Double>,
                degeneracyThreshold: Double = ReferenceMetrics.defaultDegeneracyThreshold) throws {
        guard degeneracyThreshold > 0 && degeneracyThreshold.isFinite else {
            throw EvalError.invalidSetting("the degeneracy threshold \(degeneracyThreshold) must be a positive number")
        }
        let n = y.rows, r = y.cols
        guard r >= 1 else { throw EvalError.invalidData("the embedding has no columns; it needs r ≥ 1 columns") }
        guard referenceVectors.rows == n else {
            throw EvalError.mismatch("the reference eigenvectors have \(referenceVectors.rows) rows but the embedding has \(n); "
                + "compute the reference on the same graph (snn eigs GRAPH)")
        }
        guard referenceVectors.cols == referenceValues.count else {
            throw EvalError.mismatch("the reference has \(referenceValues.count) eigenvalues but \(referenceVectors.cols) eigenvector columns; "
                + "the values (r) and vectors (n × r) must match")
        }
        guard referenceValues.count >= r else {
            throw EvalError.mismatch("the reference has \(referenceValues.count) eigenpairs but the embedding has r = \(r) columns; "
                + "compute at least \(r) reference eigenpairs (snn eigs -r \(r))")
        }
        guard referenceValues.allSatisfy(\.isFinite), referenceVectors.isFinite else {
            throw EvalError.invalidData("the reference eigenpairs contain NaN or infinite values; recompute them")
        }
        // Descending order, columns following their values.
        let order = referenceValues.indices.sorted { referenceValues[$0] > referenceValues[$1] || (referenceValues[$0] == referenceValues[$1] && $0 < $1) }
        let values = order.map { referenceValues[$0] }
        let sortedVectors = Matrix(rows: n, cols: order.count) { i, j in referenceVectors[i, order[j]] }
        for k in 0..<r where !(values[k] > 0) {
            throw EvalError.invalidData("reference eigenvalue λ_\(k + 1) = \(values[k]) is not positive, so Y* = U_r Λ_r^{1/2} does not exist; "
                + "use a smaller r or a lazy adjacency (snn eigs --lazy) for both training and reference")
        }
        var u = sortedVectors.columns(0..<r)
        let norms = u.columnNorms()
        for j in 0..<r {
            guard norms[j] > 0 else { throw EvalError.invalidData("reference eigenvector \(j + 1) is zero; recompute the reference") }
            for i in 0..<n { u[i, j] /= norms[j] }
        }
        var target = u
        for j in 0..<r { let s = values[j].squareRoot(); for i in 0..<n { target[i, j] *= s } }

        let recovery = try EigenRecovery(outputs: y)
        let uHat = recovery.applied(to: y)
        rank = r
        self.degeneracyThreshold = degeneracyThreshold
        procrustesError = try Subspace.procrustesError(y, target)
        eigenvectorProcrustesError = try Subspace.procrustesError(uHat, u)
        principalAngles = try Subspace.principalAngles(y, u)
        subspaceError = Vector.norm(principalAngles.map { sin($0) }) / Double(r).squareRoot()
        largestAngle = principalAngles.max() ?? 0
        self.referenceValues = Array(values[0..<r])
        estimatedValues = recovery.sigma
        eigenvalueRelativeErrors = (0..<r).map { k in
            let d = abs(recovery.sigma[k] - values[k])
            return d == 0 ? 0 : d / abs(values[k])
        }
        // Relative gaps between neighbours over every reference eigenvalue given.
        let adjacentGaps: [Double] = (0..<max(values.count - 1, 0)).map { k in
            let scale = max(abs(values[k]), abs(values[k + 1]))
            return scale == 0 ? 0 : abs(values[k] - values[k + 1]) / scale
        }
        let gaps: [Double] = (0..<r).map { k in
            var g = Double.infinity
            if k > 0 { g = min(g, adjacentGaps[k - 1]) }
            if k < adjacentGaps.count { g = min(g, adjacentGaps[k]) }
            return g
        }
        relativeGaps = gaps
        correlations = (0..<r).map { k in
            guard gaps[k] >= degeneracyThreshold else { return nil }
            var dot = 0.0
            for i in 0..<n { dot += uHat[i, k] * u[i, k] }
            return min(abs(dot), 1)
        }
        var clusters: [[Int]] = []
        var current: [Int] = [0]
        for k in 1..<max(r, 1) {
            if adjacentGaps[k - 1] < degeneracyThreshold { current.append(k) } else {
                if current.count > 1 { clusters.append(current) }
                current = [k]
            }
        }
        if current.count > 1 { clusters.append(current) }
        degenerateClusters = clusters
        clusterCrossesRank = r < values.count && adjacentGaps[r - 1] < degeneracyThreshold
    }
}
