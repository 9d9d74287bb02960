import Foundation
import SpectralNN

/// `snn eigs GRAPH -r R … -o EIG.npz`: the top eigenpairs of the normalized adjacency of a similarity graph.
struct EigsCommand: Command {
    let name = "eigs"
    let abstract = "Top eigenpairs of the normalized adjacency D^-1/2 G D^-1/2 of a graph (SciPy eigsh)"

    var positionals: [PositionalSpec] {
        [PositionalSpec("graph", help: "Similarity graph G as a SciPy CSR .npz (snn graph, scipy.sparse.save_npz)")]
    }

    var options: [OptionSpec] {
        [
            OptionSpec(short: "r", .int, valueName: "R", required: true, minimum: 1,
                       help: "Number of eigenpairs, the largest eigenvalues (1 ≤ R < n)"),
            OptionSpec(long: "lazy", .flag,
                       help: "Use the lazy walk (I + A)/2: same eigenvectors, eigenvalues (1 + λ)/2 in [0, 1] (reported)"),
            OptionSpec(long: "solver", .string, valueName: "NAME", default: EigenSolver.auto.rawValue,
                       choices: EigenSolver.allCases.map(\.rawValue),
                       help: "auto: dense for n ≤ \(EigenSolver.denseLimit), shift-invert above; dense: LAPACK; "
                           + "arpack: Lanczos on A; shift-invert: Lanczos on (σI − A)⁻¹ over a sparse Cholesky"),
            OptionSpec(long: "tol", .double, valueName: "T", default: "1e-10",
                       help: "Iterative solvers: wanted residual ‖Au − λu‖ ≤ T · max(1, |λ_1|)"),
            OptionSpec(long: "out", short: "o", .string, valueName: "EIG.npz", required: true,
                       help: "Output: values (R) and vectors (n × R), float64 (numpy.load reads it)"),
        ]
    }

    var discussion: String {
        """
        The graph must be square, symmetric, with finite non-negative weights and no isolated vertex. Eigenvalues
        are printed in descending order with their residuals ‖Au − λu‖; each eigenvector has unit norm and the sign
        that makes its largest-magnitude entry positive. A graph with several connected components gets a warning:
        the eigenvalue 1 then repeats once per component.

        EXAMPLES:
          snn eigs g.npz -r 4 -o eig.npz
          snn eigs g.npz -r 10 --solver arpack --tol 1e-12 -o eig.npz
        """
    }

    func run(_ arguments: ParsedArguments) throws {
        let clock = Stopwatch()
        let graphPath = arguments.positional("graph")!
        let out = arguments.string("out")!
        _ = try FileKind.require(graphPath, [.npz], option: "<graph>", command: name)
        _ = try FileKind.require(out, [.npz], option: "-o/--out", command: name)
        let r = arguments.int("r")!
        let lazy = arguments.flag("lazy")
        let solver = EigenSolver(rawValue: arguments.string("solver")!)!
        let tolerance = arguments.double("tol")!
        guard tolerance > 0 else {
            throw UsageError("invalid value '\(Console.number(tolerance))' for --tol: the tolerance must be > 0", command: name)
        }

        let reading = Stopwatch()
        let graph = try GraphFile.read(path: graphPath)
        do { try graph.validateSimilarityGraph() } catch let error as GraphError {
            throw CommandFailure("\(graphPath): \(error.description)")
        }
        print("read \(graphPath): n = \(graph.rows), nnz = \(graph.nonzeroCount) in \(reading.formatted)")
        guard r < graph.rows else {
            throw EigenSolverError.invalidCount(requested: r, dimension: graph.rows)
        }

        let solving = Stopwatch()
        var matrix: CSRMatrix<Double>
        do { matrix = try graph.normalizedAdjacency() } catch let error as GraphError {
            throw CommandFailure("\(graphPath): \(error.description)")
        }
        if lazy { matrix = matrix.lazy() }
        let components = graph.connectedComponents()
        if components.count > 1, let warning = graph.componentWarning() {
            FileHandle.standardError.write(Data(("snn: " + warning + "\n").utf8))
        }
        let result = try topEigenpairs(of: matrix, count: r, solver: solver, tolerance: tolerance)
        let solveTime = solving.formatted

        print(lazy ? "matrix: (I + A)/2, A = D^-1/2 G D^-1/2" : "matrix: A = D^-1/2 G D^-1/2")
        let iterations = result.solver == .dense ? "direct" : "\(result.iterations) iterations, tolerance \(Console.number(tolerance))"
        print("solver: \(result.solver.rawValue)\(solver == .auto ? " (auto)" : ""), \(iterations)")
        print("   k   eigenvalue            residual")
        for k in 0..<r {
            let index = String(k + 1)
            print(String(repeating: " ", count: max(0, 4 - index.count)) + index + "   "
                + String(format: "%.15f", result.values[k]) + "   " + String(format: "%.2e", result.residuals[k]))
        }
        try EigenFile.write(values: result.values, vectors: result.vectors, path: out)
        print("wrote \(out): values (\(r),), vectors (\(graph.rows), \(r)) float64")
        print("time: solve \(solveTime), total \(clock.formatted)")
    }
}
