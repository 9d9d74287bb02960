import SNNLinalg

/// A loss on the network's outputs `Y ∈ R^{n×r}` on the training points, with its gradient `∂ℓ/∂Y`.
/// The trainer back-propagates `∂ℓ/∂Y` through the network.
public protocol OutputObjective<Scalar>: Sendable {
    associatedtype Scalar: LinalgScalar
    /// Number of rows `n` the objective expects.
    var count: Int { get }
    /// `ℓ(Y)` and `∇_Y ℓ`.
    func lossAndGradient(_ y: Matrix<Scalar>) -> (loss: Double, gradient: Matrix<Scalar>)
    /// `ℓ(Y)` alone.
    func loss(_ y: Matrix<Scalar>) -> Double
}

extension SpectralObjective: OutputObjective {
    public var count: Int { matrix.rows }
}
