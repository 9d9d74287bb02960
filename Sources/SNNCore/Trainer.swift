import Foundation
import SNNLinalg
import SNNData
import SNNNeural

/// One evaluation of a training run (also one JSON line of `--log`).
public struct EvaluationRecord: Sendable, Codable, Equatable {
    public var epoch: Int
    public var step: Int
    public var seconds: Double
    public var loss: Double
    public var learningRate: Double
    /// `‖sin Θ‖_F/√r` between `span(Y)` and the reference eigenvectors, when a reference is given.
    public var subspaceError: Double?
    /// Eigenvalue estimates `λ̂` (eigenvalues of `YᵀY`), descending.
    public var eigenvalues: [Double]
}

/// Why a run stopped.
public enum StopReason: String, Sendable, Codable {
    case epochs, timeLimit = "time-limit", tolerance, targetError = "target-error"
    /// `shouldStop` asked to stop (SIGINT/SIGTERM in `snn train`); the run can be resumed from a checkpoint.
    case interrupted
}

/// Trains a `SpectralModel` on a `TrainingProblem` (DESIGN §2; the objective in `ObjectiveKind`).
///
/// A full-batch step costs one forward and one backward pass over all n points (GEMMs of n × width) plus the
/// objective (`O(n·r²)` for `lowrank`, `O(nnz·r + n·r²)` for `paper`); a minibatch step the same over
/// `batch` (+ `2·batch` edge endpoints for `paper`) rows. Same seed → same bits (single thread).
public struct Trainer<T: LinalgScalar>: Sendable {
    public let problem: TrainingProblem
    public let configuration: TrainingConfiguration
    public private(set) var model: SpectralModel<T>
    public private(set) var optimizer: AnyOptimizer<T>
    public private(set) var scheduler: LearningRateScheduler
    public private(set) var generator: SeededGenerator
    public private(set) var epoch = 0
    public private(set) var step = 0
    /// Training seconds accumulated before this process (from a checkpoint).
    public private(set) var elapsedBefore = 0.0
    public private(set) var history: [EvaluationRecord] = []
    /// Seconds spent before training on the `lowrank` target's reference solve.
    public private(set) var setupSeconds = 0.0
    private let objective: any OutputObjective<T>
    private let estimator: MinibatchEstimator<T>?
    private let inputs: Matrix<T>
    private let rowScales: [T]
    private var initialLoss: Double? = nil

    /// Prepares a run: builds the network from the seed, the objective (solving for the top-r eigenpairs
    /// once for `lowrank`), the optimizer and the schedule.
    /// - Throws: invalid settings, or an eigensolver failure for `lowrank`.
    public init(problem: TrainingProblem, configuration c: TrainingConfiguration) throws {
        try c.validate()
        self.problem = problem
        self.configuration = c
        var generator = SeededGenerator(seed: c.seed)
        let widths = [problem.points.cols] + c.hidden + [problem.rank]
        try MLP<T>.validate(widths: widths)
        let network = MLP<T>(widths: widths, activation: c.activation, initialization: c.initialization, using: &generator)
        let x: Matrix<T> = problem.points.converted()
        let standardization = InputStandardization<T>(centeringWithOverallScale: x)
        let degreeModel = c.usesDegreeFactor
            ? DegreeModel(rule: problem.degreeRule, points: problem.points, degrees: problem.degrees) : nil
        model = SpectralModel(network: network, standardization: standardization,
                              outputScale: 1 / Double(problem.count).squareRoot(), degreeModel: degreeModel)
        inputs = standardization.apply(x)
        rowScales = model.rowScales(degrees: problem.degrees)
        switch c.optimizer {
        case .adam: optimizer = .adam(try Adam<T>(weightDecay: T(c.weightDecay)))
        case .adamw: optimizer = .adam(try Adam<T>(weightDecay: T(c.weightDecay), decoupledWeightDecay: true))
        case .sgd: optimizer = .sgd(try SGD<T>(momentum: T(c.momentum), nesterov: c.nesterov, weightDecay: T(c.weightDecay)))
        }
        scheduler = try LearningRateScheduler(baseLearningRate: c.resolvedLearningRate, schedule: c.schedule)
        switch c.objective.resolved {
        case .paper:
            let sparse = SpectralObjective<T>(matrix: problem.adjacency.converted())
            objective = sparse
            estimator = c.batchSize.map { MinibatchEstimator(matrix: problem.adjacency, pairs: $0, edges: $0) }
        default:
            let start = Date()
            let target = try topEigenpairs(of: problem.adjacency, count: problem.rank)
            setupSeconds = Date().timeIntervalSince(start)
            let lowRank = LowRankSpectralObjective<T>(vectors: target.vectors, values: target.values)
            objective = lowRank
            estimator = c.batchSize.map { MinibatchEstimator(lowRank: lowRank, pairs: $0) }
        }
        self.generator = generator
    }

    /// Steps per epoch: 1 in full batch, ⌈n / batch⌉ otherwise.
    public var stepsPerEpoch: Int {
        guard let b = configuration.batchSize else { return 1 }
        return (problem.count + b - 1) / b
    }

    /// Runs until the epoch budget, the time limit, the tolerance or the target error stops it.
    /// - Parameters:
    ///   - onEpoch: called after every epoch with (epoch, last step loss, elapsed seconds).
    ///   - onEvaluation: called with every evaluation record.
    ///   - onCheckpoint: called when a checkpoint is due; it writes `self` (see `TrainingCheckpoint`).
    ///   - shouldStop: asked after every epoch; `true` ends the run with `.interrupted` at that epoch boundary.
    /// - Throws: `SNNError.diverged` when the loss becomes NaN/Inf or grows by 10⁶; the last checkpoint stays as it was.
    /// - Returns: why the run stopped. The model's eigen recovery is set from the final outputs.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public mutating func run(onEpoch: (Int, Double, Double) -> Void = { _, _, _ in },
                             onEvaluation: (EvaluationRecord) -> Void = { _ in },
                             onCheckpoint: (Trainer<T>) throws -> Void = { _ in },
                             shouldStop: () -> Bool = { false }) throws -> StopReason {
        let c = configuration
        let start = Date()
        var lastCheckpoint = Date()
        let base = elapsedBefore
        func elapsed() -> Double { base + Date().timeIntervalSince(start) }
        var cache = MLPCache<T>()
        var gradient = MLPGradient<T>(widths: model.network.widths)
        var reason = StopReason.epochs
        var previousEvaluationLoss: Double? = history.last?.loss
        while epoch < c.epochs {
            let rate = T(scheduler.learningRate(epoch: epoch))
            var loss = 0.0
            var fullOutputs: Matrix<T>? = nil
            for _ in 0..<stepsPerEpoch {
                if let estimator {
                    let sample = estimator.sample(using: &generator)
                    let x = inputs.rows(sample.rows)
                    var g = model.network.forward(x, cache: &cache)
                    scaleRows(&g, sample.rows.map { rowScales[$0] })
                    var (l, dy) = estimator.lossAndGradient(g, sample: sample)
                    scaleRows(&dy, sample.rows.map { rowScales[$0] })
                    model.network.backward(dy, cache: &cache, into: &gradient)
                    loss = l
                } else {
                    var g = model.network.forward(inputs, cache: &cache)
                    scaleRows(&g, rowScales)
                    var (l, dy) = objective.lossAndGradient(g)
                    scaleRows(&dy, rowScales)
                    model.network.backward(dy, cache: &cache, into: &gradient)
                    loss = l
                    fullOutputs = g
                }
                guard loss.isFinite, loss <= 1e6 * max(initialLoss ?? loss, 1e-300) else {
                    throw SNNError.diverged(epoch: epoch + 1, loss: loss)
                }
                if initialLoss == nil { initialLoss = loss }
                if let clip = c.clipNorm { _ = clipGradientNorm(&gradient.flat, maxNorm: T(clip)) }
                var parameters = model.network.parameters
                optimizer.step(parameters: &parameters, gradient: gradient.flat, learningRate: rate)
                model.network.parameters = parameters
                step += 1
            }
            epoch += 1
            onEpoch(epoch, loss, elapsed())
            let timeUp = c.timeLimit.map { elapsed() >= $0 } ?? false
            if epoch % c.evaluateEvery == 0 || epoch == c.epochs || timeUp {
                // Full batch: the step's outputs (before its update) are the evaluation; minibatch: a full forward.
                let record = evaluate(outputs: fullOutputs, stepLoss: loss, learningRate: Double(rate), seconds: elapsed())
                history.append(record)
                onEvaluation(record)
                if case .reduceOnPlateau = c.schedule { _ = scheduler.observe(record.loss) }
                if let target = c.targetError, let e = record.subspaceError, e <= target { reason = .targetError; break }
                if c.tolerance > 0, let p = previousEvaluationLoss, abs(p - record.loss) <= c.tolerance * abs(p) {
                    reason = .tolerance; break
                }
                previousEvaluationLoss = record.loss
            }
            if timeUp { reason = .timeLimit; break }
            let dueByEpoch = c.checkpointEvery.map { epoch % $0 == 0 } ?? false
            let dueByTime = c.checkpointSeconds.map { Date().timeIntervalSince(lastCheckpoint) >= $0 } ?? false
            if dueByEpoch || dueByTime {
                elapsedBefore = elapsed()
                try onCheckpoint(self)
                lastCheckpoint = Date()
            }
            if shouldStop() { reason = .interrupted; break }
        }
        elapsedBefore = elapsed()
        try model.recoverEigenpairs(trainingOutputs: trainingOutputs())
        return reason
    }

    /// `Y = f(X)` on the training points with their exact degrees, in Double.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public func trainingOutputs() -> Matrix<Double> {
        var g = model.network.forward(inputs)
        scaleRows(&g, rowScales)
        return g.converted()
    }

    private func evaluate(outputs: Matrix<T>?, stepLoss: Double, learningRate: Double, seconds: Double) -> EvaluationRecord {
        let y: Matrix<Double>
        let loss: Double
        if let outputs {
            y = outputs.converted(); loss = stepLoss
        } else {
            y = trainingOutputs(); loss = objective.loss(y.converted())
        }
        let values = ((try? y.gram().symmetricEigen().values) ?? [])
        var error: Double? = nil
        if let reference = problem.reference { error = try? Subspace.subspaceError(y, reference.vectors) }
        return EvaluationRecord(epoch: epoch, step: step, seconds: seconds, loss: loss, learningRate: learningRate,
                                subspaceError: error, eigenvalues: values)
    }

    private func scaleRows(_ m: inout Matrix<T>, _ scales: [T]) {
        let r = m.cols
        m.storage.withUnsafeMutableBufferPointer { p in
            for i in 0..<scales.count { let s = scales[i]; for j in 0..<r { p[i * r + j] *= s } }
        }
    }

    /// Restores the mutable state from a checkpoint (see `TrainingCheckpoint`).
    mutating func restore(network: MLP<T>, optimizer: AnyOptimizer<T>, scheduler: LearningRateScheduler,
                          generator: SeededGenerator, epoch: Int, step: Int, elapsed: Double,
                          history: [EvaluationRecord], initialLoss: Double?) {
        model.network = network
        self.optimizer = optimizer
        self.scheduler = scheduler
        self.generator = generator
        self.epoch = epoch
        self.step = step
        self.elapsedBefore = elapsed
        self.history = history
        self.initialLoss = initialLoss
    }

    /// The loss of the first step (for the divergence guard), saved in checkpoints.
    var firstLoss: Double? { initialLoss }
}
