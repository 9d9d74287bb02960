import Foundation
import SpectralNN

/// `snn graph POINTS (--eps E|auto | --knn K) … -o GRAPH.npz`: builds the ε- or kNN similarity graph of a point set
/// and writes it in SciPy's CSR `.npz` layout.
struct GraphCommand: Command {
    let name = "graph"
    let abstract = "Build the ε- or kNN similarity graph of a point set and write it as a SciPy CSR .npz"

    var positionals: [PositionalSpec] {
        [PositionalSpec("points", help: "Points, n × d (.npy, .csv or .txt)")]
    }

    var options: [OptionSpec] {
        [
            OptionSpec(long: "eps", .string, valueName: "E|auto",
                       help: "ε-graph: an edge when |x_i − x_j| ≤ ε (3ε for the Gaussian kernel); 'auto' picks the smallest "
                           + "ε (to 1 %) that connects the graph times a safety factor \(Console.number(SimilarityGraph.defaultSafetyFactor))"),
            OptionSpec(long: "knn", .int, valueName: "K", minimum: 1,
                       help: "kNN graph: an edge when j is among the K nearest neighbours of i or i among those of j"),
            OptionSpec(long: "kernel", .string, valueName: "NAME", default: Kernel.indicator.rawValue,
                       choices: Kernel.allCases.map(\.rawValue), help: "ε-graph weights η(|x_i − x_j|/ε)"),
            OptionSpec(long: "weights", .string, valueName: "NAME", default: KNNWeights.binary.rawValue,
                       choices: KNNWeights.allCases.map(\.rawValue),
                       help: "kNN weights: 1, or exp(−|x_i − x_j|²/(σ_i σ_j)) with σ_i the distance to the K-th neighbour"),
            OptionSpec(long: "mutual", .flag,
                       help: "kNN only: keep an edge only when both points list each other (default: either does)"),
            OptionSpec(long: "self-loops", .flag, help: "Store G_ii = η(0) = 1 (default for ε-graphs)"),
            OptionSpec(long: "no-self-loops", .flag, help: "Leave the diagonal empty (default for kNN graphs)"),
            OptionSpec(long: "algorithm", .string, valueName: "NAME", default: NeighborAlgorithm.auto.rawValue,
                       choices: NeighborAlgorithm.allCases.map(\.rawValue),
                       help: "Neighbour search: a k-d tree (d ≤ \(NeighborAlgorithm.kdTreeMaximumDimension)) or a GEMM brute force"),
            OptionSpec(long: "out", short: "o", .string, valueName: "GRAPH.npz", required: true,
                       help: "Output graph (scipy.sparse.load_npz reads it)"),
        ]
    }

    var discussion: String {
        """
        Exactly one of --eps and --knn. --kernel applies to ε-graphs, --weights and --mutual to kNN graphs.
        The graph is symmetric with sorted column indices; it is written with the members indices, indptr, format,
        shape and data, so that scipy.sparse.load_npz(GRAPH.npz) returns it. A point with no neighbour is an error
        (increase ε or K); a graph with several connected components gets a warning with their sizes.

        EXAMPLES:
          snn graph sphere.npy --eps 0.35 --no-self-loops -o g.npz
          snn graph sphere.npy --eps auto -o g.npz
          snn graph digits.npy --knn 10 --weights selftuning -o g.npz
        """
    }

    func run(_ arguments: ParsedArguments) throws {
        let clock = Stopwatch()
        let pointsPath = arguments.positional("points")!
        let out = arguments.string("out")!
        _ = try FileKind.require(out, [.npz], option: "-o/--out", command: name)
        _ = try FileKind.require(pointsPath, [.npy, .csv, .txt], option: "<points>", command: name)
        let kernel = Kernel(rawValue: arguments.string("kernel")!)!
        let weights = KNNWeights(rawValue: arguments.string("weights")!)!
        let algorithm = NeighborAlgorithm(rawValue: arguments.string("algorithm")!)!

        // The shape of the graph: exactly one of --eps / --knn, and only the options that apply to it.
        enum Scale { case eps(Double), automatic, knn(Int) }
        let scale: Scale
        switch (arguments.string("eps"), arguments.int("knn")) {
        case (nil, nil):
            throw UsageError("give --eps E (or --eps auto) for an ε-graph or --knn K for a kNN graph", command: name)
        case (.some, .some):
            throw UsageError("--eps and --knn cannot be combined; choose an ε-graph or a kNN graph", command: name)
        case let (text?, nil):
            if text == "auto" {
                scale = .automatic
            } else if let e = Double(text.trimmingCharacters(in: .whitespaces)) {
                guard e.isFinite && e > 0 else {
                    throw UsageError("invalid value '\(text)' for --eps: ε must be a finite number > 0 (or 'auto')", command: name)
                }
                scale = .eps(e)
            } else {
                throw UsageError("invalid value '\(text)' for --eps: expected a number > 0 or 'auto'", command: name)
            }
            for option in ["weights", "mutual"] where arguments.wasGiven(option) {
                throw UsageError("--\(option) applies to kNN graphs (--knn K) only", command: name)
            }
        case let (nil, k?):
            scale = .knn(k)
            if arguments.wasGiven("kernel") {
                throw UsageError("--kernel applies to ε-graphs (--eps) only; kNN graphs take --weights", command: name)
            }
        }
        if arguments.flag("self-loops") && arguments.flag("no-self-loops") {
            throw UsageError("--self-loops and --no-self-loops contradict each other; give one of them", command: name)
        }
        let isKNN: Bool
        if case .knn = scale { isKNN = true } else { isKNN = false }
        let selfLoops = arguments.flag("self-loops") || (!arguments.flag("no-self-loops") && !isKNN)

        let reading = Stopwatch()
        let points = try PointsFile.read(path: pointsPath)
        print("read \(pointsPath): \(points.rows) points in R^\(points.cols) in \(reading.formatted)")

        let building = Stopwatch()
        let graph: CSRMatrix<Double>
        let what: String
        switch scale {
        case let .eps(e):
            graph = try SimilarityGraph.epsilon(points, eps: e, kernel: kernel, selfLoops: selfLoops, algorithm: algorithm)
            what = "ε-graph, \(kernel.rawValue) kernel, ε = \(Console.number(e))"
        case .automatic:
            let choice = try SimilarityGraph.automaticEpsilon(points, kernel: kernel, algorithm: algorithm)
            print("--eps auto: the graph connects at ε = \(Console.number(choice.connectingEps)) (to 1 %); "
                + "× safety factor \(Console.number(SimilarityGraph.defaultSafetyFactor)) → ε = \(Console.number(choice.eps))")
            graph = try SimilarityGraph.epsilon(points, eps: choice.eps, kernel: kernel, selfLoops: selfLoops, algorithm: algorithm)
            what = "ε-graph, \(kernel.rawValue) kernel, ε = \(Console.number(choice.eps)) (auto)"
        case let .knn(k):
            graph = try SimilarityGraph.knn(points, k: k, weights: weights, mutual: arguments.flag("mutual"),
                                            selfLoops: selfLoops, algorithm: algorithm)
            what = "kNN graph, k = \(k), \(arguments.flag("mutual") ? "mutual" : "union"), \(weights.rawValue) weights"
        }
        let buildTime = building.formatted

        let degrees = graph.degrees()
        if let isolated = degrees.firstIndex(of: 0) {
            let advice = isKNN
                ? "increase k, or drop --mutual, so that every point has a neighbour"
                : "increase ε (or use --eps auto, or keep the self-loops) so that every point has a neighbour"
            throw GraphError.isolatedVertex(index: isolated, advice: advice)
        }
        let components = graph.connectedComponents()
        let resolved = algorithm.resolved(points: points.rows, dimension: points.cols)
        print("\(what), \(selfLoops ? "with" : "no") self-loops (\(resolved.rawValue) search)")
        print("n = \(graph.rows), nnz = \(graph.nonzeroCount), degrees \(Console.number(degrees.min() ?? 0))–"
            + "\(Console.number(degrees.max() ?? 0)) (mean \(Console.number(degrees.reduce(0, +) / Double(max(1, degrees.count)))))")
        print("connected components: \(components.count)")
        if components.count > 1, let warning = graph.componentWarning() {
            FileHandle.standardError.write(Data(("snn: " + warning + "\n").utf8))
        }

        try GraphFile.write(graph, path: out)
        print("wrote \(out): SciPy CSR \(graph.rows) × \(graph.cols), nnz \(graph.nonzeroCount) (scipy.sparse.load_npz reads it)")
        print("time: build \(buildTime), total \(clock.formatted)")
    }
}
