/// Invalid sampling requests. Each description says what is wrong and what to change.
public enum SamplerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `n` is below the minimum for the data set.
    case invalidCount(n: Int, minimum: Int, manifold: Manifold)
    /// The intrinsic dimension is out of range or fixed for this data set.
    case invalidDimension(manifold: Manifold, given: Int, reason: String)
    /// The ambient dimension D is smaller than the dimension the data set lives in.
    case ambientTooSmall(manifold: Manifold, ambient: Int, native: Int)
    /// A real-valued option is negative, zero where it must be positive, or not finite.
    case invalidValue(option: String, value: Double, requirement: String)
    /// `clusters` is not between 1 and n.
    case invalidClusters(clusters: Int, n: Int)
    /// n × D elements would not fit in memory.
    case tooLarge(n: Int, columns: Int, limit: Int)

    public var description: String {
        switch self {
        case let .invalidCount(n, minimum, manifold):
            return "cannot sample \(n) points from \(manifold): n must be at least \(minimum)"
        case let .invalidDimension(manifold, given, reason):
            return "dimension \(given) is not valid for \(manifold): \(reason)"
        case let .ambientTooSmall(manifold, ambient, native):
            return "ambient dimension \(ambient) is smaller than the \(native) dimensions \(manifold) lives in; "
                + "choose an ambient dimension of at least \(native)"
        case let .invalidValue(option, value, requirement):
            return "\(option) = \(value) is not valid: it must be \(requirement)"
        case let .invalidClusters(clusters, n):
            return "cannot make \(clusters) clusters from \(n) points: choose between 1 and \(n) clusters"
        case let .tooLarge(n, columns, limit):
            return "\(n) × \(columns) points exceed the limit of \(limit) values; lower n or the ambient dimension"
        }
    }
}
