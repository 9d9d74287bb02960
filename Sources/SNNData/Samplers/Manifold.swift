/// The data sets `Sampler` draws from: closed manifolds with a known intrinsic geometry, plus the classic
/// scikit-learn toy sets.
///
/// The raw value is the name the CLI accepts (`snn sample <name>`).
/// - `circle`: the unit circle S¹ ⊂ R², uniform in arc length.
/// - `sphere`: the unit sphere S^m ⊂ R^(m+1) (any m ≥ 1, default 2), uniform in surface measure.
/// - `torus`: the standard ("donut") torus in R³ with major radius R and minor radius r (default 2 and 1),
///   uniform in surface area.
/// - `flatTorus` (`flattorus`): the flat torus T^m = S¹ × … × S¹ ⊂ R^(2m) (default m = 2, the Clifford torus in R⁴),
///   each factor a unit circle; uniform in its (flat) volume.
/// - `swissroll`: scikit-learn's `make_swiss_roll` parametrization (not area-uniform, see `Sampler`).
/// - `moons`: scikit-learn's `make_moons` (two interleaving half circles, labels 0 and 1).
/// - `blobs`: scikit-learn's `make_blobs` (isotropic Gaussian clusters, labels 0..<clusters).
public enum Manifold: String, CaseIterable, Sendable, CustomStringConvertible {
    case circle
    case sphere
    case torus
    case flatTorus = "flattorus"
    case swissroll
    case moons
    case blobs

    /// The names the CLI accepts, in declaration order (`circle, sphere, …`).
    public static var names: [String] { allCases.map(\.rawValue) }

    /// The intrinsic dimension used when `SampleOptions.dimension` is nil (for `blobs`, the number of features).
    public var defaultDimension: Int {
        switch self {
        case .circle, .moons: return 1
        case .sphere, .torus, .flatTorus, .swissroll, .blobs: return 2
        }
    }

    /// True when `SampleOptions.dimension` may be chosen freely (sphere S^m, flat torus T^m, blobs' feature count).
    public var hasVariableDimension: Bool {
        switch self {
        case .sphere, .flatTorus, .blobs: return true
        case .circle, .torus, .swissroll, .moons: return false
        }
    }

    /// The dimension of the space the sampler draws in before any ambient embedding, for intrinsic dimension `m`.
    public func nativeDimension(intrinsic m: Int) -> Int {
        switch self {
        case .circle, .moons: return 2
        case .sphere: return m + 1
        case .torus, .swissroll: return 3
        case .flatTorus: return 2 * m
        case .blobs: return m
        }
    }

    /// True for the data sets that come with class labels (`moons`, `blobs`).
    public var hasLabels: Bool { self == .moons || self == .blobs }

    /// A short human-readable name, e.g. `sphere S^m` (with the dimension filled in by `title(dimension:)`).
    public var description: String { rawValue }

    /// A human-readable name for the data set with intrinsic dimension `m`, e.g. "sphere S^2 in R^3".
    public func title(dimension m: Int) -> String {
        switch self {
        case .circle: return "circle S^1 in R^2"
        case .sphere: return "sphere S^\(m) in R^\(m + 1)"
        case .torus: return "standard torus in R^3"
        case .flatTorus: return "flat torus T^\(m) in R^\(2 * m)"
        case .swissroll: return "swiss roll in R^3"
        case .moons: return "two moons in R^2"
        case .blobs: return "Gaussian blobs in R^\(m)"
        }
    }
}
