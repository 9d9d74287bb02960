import Foundation
import SpectralNN

/// Where a command's similarity graph comes from: a SciPy CSR file (`--graph`) or built from the points
/// (`--knn K` / `--eps E|auto`), together with the rule that gives new points a degree.
struct GraphInput {
    var graph: CSRMatrix<Double>
    var degreeRule: DegreeModel.Rule
    var description: String

    /// The options shared by commands that take a graph.
    static let options: [OptionSpec] = [
        OptionSpec(long: "graph", .string, valueName: "GRAPH.npz",
                   help: "Similarity graph G as a SciPy CSR .npz (snn graph, scipy.sparse.save_npz); or build it with --knn/--eps"),
        OptionSpec(long: "knn", .int, valueName: "K", minimum: 1,
                   help: "Build a kNN graph (union, binary, no self-loops) from the points instead of --graph"),
        OptionSpec(long: "eps", .string, valueName: "E|auto",
                   help: "Build an ε-graph (indicator kernel, self-loops) from the points instead of --graph"),
    ]

    /// Resolves the graph options for `points`.
    /// - Throws: `UsageError` unless exactly one of --graph/--knn/--eps is given; data errors from reading or building.
    static func resolve(_ arguments: ParsedArguments, points: Matrix<Double>, command: String) throws -> GraphInput {
        let given = ["graph", "knn", "eps"].filter { arguments.wasGiven($0) }
        guard given.count == 1 else {
            throw UsageError("give exactly one of --graph FILE, --knn K or --eps E|auto (got \(given.isEmpty ? "none" : given.map { "--" + $0 }.joined(separator: ", ")))", command: command)
        }
        if let path = arguments.string("graph") {
            let graph = try GraphFile.read(path: path)
            guard graph.rows == points.rows else {
                throw CommandFailure("the graph \(path) has \(graph.rows) vertices but the points have \(points.rows) rows; build the graph from these points (snn graph)")
            }
            // Degrees of new points: mean degree of their nearest training points, k = median training degree.
            let degrees = graph.degrees().sorted()
            let k = max(1, min(points.rows - 1, Int(degrees[degrees.count / 2].rounded())))
            return GraphInput(graph: graph, degreeRule: .nearestNeighbors(k: k), description: "file \((path as NSString).lastPathComponent)")
        }
        if let k = arguments.int("knn") {
            guard k < points.rows else { throw UsageError("--knn must be smaller than the number of points \(points.rows) (got \(k))", command: command) }
            let (graph, rule, description) = try GraphRecipe.knn(k).build(points)
            return GraphInput(graph: graph, degreeRule: rule, description: description)
        }
        let text = arguments.string("eps")!
        let eps: Double
        if text == "auto" {
            eps = try SimilarityGraph.automaticEpsilon(points).eps
        } else {
            guard let value = Double(text), value.isFinite, value > 0 else {
                throw UsageError("--eps must be a positive number or 'auto' (got '\(text)')", command: command)
            }
            eps = value
        }
        let (graph, rule, description) = try GraphRecipe.epsilon(eps).build(points)
        // With its self-loop an isolated point is a component of its own whose eigenvector is a spike on that
        // point, which no network fits: refuse it rather than train on a meaningless target.
        let lonely = graph.rowPointers.withUnsafeBufferPointer { p in (0..<graph.rows).filter { p[$0 + 1] - p[$0] <= 1 } }
        if let first = lonely.first {
            throw CommandFailure("point \(first) has no neighbour within ε = \(Console.number(eps)) (\(lonely.count) of \(points.rows) points are "
                + "isolated); increase --eps, or use --eps auto, which picks an ε that connects the graph")
        }
        return GraphInput(graph: graph, degreeRule: rule, description: description)
    }
}
