/// The graph Laplacian eigenvalues `(1 − λ_k)/ε²` of an ε-graph on S², grouped into the Laplace–Beltrami levels
/// l = 1 (k = 2…4, multiplicity 3) and l = 2 (k = 5…9, multiplicity 5), whose continuum eigenvalues l(l+1) = 2, 6
/// stand in the ratio 3.
///
/// For the indicator kernel on the unit sphere the normalized adjacency tends (n → ∞, fixed ε) to the average over
/// the spherical cap of chord ε, whose eigenvalue on level l is the mean of the Legendre polynomial P_l over the cap:
/// `1 − λ_1 = ε²/4` and `1 − λ_2 = (ε²/4)(3 − ε²/2)`, so the level ratio is `3 − ε²/2` → 3 as ε → 0, and
/// `8(1 − λ)/ε²` → l(l + 1).
public struct SphereLaplacianLevels: Sendable, Equatable {
    /// `(1 − λ_k)/ε²` for k = 2…9 (index 0 is k = 2).
    public var scaled: [Double]
    /// Mean of `scaled` over the l = 1 level (k = 2…4).
    public var levelOneMean: Double
    /// Mean over the l = 2 level (k = 5…9).
    public var levelTwoMean: Double
    /// `scaled[k] / levelOneMean`: 1 on level 1 and 3 on level 2 in the limit.
    public var ratios: [Double]
    /// `levelTwoMean / levelOneMean`.
    public var levelRatio: Double
    /// The continuum prediction at this ε, `3 − ε²/2`.
    public var predictedRatio: Double

    /// From the top eigenvalues of A, descending, at least 9 of them (λ_1 = 1 first).
    public init(eigenvalues: [Double], eps: Double) {
        precondition(eigenvalues.count >= 9, "the l = 2 level needs the top 9 eigenvalues")
        precondition(eps > 0, "ε must be positive")
        let scaled = (1..<9).map { (1 - eigenvalues[$0]) / (eps * eps) }
        let one = scaled[0..<3].reduce(0, +) / 3, two = scaled[3..<8].reduce(0, +) / 5
        self.scaled = scaled
        levelOneMean = one
        levelTwoMean = two
        ratios = scaled.map { $0 / one }
        levelRatio = two / one
        predictedRatio = Self.predictedRatio(eps: eps)
    }

    /// `3 − ε²/2`: the l = 2 / l = 1 ratio of the cap-average operator of chord ε.
    public static func predictedRatio(eps: Double) -> Double { 3 - eps * eps / 2 }

    /// The cap-average operator's `(1 − λ)/ε²` on level l ∈ {1, 2}: 1/4 and (3 − ε²/2)/4 (→ l(l + 1)/8 as ε → 0).
    public static func predictedScaled(level l: Int, eps: Double) -> Double {
        precondition(l == 1 || l == 2, "closed forms are given for l = 1 and 2")
        return l == 1 ? 0.25 : (3 - eps * eps / 2) / 4
    }
}
