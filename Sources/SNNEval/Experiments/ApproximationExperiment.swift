import Foundation
import SNNLinalg
import SNNData
import SNNGraph
import SNNCore

/// `snn experiment approximation`: how well the trained network reproduces the top-r eigenvectors, on the training
/// points (against the exact eigenvectors of the graph) and on fresh points of the same manifold (against the
/// continuum eigenfunctions, and against the exact eigenvectors of a graph built on the fresh points), for the
/// default objective (`lowrank`, √degree factor) and for the paper's eq. 1.1 (`paper`, plain f_θ).
public enum ApproximationExperiment {
    public struct Settings: Sendable {
        public var manifold: Manifold = .sphere
        public var dimension: Int? = nil
        public var ambient: Int? = nil
        public var n = 2000
        public var r = 4
        public var graph: GraphRecipe = .epsilon(0.35)
        public var seed: UInt64 = 0
        public var hidden = [128, 128]
        /// Epoch budget per objective.
        public var epochs = 2000
        /// Seconds per objective (nil: no limit).
        public var timeLimit: Double? = 60
        public var evaluateEvery = 20
        public var objectives: [ObjectiveKind] = [.lowrank, .paper]

        public init() {}
    }

    /// One trained objective.
    public struct Run: Sendable {
        public var objective: ObjectiveKind
        public var degreeFactor: Bool
        public var learningRate: Double
        public var epochs: Int
        public var seconds: Double
        public var stopReason: StopReason
        /// Loss and subspace error against the exact eigenvectors at every evaluation.
        public var history: [EvaluationRecord]
        /// Training points: Y against the exact eigenvectors U_r (the Procrustes error is against U_r Λ_r^{1/2},
        /// the paper's "up to rotation").
        public var training: SpanErrors
        /// The eigenvalue estimates λ̂ (eigenvalues of YᵀY).
        public var estimatedValues: [Double]
        /// Training points: span(Y) against the continuum functions (nil when unknown).
        public var trainingVsContinuum: SpanErrors?
        /// Fresh points: the network's embedding against the continuum functions (nil when unknown).
        public var freshVsContinuum: SpanErrors?
        /// Fresh points: the embedding against the exact eigenvectors of the graph built on the fresh points.
        public var freshVsFreshGraph: SpanErrors
        /// The embedding of the fresh points rotated onto the orthonormalized continuum basis (Procrustes), n × r;
        /// nil when the continuum functions are unknown.
        public var alignedFreshEmbedding: Matrix<Double>?
    }

    public struct Result: Sendable {
        public var settings: Settings
        public var dataDescription: String
        public var graphDescription: String
        public var nonzeros: Int
        public var degreeRange: ClosedRange<Double>
        /// The top r + 1 eigenvalues of A on the training points.
        public var referenceValues: [Double]
        public var continuumName: String?
        /// The graph's own discretization error: exact eigenvectors on the training points vs the continuum functions.
        public var graphVsContinuum: SpanErrors?
        /// The same on the fresh points' graph.
        public var freshGraphVsContinuum: SpanErrors?
        public var runs: [Run]
        /// The fresh points in native coordinates (for painting).
        public var freshNative: Matrix<Double>
        /// The orthonormalized continuum basis on the fresh points (for painting next to the embedding).
        public var freshContinuum: Matrix<Double>?
        public var seconds: Double
    }

    /// Runs the experiment; `log` receives one line per finished step (for progress output).
    /// - Throws: sampler, graph, eigensolver and training errors; `EvalError.invalidSetting` for r ≥ n.
    /// - Complexity: two exact eigensolves and two training runs of the given budget.
    public static func run(_ s: Settings, log: (String) -> Void = { _ in }) throws -> Result {
        let start = Date()
        guard s.r >= 1, s.r < s.n else { throw EvalError.invalidSetting("-r must be between 1 and n − 1 = \(s.n - 1) (got \(s.r))") }
        let m = s.dimension ?? s.manifold.defaultDimension
        let data = s.manifold.title(dimension: m) + (s.ambient.map { " rotated into R^\($0)" } ?? "") + ", n = \(s.n), seed \(s.seed)"
        let sample = try ExperimentSample(s.manifold, n: s.n, dimension: s.dimension, ambient: s.ambient, seed: s.seed)
        let fresh = try ExperimentSample(s.manifold, n: s.n, dimension: s.dimension, ambient: s.ambient, seed: s.seed + 1_000_003)
        let built = try s.graph.build(sample.points)
        var problem = try TrainingProblem(points: sample.points, graph: built.graph, rank: s.r, degreeRule: built.rule,
                                          graphDescription: built.description)
        let reference = try topEigenpairs(of: problem.adjacency, count: s.r + 1, solver: s.n <= 1000 ? .dense : .auto)
        let u = reference.vectors.columns(0..<s.r)
        problem.reference = (Array(reference.values.prefix(s.r)), u)
        log("graph: \(built.description), nnz \(built.graph.nonzeroCount); reference eigenvalues " + reference.values.map { String(format: "%.5f", $0) }.joined(separator: " "))

        let freshBuilt = try s.graph.build(fresh.points)
        let freshA = try freshBuilt.graph.normalizedAdjacency()
        let freshU = try topEigenpairs(of: freshA, count: s.r, solver: s.n <= 1000 ? .dense : .auto).vectors

        let continuum = ContinuumBasis(s.manifold, native: sample.native, r: s.r)
        let freshContinuum = ContinuumBasis(s.manifold, native: fresh.native, r: s.r)
        let freshQ = try freshContinuum.map { try $0.values.orthonormalColumns() }
        let graphVsContinuum = try continuum.map { try SpanErrors(u, $0.values) }
        let freshGraphVsContinuum = try freshContinuum.map { try SpanErrors(freshU, $0.values) }

        var target = u
        for j in 0..<s.r { let scale = max(reference.values[j], 0).squareRoot(); for i in 0..<s.n { target[i, j] *= scale } }
        var runs: [Run] = []
        for objective in s.objectives {
            var c = TrainingConfiguration()
            c.hidden = s.hidden
            c.objective = objective
            c.seed = s.seed
            c.epochs = s.epochs
            c.timeLimit = s.timeLimit
            c.evaluateEvery = s.evaluateEvery
            var trainer = try Trainer<Float>(problem: problem, configuration: c)
            let clock = Date()
            let reason = try trainer.run()
            let seconds = Date().timeIntervalSince(clock)
            let y = trainer.trainingOutputs()
            let subspace = try Subspace.subspaceError(y, u)
            let procrustes = try Subspace.procrustesError(y, target)
            let embedding = try trainer.model.embed(fresh.points)
            var aligned: Matrix<Double>? = nil
            if let freshQ {
                let q = try embedding.orthonormalColumns()
                let rotation = try Subspace.procrustesRotation(from: q, to: freshQ)
                aligned = Matrix.multiply(q, rotation)
            }
            let run = Run(objective: objective.resolved, degreeFactor: c.usesDegreeFactor, learningRate: c.resolvedLearningRate,
                          epochs: trainer.epoch, seconds: seconds, stopReason: reason, history: trainer.history,
                          training: SpanErrors(subspace: subspace, procrustes: procrustes),
                          estimatedValues: trainer.model.recovery?.sigma ?? [],
                          trainingVsContinuum: try continuum.map { try SpanErrors(y, $0.values) },
                          freshVsContinuum: try freshContinuum.map { try SpanErrors(embedding, $0.values) },
                          freshVsFreshGraph: try SpanErrors(embedding, freshU), alignedFreshEmbedding: aligned)
            log(String(format: "%@: %d epochs in %.1f s, subspace error %.4f on the training points", objective.resolved.rawValue, trainer.epoch, seconds, subspace))
            runs.append(run)
        }
        let degrees = built.graph.degrees()
        return Result(settings: s, dataDescription: data, graphDescription: built.description, nonzeros: built.graph.nonzeroCount,
                      degreeRange: degrees.min()!...degrees.max()!, referenceValues: reference.values,
                      continuumName: continuum?.name, graphVsContinuum: graphVsContinuum, freshGraphVsContinuum: freshGraphVsContinuum,
                      runs: runs, freshNative: fresh.native.points, freshContinuum: freshQ, seconds: Date().timeIntervalSince(start))
    }
}
