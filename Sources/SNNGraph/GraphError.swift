/// Failures while building or checking a similarity graph; each description says what to change.
public enum GraphError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A vertex has no neighbour (zero degree), so `D^{-1/2}` does not exist.
    case isolatedVertex(index: Int, advice: String)
    /// A parameter is outside its valid range (ε ≤ 0, k = 0, k ≥ n, …).
    case invalidParameter(String)
    /// A graph file or matrix that is not a valid similarity graph (not square, not symmetric, negative weights).
    case invalidGraph(String)
    /// Points that cannot be used (NaN/Inf, no points, zero dimension).
    case invalidPoints(String)

    public var description: String {
        switch self {
        case let .isolatedVertex(index, advice): return "point \(index) has no neighbour (zero degree); \(advice)"
        case let .invalidParameter(m): return m
        case let .invalidGraph(m): return "invalid graph: \(m)"
        case let .invalidPoints(m): return "invalid points: \(m)"
        }
    }
}
