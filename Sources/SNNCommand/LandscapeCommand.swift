import Foundation
import SpectralNN

/// `snn landscape GRAPH -r R …`: measures the landscape of the ambient SNN objective `‖YYᵀ − A‖_F²` on a graph
/// (paper §3): the stationary points `Y_S` and their Hessian index, gradient descent from random starts, from
/// perturbed saddles and from near `Y*`, and λ_min of the Riemannian Hessian on a ball around `Y*`.
struct LandscapeCommand: Command {
    let name = "landscape"
    let abstract = "Measure the landscape of ‖YYᵀ − A‖²: saddles and their index, gradient descent, λ_min near Y*"

    var positionals: [PositionalSpec] {
        [PositionalSpec("graph", help: "Similarity graph G as a SciPy CSR .npz (scipy.sparse.save_npz); A = D^-1/2 G D^-1/2")]
    }

    var options: [OptionSpec] {
        [
            OptionSpec(short: "r", .int, valueName: "R", required: true, minimum: 1, help: "Number of eigenpairs r (columns of Y)"),
            OptionSpec(long: "inits", .string, valueName: "random:K", default: "random:20",
                       help: "Random starts: K Gaussian matrices scaled to scale·‖Y*‖_F (scales from --scales, in turn)"),
            OptionSpec(long: "scales", .doubleList, valueName: "s,…", default: "0.01,1,3",
                       help: "Norms of the random starts relative to ‖Y*‖_F, used in turn"),
            OptionSpec(long: "saddles", .int, valueName: "p", default: "2", minimum: 0,
                       help: "Enumerate Y_S for every r-subset S of the top r + p eigenpairs"),
            OptionSpec(long: "sigma", .doubleList, valueName: "σ,…", default: "0,0.001,0.01,0.1",
                       help: "Perturbations of each saddle: Y_S + σ·‖Y*‖_F·Z/‖Z‖_F"),
            OptionSpec(long: "steps", .int, valueName: "N", default: "3000", minimum: 1, help: "Gradient-descent steps per run (at most)"),
            OptionSpec(long: "step-size", .string, valueName: "h|armijo", default: "armijo",
                       help: "A fixed step h, or Armijo backtracking (trial steps up to 1, halved until sufficient decrease)"),
            OptionSpec(long: "hessian-every", .int, valueName: "k", default: "50", minimum: 1,
                       help: "Measure λ_min of the Riemannian Hessian every k steps (Lanczos)"),
            OptionSpec(long: "near-distance", .double, valueName: "δ1", default: "0.1",
                       help: "Near-optimal region: d(Y, Y*) ≤ δ1·‖Y*‖_F and λ_min > 0"),
            OptionSpec(long: "saddle-gradient", .double, valueName: "δ2", default: "0.02",
                       help: "Near-saddle region: ‖∇ℓ(Y)‖_F ≤ δ2 and λ_min < 0 (otherwise: large-gradient)"),
            OptionSpec(long: "ball-samples", .int, valueName: "m", default: "4", minimum: 1,
                       help: "Random horizontal directions per radius for λ_min on the ball around Y* (besides one towards each saddle)"),
            OptionSpec(long: "seed", .int, valueName: "S", default: "0", minimum: 0, help: "Random seed"),
            OptionSpec(long: "out", short: "o", .string, valueName: "DIR", default: "landscape",
                       help: "Output folder for the CSV logs, SVG figures and summary.json (created if needed)"),
        ]
    }

    var discussion: String {
        """
        OUTPUTS (in DIR):
          trajectories.csv   one row per step of every run: run, kind (random/near/saddle), start, step, loss,
                             gradient_norm, relative_distance = d(Y,Y*)/‖Y*‖, lambda_min (measured at hessian_step),
                             region, step_size
          stationary.csv     each Y_S: subset, loss, gradient norm, predicted and measured Hessian index
          ball.csv           λ_min at Y* + ρ‖Y*‖ξ for unit horizontal ξ: random ones and towards each saddle
          summary.json       fraction of random starts reaching Y* (distance ≤ 1e-3‖Y*‖), escape steps per σ,
                             the largest ball radius with λ_min > 0, each saddle's index
          loss.svg, gradient.svg, lambda-min.svg, distance.svg, regions.svg, saddle-escape.svg

        A saddle run has escaped when its loss falls halfway from ℓ(Y_S) to ℓ(Y*). The predicted index of Y_S is
        the number of pairs (k ∈ S, j ∉ S) with λ_j > λ_k (see docs/landscape.md).

        EXAMPLE:
          snn landscape W1.graph.npz -r 4 --inits random:20 --saddles 2 --out landscape-w1
        """
    }

    func run(_ arguments: ParsedArguments) throws {
        let clock = Stopwatch()
        let graphPath = arguments.positional("graph")!
        _ = try FileKind.require(graphPath, [.npz], option: "<graph>", command: name)
        let r = arguments.int("r")!
        let p = arguments.int("saddles")!
        let inits = arguments.string("inits")!
        let parts = inits.split(separator: ":")
        guard parts.count == 2, parts[0] == "random", let randomCount = Int(parts[1]), randomCount >= 0 else {
            throw UsageError("--inits takes random:K with K ≥ 0 random starts (e.g. random:20), got '\(inits)'", command: name)
        }
        let scales = arguments.doubleList("scales")!
        guard !scales.isEmpty, scales.allSatisfy({ $0 > 0 }) else {
            throw UsageError("--scales must be positive numbers (relative to ‖Y*‖_F), e.g. 0.01,1,3", command: name)
        }
        let sigmas = arguments.doubleList("sigma")!
        guard sigmas.allSatisfy({ $0 >= 0 }) else { throw UsageError("--sigma values must be ≥ 0", command: name) }
        var settings = DescentSettings()
        settings.steps = arguments.int("steps")!
        settings.hessianEvery = arguments.int("hessian-every")!
        let stepText = arguments.string("step-size")!
        if stepText == "armijo" {
            settings.stepRule = .armijo(maximum: 1)
        } else if let h = Double(stepText), h > 0, h.isFinite {
            settings.stepRule = .fixed(h)
        } else {
            throw UsageError("--step-size takes a positive number or 'armijo', got '\(stepText)'", command: name)
        }
        let nearDistance = arguments.double("near-distance")!, saddleGradient = arguments.double("saddle-gradient")!
        guard nearDistance > 0, saddleGradient > 0 else {
            throw UsageError("--near-distance and --saddle-gradient must be positive", command: name)
        }
        let thresholds = RegionThresholds(nearOptimalDistance: nearDistance, nearSaddleGradient: saddleGradient)
        let ballSamples = arguments.int("ball-samples")!
        let seed = UInt64(arguments.int("seed")!)
        let out = arguments.string("out")!

        // Graph, A, eigenpairs.
        let graph = try GraphFile.read(path: graphPath)
        try graph.validateSimilarityGraph()
        let a = try graph.normalizedAdjacency()
        let n = a.rows
        guard r + p + 1 < n else {
            throw UsageError("-r \(r) with --saddles \(p) needs more than r + p + 1 = \(r + p + 1) vertices; the graph has \(n)", command: name)
        }
        let eigenClock = Stopwatch()
        let eigen = try topEigenpairs(of: a, count: r + Swift.max(p, 1))
        let values = eigen.values
        print("graph \(graphPath): n = \(n), nnz = \(graph.nonzeroCount); top eigenvalues of A: "
            + values.map(Console.number).joined(separator: ", ") + " (\(eigenClock.formatted))")
        if values[r - 1] <= values[r] {
            print("warning: λ_\(r) = \(Console.number(values[r - 1])) ≤ λ_\(r + 1) = \(Console.number(values[r])): no gap, Y* is not isolated and its Hessian is not positive definite")
        }
        let objective = SpectralObjective(matrix: a)
        let probe = try LandscapeProbe(objective: objective, values: values, vectors: eigen.vectors, rank: r,
                                       thresholds: thresholds)
        let starHessian = try RiemannianHessian(objective: objective, at: probe.optimum)
        let starLambdaMin = try starHessian.extremeEigenvalues(count: 1, end: .smallest, tolerance: 1e-10)[0]
        let starLambdaMax = try starHessian.extremeEigenvalues(count: 1, end: .largest, tolerance: 1e-10)[0]
        print("Y*: ‖Y*‖_F = \(Console.number(probe.optimumNorm)), ℓ(Y*) = \(Console.number(probe.optimalLoss)), "
            + "Hessian on H_Y* in [\(Console.number(starLambdaMin)), \(Console.number(starLambdaMax))] "
            + "(theory: λ_min = 4(λ_r − λ_r+1) = \(Console.number(4 * (values[r - 1] - values[r]))), λ_max ≤ 8λ_1)")

        // Stationary points.
        let stationaryClock = Stopwatch()
        let dense = n * r <= 1200
        let stationary = try StationaryPoints.enumerate(objective: objective, values: values, vectors: eigen.vectors, rank: r,
                                                        extra: p, measurement: dense ? .dense : .lanczos(probe: 4))
        print("\(stationary.count) stationary points Y_S, S ⊂ top \(r + p) (index \(dense ? "exact, dense" : "by Lanczos"), \(stationaryClock.formatted)):")
        for s in stationary {
            let measured = s.measuredIndex.map { String($0) + (s.indexIsLowerBound ? "+" : "") } ?? "-"
            print("  S = \(s.label): ℓ = \(Console.number(s.loss)), ‖∇ℓ‖ = \(Console.number(s.gradientNorm)), index \(measured) (predicted \(s.predictedIndex)), λ_min = \(Console.number(s.smallestEigenvalues.first ?? .nan))")
        }

        // Gradient-descent runs.
        var runs: [RunRecord] = []
        var generator = SeededGenerator(seed: seed)
        func gaussian() -> Matrix<Double> {
            let z = Matrix<Double>(rows: n, cols: r) { _, _ in generator.normal() }
            var scaled = z
            scaled.scale(by: 1 / z.frobeniusNorm)
            return scaled
        }
        let runClock = Stopwatch()
        for k in 0..<randomCount {
            let scale = scales[k % scales.count]
            var start = gaussian()
            start.scale(by: scale * probe.optimumNorm)
            let trajectory = try AmbientGradientDescent.run(from: start, probe: probe, settings: settings)
            runs.append(RunRecord(name: "random-\(k + 1)", kind: "random", start: "scale=\(Console.number(scale))",
                                  parameter: scale, trajectory: trajectory))
            print("  random start \(k + 1)/\(randomCount) (scale \(Console.number(scale))): \(Self.outcome(trajectory))")
        }
        for radius in [0.01, 0.1] {
            var start = probe.optimum
            start.add(gaussian(), scaledBy: radius * probe.optimumNorm)
            let trajectory = try AmbientGradientDescent.run(from: start, probe: probe, settings: settings)
            runs.append(RunRecord(name: "near-\(Console.number(radius))", kind: "near", start: "radius=\(Console.number(radius))",
                                  parameter: radius, trajectory: trajectory))
            print("  start near Y* (radius \(Console.number(radius))‖Y*‖): \(Self.outcome(trajectory))")
        }
        var escapes: [EscapeRecord] = []
        for s in stationary where !s.isGlobalMinimum {
            let level = s.loss - 0.5 * (s.loss - probe.optimalLoss)
            for sigma in sigmas {
                var start = s.point
                if sigma > 0 { start.add(gaussian(), scaledBy: sigma * probe.optimumNorm) }
                let trajectory = try AmbientGradientDescent.run(from: start, probe: probe, settings: settings)
                let escape = trajectory.firstStep(lossAtMost: level)
                runs.append(RunRecord(name: "saddle\(s.label)-σ\(Console.number(sigma))", kind: "saddle",
                                      start: "S=\(s.label) sigma=\(Console.number(sigma))", parameter: sigma, trajectory: trajectory))
                escapes.append(EscapeRecord(subset: s.label, sigma: sigma, escapeStep: escape,
                                            reachedMinimum: trajectory.reachedMinimum, steps: trajectory.samples.count - 1))
                print("  saddle \(s.label) + σ = \(Console.number(sigma)): "
                    + (escape.map { "escaped at step \($0)" } ?? "not escaped") + "; \(Self.outcome(trajectory))")
            }
        }
        print("\(runs.count) gradient-descent runs in \(runClock.formatted)")

        // λ_min on a ball around Y*.
        let ballClock = Stopwatch()
        let ball = try ballAroundOptimum(probe: probe, saddles: stationary, samples: ballSamples, generator: &generator)
        let positive = Self.largestPositiveRadius(ball)
        print("λ_min on the ball around Y*: positive up to radius \(positive.map { Console.number($0) + "·‖Y*‖_F" } ?? "none (not even the smallest radius)") (\(ball.count) points, \(ballClock.formatted))")

        try Console.makeDirectories(out)
        try writeOutputs(out: out, probe: probe, values: values, r: r, p: p, stationary: stationary, runs: runs,
                         escapes: escapes, ball: ball, positiveRadius: positive, starLambda: (starLambdaMin, starLambdaMax),
                         settings: settings, thresholds: thresholds, sigmas: sigmas, randomCount: randomCount,
                         seconds: Double(clock.elapsed.components.seconds) + Double(clock.elapsed.components.attoseconds) * 1e-18)
        let reached = runs.filter { $0.kind == "random" && $0.trajectory.reachedMinimum }.count
        print("random starts reaching the global minimum: \(reached)/\(randomCount)")
        print("wrote \(out)/summary.json, trajectories.csv, stationary.csv, ball.csv and 6 SVG figures")
        print("done in \(clock.formatted)")
    }

    static func outcome(_ t: DescentTrajectory) -> String {
        let last = t.samples.last!
        return "\(last.step) steps, ℓ = \(Console.number(last.loss)), d/‖Y*‖ = \(Console.number(last.relativeDistance)), "
            + (t.reachedMinimum ? "reached Y*" : "did not reach Y*")
    }
}

/// One gradient-descent run of `snn landscape`.
struct RunRecord {
    var name: String
    var kind: String
    var start: String
    var parameter: Double
    var trajectory: DescentTrajectory
}

/// One perturbed-saddle run: when (if) it escaped.
struct EscapeRecord {
    var subset: String
    var sigma: Double
    var escapeStep: Int?
    var reachedMinimum: Bool
    var steps: Int
}

/// λ_min at one point of the ball around `Y*`.
struct BallRecord {
    var radius: Double
    var direction: String
    var relativeDistance: Double
    var lambdaMin: Double
}
