/// Failures of training and of using a trained model; each says what to change.
public enum SNNError: Error, Equatable, CustomStringConvertible, Sendable {
    case invalidSetting(String)
    case mismatch(String)
    case diverged(epoch: Int, loss: Double)
    case notRecovered
    case badModelFile(path: String, problem: String)
    case badCheckpoint(path: String, problem: String)

    public var description: String {
        switch self {
        case let .invalidSetting(m): return m
        case let .mismatch(m): return m
        case let .diverged(epoch, loss):
            return "training diverged at epoch \(epoch) (loss \(loss)); lower the learning rate (--lr) or clip gradients (--clip)"
        case .notRecovered:
            return "the model has no eigen recovery (V, Σ); it was saved before training finished — train it again"
        case let .badModelFile(path, problem): return "\(path): not a usable snn model: \(problem)"
        case let .badCheckpoint(path, problem): return "\(path): cannot resume from this checkpoint: \(problem)"
        }
    }
}
