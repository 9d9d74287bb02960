import Foundation
import SpectralNN

/// `snn demo`: the main job on the embedded default data set (S², n = 2000, seed 0) or the user's data:
/// graph → reference eigenpairs → SNN training → evaluation and certificate → out-of-sample check →
/// `DIR/report.html`, `DIR/summary.json` and a summary table on stdout.
struct DemoCommand: Command {
    let name = "demo"
    let abstract = "Run the whole pipeline (graph, reference, training, evaluation, out-of-sample check, report) on S² or your data"

    var options: [OptionSpec] {
        [
            OptionSpec(long: "out", .string, valueName: "DIR", default: "demo-out", help: "Folder for report.html, summary.json, model and data"),
            OptionSpec(long: "manifold", .string, valueName: "NAME", default: "sphere", choices: Manifold.names,
                       help: "Data set to sample when --points is not given"),
            OptionSpec(short: "n", .int, valueName: "N", default: "2000", minimum: 10, help: "Number of sampled points"),
            OptionSpec(short: "r", .int, valueName: "R", default: "4", minimum: 1, help: "Number of eigenpairs"),
            OptionSpec(long: "points", .string, valueName: "FILE", help: "Use these points (.npy/.csv) instead of sampling"),
            OptionSpec(long: "eps", .string, valueName: "E|auto",
                       help: "ε-graph radius (default: 0.35 on the unit sphere S², else a kNN graph with k = 15)"),
            OptionSpec(long: "knn", .int, valueName: "K", minimum: 1, help: "Use a kNN graph with K neighbours"),
            OptionSpec(long: "seed", .int, valueName: "S", default: "0", minimum: 0, help: "Seed of the sample and of training"),
            OptionSpec(long: "epochs", .int, valueName: "E", default: "2000", minimum: 1, help: "Training epochs"),
            OptionSpec(long: "time-limit", .double, valueName: "SECONDS", default: "40", help: "Training time limit"),
            OptionSpec(long: "quiet", .flag, help: "No training progress on stderr"),
        ]
    }

    var discussion: String {
        """
        The default run samples 2000 uniform points on the unit sphere S² (seed 0), builds the paper's ε-graph
        (indicator kernel, ε = 0.35, self-loops), solves for the top-4 eigenpairs of A = D^{-1/2} G D^{-1/2}, trains
        the default network (3-128-128-4 ReLU, lowrank objective, √degree factor) and checks it against the reference,
        with the a-posteriori certificate, and on 2000 fresh points against the continuum eigenfunctions {1, x, y, z}.
        """
    }

    func run(_ arguments: ParsedArguments) throws {
        let clock = Stopwatch()
        let directory = arguments.string("out")!
        let seed = UInt64(arguments.int("seed")!)
        let r = arguments.int("r")!
        let manifold = Manifold(rawValue: arguments.string("manifold")!)!
        if arguments.wasGiven("points") && (arguments.wasGiven("manifold") || arguments.wasGiven("n")) {
            throw UsageError("--points replaces sampling: drop --manifold and -n", command: name)
        }
        if arguments.wasGiven("eps") && arguments.wasGiven("knn") { throw UsageError("give --eps or --knn, not both", command: name) }
        var timings: [(String, Double)] = []
        func timed<R>(_ label: String, _ body: () throws -> R) rethrows -> R {
            let t = Stopwatch(); let result = try body()
            timings.append((label, t.seconds)); return result
        }

        // 1. Data
        let points: Matrix<Double>
        var dataDescription: String
        let sampled = !arguments.wasGiven("points")
        let n = arguments.int("n")!
        if let path = arguments.string("points") {
            points = try timed("read points") { try PointsFile.read(path: path) }
            dataDescription = "\(path)"
        } else {
            let options = SampleOptions(n: n, dimension: manifold.defaultDimension, seed: seed)
            points = try timed("sample") { try Sampler.sample(manifold, options).points }
            dataDescription = "\(manifold.title(dimension: manifold.defaultDimension)), seed \(seed)"
        }
        guard r < points.rows else { throw UsageError("-r must be smaller than the number of points \(points.rows)", command: name) }
        let onSphere = sampled && manifold == .sphere
        print("snn demo: \(points.rows) points in R^\(points.cols) (\(dataDescription)), r = \(r)")

        // 2. Graph
        let recipe: GraphRecipe
        if let k = arguments.int("knn") ?? ((arguments.wasGiven("eps") || onSphere) ? nil : 15) {
            guard k < points.rows else { throw UsageError("--knn must be smaller than the number of points", command: name) }
            recipe = .knn(k)
        } else {
            let text = arguments.string("eps") ?? "0.35"
            var eps = Double(text) ?? 0
            if text == "auto" { eps = try timed("automatic ε") { try SimilarityGraph.automaticEpsilon(points).eps } }
            guard eps > 0, eps.isFinite else { throw UsageError("--eps must be a positive number or 'auto' (got '\(text)')", command: name) }
            recipe = .epsilon(eps)
        }
        let (graph, degreeRule, graphDescription) = try timed("graph") { try recipe.build(points) }
        let degrees = graph.degrees()
        print("graph: \(graphDescription); nnz \(graph.nonzeroCount), degrees \(Int(degrees.min()!))–\(Int(degrees.max()!))")
        if let warning = graph.componentWarning() { FileHandle.standardError.write(Data("snn: \(warning)\n".utf8)) }

        // The output folder is created once the data and the graph are known to be usable.
        try Console.makeDirectories(directory)

        // 3. Reference eigenpairs
        var problem = try TrainingProblem(points: points, graph: graph, rank: r, degreeRule: degreeRule, graphDescription: graphDescription)
        let reference = try timed("reference eigenpairs") { try topEigenpairs(of: problem.adjacency, count: r + 1) }
        problem.reference = (Array(reference.values.prefix(r)), reference.vectors.columns(0..<r))
        print("reference eigenvalues (\(reference.solver.rawValue)): " + reference.values.map { Console.number($0) }.joined(separator: " "))

        // 4. Training
        var c = TrainingConfiguration()
        c.seed = seed
        c.epochs = arguments.int("epochs")!
        c.timeLimit = arguments.double("time-limit")
        c.evaluateEvery = 20
        var trainer = try Trainer<Float>(problem: problem, configuration: c)
        let progress = try TrainingProgress(totalEpochs: c.epochs, quiet: arguments.flag("quiet"), logPath: nil)
        let trainClock = Stopwatch()
        let reason = try trainer.run(onEpoch: { progress.epoch($0, loss: $1, seconds: $2) }, onEvaluation: { progress.evaluation($0) })
        progress.finish()
        timings.append(("training", trainClock.seconds))
        let model = trainer.model
        let modelPath = (directory as NSString).appendingPathComponent("model.safetensors")
        try ModelFile.write(model, metadata: ["graph": graphDescription, "objective": c.objective.resolved.rawValue, "seed": "\(seed)"], path: modelPath)
        print("trained \(model.network.widths.map(String.init).joined(separator: "-")) for \(trainer.epoch) epochs in \(String(format: "%.1f", trainClock.seconds)) s (\(reason.rawValue))")

        // 5. Evaluation and certificate
        let y = trainer.trainingOutputs()
        let metrics = try timed("metrics") { try ReferenceMetrics(outputs: y, referenceValues: problem.reference!.values, referenceVectors: problem.reference!.vectors) }
        let certificate = try timed("certificate") { try Certificate(trial: y, matrix: problem.adjacency) }

        // 6. Out of sample: fresh points from the same distribution, embedded by the trained net
        var outOfSample: [(String, Double)] = []
        var fresh: Matrix<Double>? = nil
        var freshEmbedding: Matrix<Double>? = nil
        if sampled {
            let freshPoints = try Sampler.sample(manifold, SampleOptions(n: n, dimension: manifold.defaultDimension, seed: seed + 1)).points
            let embedding = try timed("out-of-sample embedding") { try model.embed(freshPoints) }
            fresh = freshPoints; freshEmbedding = embedding
            if let basis = Self.continuumBasis(manifold, points: freshPoints, r: r),
               let trainingBasis = Self.continuumBasis(manifold, points: points, r: r) {
                outOfSample.append(("fresh points: SNN embedding vs continuum eigenfunctions " + basis.name,
                                    try Subspace.subspaceError(embedding, basis.values)))
                // The graph's own discretization error, for scale: the exact eigenvectors on the training points.
                outOfSample.append(("training points: exact eigenvectors vs the same continuum functions (graph's own error)",
                                    try Subspace.subspaceError(problem.reference!.vectors, trainingBasis.values)))
            }
        }

        // 7. Summary, report
        let totalSeconds = clock.seconds
        let summary = DemoSummary(
            data: dataDescription, points: points.rows, dimension: points.cols, rank: r, graph: graphDescription,
            nonzeros: graph.nonzeroCount, referenceSolver: reference.solver.rawValue, referenceValues: reference.values,
            epochs: trainer.epoch, stopReason: reason.rawValue, trainingSeconds: trainClock.seconds,
            metrics: metrics, certificate: certificate, outOfSample: outOfSample, history: trainer.history,
            timings: timings, totalSeconds: totalSeconds)
        let summaryPath = (directory as NSString).appendingPathComponent("summary.json")
        try AtomicFile.write(Array(summary.json.rendered(indent: 2).utf8) + [10], to: summaryPath)
        let report = DemoReport(summary: summary, points: points, y: y, model: model, fresh: fresh, freshEmbedding: freshEmbedding,
                                onSphere: onSphere, widths: model.network.widths)
        let reportPath = (directory as NSString).appendingPathComponent("report.html")
        try AtomicFile.write(Array(report.html.utf8), to: reportPath)
        for line in summary.table { print(line) }
        print("wrote \(reportPath), \(summaryPath), \(modelPath)")
        print("done in \(clock.formatted)")
    }

    /// Known continuum eigenfunctions spanning the top-r eigenspace, where r matches whole levels:
    /// S² with r = 4 → {1, x, y, z}; S¹ with r = 3 → {1, cos θ, sin θ} = {1, x, y}.
    static func continuumBasis(_ manifold: Manifold, points: Matrix<Double>, r: Int) -> (name: String, values: Matrix<Double>)? {
        switch (manifold, r) {
        case (.sphere, 4), (.circle, 3):
            let basis = Matrix<Double>(rows: points.rows, cols: points.cols + 1) { i, j in j == 0 ? 1 : points[i, j - 1] }
            return (manifold == .sphere ? "{1, x, y, z}" : "{1, x, y}", basis)
        default:
            return nil
        }
    }
}

extension Stopwatch {
    var seconds: Double {
        let c = elapsed.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}
