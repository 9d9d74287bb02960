import SNNLinalg
import SNNNeural

/// A trained spectral network: `f(x) = c · √(d(x)/d̄) · g_θ((x − μ)/s)` (or `c · g_θ(…)` without the degree factor),
/// with `c = 1/√n` so that `Y = f(X)` has the scale of `U_r Λ_r^{1/2}`, and the eigen recovery `V`, `Σ` that turns
/// outputs into eigenvector estimates `û(x) = f(x) V Σ^{-1/2}` for any point.
public struct SpectralModel<T: LinalgScalar>: Sendable {
    public var network: MLP<T>
    public var standardization: InputStandardization<T>
    /// `c` in the definition above.
    public var outputScale: Double
    /// The √degree factor's degrees; `nil` for the paper's plain `f_θ`.
    public var degreeModel: DegreeModel?
    /// `V`, `Σ` from the training outputs; `nil` until `recoverEigenpairs` is called.
    public var recovery: EigenRecovery?

    public init(network: MLP<T>, standardization: InputStandardization<T>, outputScale: Double, degreeModel: DegreeModel?) {
        self.network = network
        self.standardization = standardization
        self.outputScale = outputScale
        self.degreeModel = degreeModel
    }

    /// Number of outputs r.
    public var outputCount: Int { network.outputCount }
    /// Input dimension d.
    public var inputCount: Int { network.inputCount }

    /// Per-row output factors `c · √(d_i/d̄)` for points with known (or estimated) degrees.
    public func rowScales(degrees: [Double]?) -> [T] {
        guard let model = degreeModel, let degrees else {
            return [T](repeating: T(outputScale), count: degrees?.count ?? 0)
        }
        let mean = model.meanDegree
        return degrees.map { T(outputScale * ($0 / mean).squareRoot()) }
    }

    /// `f(x)` for new points: degrees estimated by the degree model. - Complexity: one forward pass + degree estimate.
    public func outputs(_ points: Matrix<Double>) -> Matrix<Double> {
        outputs(points, degrees: degreeModel?.estimate(for: points))
    }

    /// `f(x)` for points whose degrees are known (the training points).
    public func outputs(_ points: Matrix<Double>, degrees: [Double]?) -> Matrix<Double> {
        precondition(points.cols == inputCount, "points have \(points.cols) coordinates, the network takes \(inputCount)")
        var g = network.forward(standardization.apply(points.converted()))
        let scales = degrees == nil ? [T](repeating: T(outputScale), count: points.rows) : rowScales(degrees: degrees)
        let r = g.cols
        g.storage.withUnsafeMutableBufferPointer { p in
            for i in 0..<points.rows { for j in 0..<r { p[i * r + j] *= scales[i] } }
        }
        return g.converted()
    }

    /// Sets `V`, `Σ` from the outputs on the training points (see `EigenRecovery`).
    /// - Throws: `LinalgError.rankDeficient` when the outputs are not independent.
    public mutating func recoverEigenpairs(trainingOutputs y: Matrix<Double>) throws {
        recovery = try EigenRecovery(outputs: y)
    }

    /// Eigenvector estimates `û(x) = f(x) V Σ^{-1/2}` for any points.
    /// - Throws: `SNNError.notRecovered` when the model has no eigen recovery.
    public func embed(_ points: Matrix<Double>) throws -> Matrix<Double> {
        guard let recovery else { throw SNNError.notRecovered }
        return recovery.applied(to: outputs(points))
    }
}
