import Foundation
import SNNLinalg
import SNNData
import SNNGraph
import SNNCore

/// `snn experiment neurons`: error after a fixed training budget against the number of hidden neurons, over
/// widths, depths and seeds, with the fitted log–log slope beside the `−1/m` that the approximation theorem's
/// `δ^{-m}` neuron count implies for an m-dimensional manifold.
public enum NeuronsExperiment {
    public struct Settings: Sendable {
        public var manifold: Manifold = .sphere
        public var dimension: Int? = nil
        public var n = 1500
        public var r = 4
        public var graph: GraphRecipe = .epsilon(0.35)
        public var widths = [8, 16, 32, 64, 128]
        /// Numbers of hidden layers (each of the same width).
        public var depths = [1, 2]
        public var seeds = 3
        public var epochs = 1000
        /// Seconds per run (nil: no limit).
        public var timeLimit: Double? = 15
        public var objective: ObjectiveKind = .lowrank
        /// The seed of the sample; run s uses network seed `seed + s`.
        public var seed: UInt64 = 0

        public init() {}
    }

    /// One (depth, width, seed) training run.
    public struct Run: Sendable, Equatable {
        public var depth: Int
        public var width: Int
        public var seed: UInt64
        /// Hidden units in total, depth × width (the x axis).
        public var neurons: Int
        /// Trainable weights and biases.
        public var parameters: Int
        public var epochs: Int
        public var seconds: Double
        /// Subspace error of span(Y) against the exact top-r eigenvectors on the training points.
        public var subspaceError: Double
        /// `min_O ‖YO − U_r Λ_r^{1/2}‖_F / ‖U_r Λ_r^{1/2}‖_F`.
        public var procrustesError: Double
    }

    /// Min, median and max of the seeds' subspace errors at one (depth, width).
    public struct Point: Sendable, Equatable {
        public var depth: Int
        public var width: Int
        public var neurons: Int
        public var parameters: Int
        public var minimum: Double
        public var median: Double
        public var maximum: Double
    }

    public struct Result: Sendable {
        public var settings: Settings
        public var intrinsicDimension: Int
        public var graphDescription: String
        public var runs: [Run]
        public var points: [Point]
        /// Log–log fit of the median error against the neurons, per depth (same order as `settings.depths`).
        public var fits: [(depth: Int, fit: PowerLawFit?)]
        /// The slope the theorem's neuron count `N ∝ δ^{-m}` implies: error ∝ N^{-1/m}.
        public var theoreticalSlope: Double
        /// The error of the smooth continuum functions against the exact eigenvectors (the part of the exact
        /// eigenvectors a smooth network must memorize), nil when unknown.
        public var graphVsContinuum: SpanErrors?
        public var seconds: Double
    }

    /// Runs the sweep; `log` receives one line per finished training run.
    /// - Throws: sampler, graph, eigensolver and training errors; `EvalError.invalidSetting` for empty sweeps.
    /// - Complexity: depths × widths × seeds training runs of the given budget, one exact eigensolve.
    public static func run(_ s: Settings, log: (String) -> Void = { _ in }) throws -> Result {
        let start = Date()
        guard !s.widths.isEmpty, !s.depths.isEmpty, s.seeds >= 1, s.widths.allSatisfy({ $0 >= 1 }), s.depths.allSatisfy({ $0 >= 1 }) else {
            throw EvalError.invalidSetting("the sweep needs at least one width ≥ 1, one depth ≥ 1 and one seed (--widths, --depths, --seeds)")
        }
        guard s.r >= 1, s.r < s.n else { throw EvalError.invalidSetting("-r must be between 1 and n − 1 = \(s.n - 1) (got \(s.r))") }
        let m = s.dimension ?? s.manifold.defaultDimension
        let sample = try ExperimentSample(s.manifold, n: s.n, dimension: s.dimension, ambient: nil, seed: s.seed)
        let built = try s.graph.build(sample.points)
        var problem = try TrainingProblem(points: sample.points, graph: built.graph, rank: s.r, degreeRule: built.rule,
                                          graphDescription: built.description)
        let reference = try topEigenpairs(of: problem.adjacency, count: s.r, solver: s.n <= 1000 ? .dense : .auto)
        problem.reference = (reference.values, reference.vectors)
        var target = reference.vectors
        for j in 0..<s.r { let scale = max(reference.values[j], 0).squareRoot(); for i in 0..<s.n { target[i, j] *= scale } }
        let graphVsContinuum = try ContinuumBasis(s.manifold, native: sample.native, r: s.r).map { try SpanErrors(reference.vectors, $0.values) }

        var runs: [Run] = []
        var points: [Point] = []
        for depth in s.depths {
            for width in s.widths {
                var errors: [Double] = []
                var parameters = 0
                for k in 0..<s.seeds {
                    var c = TrainingConfiguration()
                    c.hidden = [Int](repeating: width, count: depth)
                    c.objective = s.objective
                    c.seed = s.seed + UInt64(k)
                    c.epochs = s.epochs
                    c.timeLimit = s.timeLimit
                    c.evaluateEvery = s.epochs
                    var trainer = try Trainer<Float>(problem: problem, configuration: c)
                    let clock = Date()
                    _ = try trainer.run()
                    let seconds = Date().timeIntervalSince(clock)
                    let y = trainer.trainingOutputs()
                    let error = try Subspace.subspaceError(y, reference.vectors)
                    parameters = trainer.model.network.parameterCount
                    runs.append(Run(depth: depth, width: width, seed: c.seed, neurons: depth * width, parameters: parameters,
                                    epochs: trainer.epoch, seconds: seconds, subspaceError: error,
                                    procrustesError: try Subspace.procrustesError(y, target)))
                    errors.append(error)
                    log(String(format: "depth %d width %4d seed %d: subspace error %.4f after %d epochs (%.1f s)",
                               depth, width, Int(c.seed), error, trainer.epoch, seconds))
                }
                let sorted = errors.sorted()
                let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
                points.append(Point(depth: depth, width: width, neurons: depth * width, parameters: parameters,
                                    minimum: sorted.first!, median: median, maximum: sorted.last!))
            }
        }
        let fits = s.depths.map { depth -> (depth: Int, fit: PowerLawFit?) in
            let p = points.filter { $0.depth == depth }
            return (depth, PowerLawFit(x: p.map { Double($0.neurons) }, y: p.map(\.median)))
        }
        return Result(settings: s, intrinsicDimension: m, graphDescription: built.description, runs: runs, points: points, fits: fits,
                      theoreticalSlope: -1 / Double(m), graphVsContinuum: graphVsContinuum, seconds: Date().timeIntervalSince(start))
    }
}
