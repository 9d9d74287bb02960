import Foundation
import SNNLinalg
import SNNData
import SNNGraph
import SNNCore

/// `snn experiment epsilon`: a sweep over the ε of the paper's ε-graph on S²: the graph Laplacian eigenvalues
/// against the Laplace–Beltrami pattern (`SphereLaplacianLevels`) and the SNN's error after a short budget.
public enum EpsilonExperiment {
    public struct Settings: Sendable {
        public var n = 3000
        public var epsilons = [0.15, 0.2, 0.25, 0.3, 0.4, 0.5]
        public var r = 4
        public var seed: UInt64 = 0
        public var hidden = [128, 128]
        /// Epochs of the short training run per ε (0: no training).
        public var epochs = 400
        public var timeLimit: Double? = 20

        public init() {}
    }

    /// One ε.
    public struct Row: Sendable {
        public var eps: Double
        public var meanDegree: Double
        public var minimumDegree: Double
        /// The top 10 eigenvalues of A.
        public var eigenvalues: [Double]
        public var levels: SphereLaplacianLevels
        /// Exact top-r eigenvectors against the continuum functions (the graph's own error; nil when r is not 1, 4 or 9).
        public var graphVsContinuum: SpanErrors?
        /// SNN subspace error against the exact eigenvectors (nil when `epochs` is 0).
        public var snnError: Double?
        public var snnEpochs: Int
        public var seconds: Double
    }

    public struct Result: Sendable {
        public var settings: Settings
        public var rows: [Row]
        public var seconds: Double
    }

    /// Runs the sweep on one sample of S² (the same points for every ε); `log` gets one line per ε.
    /// - Throws: graph, eigensolver and training errors; `EvalError.invalidSetting` for an empty or non-positive ε list.
    /// - Complexity: per ε one graph, one 10-pair eigensolve and one short training run.
    public static func run(_ s: Settings, log: (String) -> Void = { _ in }) throws -> Result {
        let start = Date()
        guard !s.epsilons.isEmpty, s.epsilons.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw EvalError.invalidSetting("--eps-list needs at least one positive ε")
        }
        guard s.n > 10, s.r >= 1, s.r < s.n else { throw EvalError.invalidSetting("the sweep needs n > 10 and 1 ≤ r < n (got n = \(s.n), r = \(s.r))") }
        let sample = try ExperimentSample(.sphere, n: s.n, dimension: 2, ambient: nil, seed: s.seed)
        let continuum = ContinuumBasis(.sphere, native: sample.native, r: s.r)
        var rows: [Row] = []
        for eps in s.epsilons {
            let clock = Date()
            let built = try GraphRecipe.epsilon(eps).build(sample.points)
            let degrees = built.graph.degrees()
            if let warning = built.graph.componentWarning() {
                throw EvalError.invalidSetting("ε = \(eps) gives a disconnected graph on \(s.n) points (\(warning)); use a larger ε or n")
            }
            var problem = try TrainingProblem(points: sample.points, graph: built.graph, rank: s.r, degreeRule: built.rule,
                                              graphDescription: built.description)
            let count = max(10, s.r)
            let eigen = try topEigenpairs(of: problem.adjacency, count: count, solver: s.n <= 1000 ? .dense : .shiftInvert)
            let u = eigen.vectors.columns(0..<s.r)
            problem.reference = (Array(eigen.values.prefix(s.r)), u)
            var snnError: Double? = nil
            var epochs = 0
            if s.epochs > 0 {
                var c = TrainingConfiguration()
                c.hidden = s.hidden
                c.seed = s.seed
                c.epochs = s.epochs
                c.timeLimit = s.timeLimit
                c.evaluateEvery = s.epochs
                var trainer = try Trainer<Float>(problem: problem, configuration: c)
                _ = try trainer.run()
                snnError = try Subspace.subspaceError(trainer.trainingOutputs(), u)
                epochs = trainer.epoch
            }
            let levels = SphereLaplacianLevels(eigenvalues: eigen.values, eps: eps)
            let row = Row(eps: eps, meanDegree: degrees.reduce(0, +) / Double(degrees.count), minimumDegree: degrees.min()!,
                          eigenvalues: eigen.values, levels: levels,
                          graphVsContinuum: try continuum.map { try SpanErrors(u, $0.values) },
                          snnError: snnError, snnEpochs: epochs, seconds: Date().timeIntervalSince(clock))
            log(String(format: "ε = %.3g: mean degree %.1f, level ratio %.3f (continuum %.3f)", eps, row.meanDegree, levels.levelRatio, levels.predictedRatio)
                + (snnError.map { String(format: ", SNN error %.4f", $0) } ?? "") + String(format: " (%.1f s)", row.seconds))
            rows.append(row)
        }
        return Result(settings: s, rows: rows, seconds: Date().timeIntervalSince(start))
    }
}
