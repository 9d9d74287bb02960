/// Failures of evaluation (metrics, certificate, clustering, experiments); each says what to change.
public enum EvalError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Two inputs that must describe the same points or the same dimension do not.
    case mismatch(String)
    /// A setting outside its valid range.
    case invalidSetting(String)
    /// Input data that the computation cannot use (empty, non-finite, negative eigenvalues where roots are taken).
    case invalidData(String)

    public var description: String {
        switch self {
        case let .mismatch(m): return m
        case let .invalidSetting(m): return m
        case let .invalidData(m): return m
        }
    }
}
