/// Failures of the network layer: bad settings supplied by a user and corrupt or hostile model files.
/// Each description says what is wrong and what to change.
public enum NeuralError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A hyper-parameter or architecture setting outside its valid range.
    case invalidSetting(name: String, value: String, requirement: String)
    /// A `.safetensors` file that does not follow the format (or would need an unreasonable allocation).
    case invalidSafeTensors(String)
    /// A tensor that exists but cannot be used as asked (wrong dtype, shape, or missing).
    case tensorMismatch(name: String, problem: String)

    public var description: String {
        switch self {
        case let .invalidSetting(name, value, requirement):
            return "invalid \(name) \(value): \(requirement)"
        case let .invalidSafeTensors(message):
            return "not a valid .safetensors file: \(message); check that the file was written completely by snn or the Python safetensors package"
        case let .tensorMismatch(name, problem):
            return "tensor '\(name)' \(problem)"
        }
    }
}
