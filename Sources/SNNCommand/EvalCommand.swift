import Foundation
import SpectralNN

/// `snn eval (--model M --points P | --embedding E) --graph G …`: errors against a reference, the a-posteriori
/// certificate, and clustering scores of an embedding of a graph's vertices.
struct EvalCommand: Command {
    let name = "eval"
    let abstract = "Evaluate an embedding or a trained model on a graph: reference errors, certificate, clustering"

    var options: [OptionSpec] {
        [
            OptionSpec(long: "model", .string, valueName: "MODEL",
                       help: "Trained model (.safetensors from snn train); needs --points"),
            OptionSpec(long: "points", .string, valueName: "P",
                       help: "The graph's points (.npy or .csv, n × d) to run the model on; needs --model"),
            OptionSpec(long: "embedding", .string, valueName: "EMB",
                       help: "An embedding Y (n × r, .npy or .csv) instead of --model/--points"),
            OptionSpec(long: "graph", .string, valueName: "GRAPH", required: true,
                       help: "Similarity graph G as a SciPy CSR .npz (snn graph); the embedding's rows are its vertices"),
            OptionSpec(long: "reference", .string, valueName: "EIG.npz",
                       help: "Reference eigenpairs (values, vectors) of the same graph (snn eigs) for the error metrics"),
            OptionSpec(long: "labels", .string, valueName: "L",
                       help: "Class labels (n integers, .npy or .csv) for the k-means clustering scores"),
            OptionSpec(long: "clusters", .int, valueName: "K", minimum: 1,
                       help: "Number of k-means clusters (default: the number of distinct labels); needs --labels"),
            OptionSpec(long: "normalize-rows", .flag,
                       help: "Scale the embedding's rows to unit length before k-means (Ng–Jordan–Weiss)"),
            OptionSpec(long: "degeneracy-threshold", .double, valueName: "T", default: "\(ReferenceMetrics.defaultDegeneracyThreshold)",
                       help: "Relative eigenvalue gap below which neighbouring reference eigenvalues form a degenerate cluster"),
            OptionSpec(long: "lazy", .flag,
                       help: "Evaluate against the lazy walk (I + A)/2, as for snn eigs --lazy"),
            OptionSpec(long: "lanczos-steps", .int, valueName: "M", default: "\(Certificate.defaultLanczosSteps)", minimum: 1,
                       help: "Lanczos steps for the certificate's bound on the next eigenvalue λ_{r+1}"),
            OptionSpec(long: "seed", .int, valueName: "S", default: "0", minimum: 0,
                       help: "Seed of the Lanczos start vector and of k-means"),
            OptionSpec(long: "json", .string, valueName: "OUT.json",
                       help: "Also write every number as JSON (keys documented in docs/eval.md)"),
        ]
    }

    var discussion: String {
        """
        The embedding Y (n × r) is either given (--embedding) or computed as the model's outputs on the graph's
        own points: a model with the √degree factor uses the graph's exact degrees. All comparisons are with
        A = D^-1/2 G D^-1/2 (or (I + A)/2 with --lazy).

        REPORTED:
          reference    (with --reference) Procrustes error of Y vs Y* = U_r Λ_r^1/2 and of the recovered
                       eigenvectors vs U_r; principal angles, subspace error ‖sin Θ‖_F/√r, largest angle;
                       eigenvalue relative errors; per-eigenvector correlations where eigenvalues are simple
                       (relative gap ≥ --degeneracy-threshold), degenerate clusters named.
          certificate  (always; no reference needed) Ritz values μ of span(Y), residual ‖AÛ − Û diag μ‖_F,
                       an upper estimate ν of λ_{r+1} from Lanczos on A deflated by span(Y), and the
                       Davis–Kahan bound ‖sin Θ‖_F ≤ ‖R‖_F / (μ_r − ν); "not certified" when μ_r ≤ ν.
          clustering   (with --labels) k-means++ (10 restarts) on the Ritz vectors' rows; ARI, NMI, accuracy.

        EXAMPLES:
          snn eval --embedding y.npy --graph g.npz --reference eig.npz
          snn eval --model m.safetensors --points x.npy --graph g.npz --labels l.npy --json eval.json
        """
    }

    func run(_ arguments: ParsedArguments) throws {
        let clock = Stopwatch()
        let modelPath = arguments.string("model"), pointsPath = arguments.string("points")
        let embeddingPath = arguments.string("embedding")
        let graphPath = arguments.string("graph")!
        let referencePath = arguments.string("reference"), labelsPath = arguments.string("labels")
        let jsonPath = arguments.string("json")
        switch (modelPath, pointsPath, embeddingPath) {
        case (nil, nil, nil):
            throw UsageError("give the embedding to evaluate: --embedding EMB, or --model MODEL with --points P", command: name)
        case (_?, _, _?), (_, _?, _?):
            throw UsageError("--embedding cannot be combined with --model/--points; give one or the other", command: name)
        case (_?, nil, nil):
            throw UsageError("--model needs --points: the graph's points to run the model on", command: name)
        case (nil, _?, nil):
            throw UsageError("--points needs --model (to evaluate an embedding file, use --embedding)", command: name)
        default: break
        }
        if arguments.wasGiven("clusters") && labelsPath == nil {
            throw UsageError("--clusters needs --labels to score the clustering against", command: name)
        }
        _ = try FileKind.require(graphPath, [.npz], option: "--graph", command: name)
        if let referencePath { _ = try FileKind.require(referencePath, [.npz], option: "--reference", command: name) }
        if let embeddingPath { _ = try FileKind.require(embeddingPath, [.npy, .csv, .txt], option: "--embedding", command: name) }
        if let pointsPath { _ = try FileKind.require(pointsPath, [.npy, .csv, .txt], option: "--points", command: name) }
        if let labelsPath { _ = try FileKind.require(labelsPath, [.npy, .csv], option: "--labels", command: name) }
        if let modelPath, !modelPath.lowercased().hasSuffix(".safetensors") {
            throw UsageError("--model '\(modelPath)' must end in .safetensors", command: name)
        }
        if let jsonPath, !jsonPath.lowercased().hasSuffix(".json") {
            throw UsageError("--json '\(jsonPath)' must end in .json", command: name)
        }
        let lazy = arguments.flag("lazy")
        let threshold = arguments.double("degeneracy-threshold")!
        guard threshold > 0 else {
            throw UsageError("invalid value '\(Console.number(threshold))' for --degeneracy-threshold: it must be > 0", command: name)
        }
        let seed = UInt64(arguments.int("seed")!)

        // The graph and its matrix.
        let graph = try GraphFile.read(path: graphPath)
        do { try graph.validateSimilarityGraph() } catch let error as GraphError {
            throw CommandFailure("\(graphPath): \(error.description)")
        }
        var matrix: CSRMatrix<Double>
        do { matrix = try graph.normalizedAdjacency() } catch let error as GraphError {
            throw CommandFailure("\(graphPath): \(error.description)")
        }
        if lazy { matrix = matrix.lazy() }
        let n = graph.rows
        print("graph \(graphPath): n = \(n), nnz = \(graph.nonzeroCount); matrix \(lazy ? "(I + A)/2, A = D^-1/2 G D^-1/2" : "A = D^-1/2 G D^-1/2")")

        // The embedding Y.
        let y: Matrix<Double>
        var source: [(String, JSONText)]
        if let embeddingPath {
            y = try PointsFile.read(path: embeddingPath)
            guard y.rows == n else {
                throw CommandFailure("the embedding \(embeddingPath) has \(y.rows) rows but the graph \(graphPath) has \(n) vertices; "
                    + "the embedding needs one row per vertex of the graph")
            }
            print("embedding \(embeddingPath): \(y.rows) × \(y.cols)")
            source = [("embedding", .string(embeddingPath))]
        } else {
            let modelPath = modelPath!, pointsPath = pointsPath!
            let points = try PointsFile.read(path: pointsPath)
            let (outputs, degreeFactor) = try Self.modelOutputs(modelPath: modelPath, points: points, pointsPath: pointsPath,
                                                                graph: graph, graphPath: graphPath)
            y = outputs
            print("model \(modelPath) on \(pointsPath): Y = \(y.rows) × \(y.cols)"
                + (degreeFactor ? " (√degree factor with the graph's degrees)" : ""))
            source = [("model", .string(modelPath)), ("points", .string(pointsPath))]
        }
        let r = y.cols
        guard r < n else {
            throw CommandFailure("the embedding has r = \(r) columns but the graph only \(n) vertices; the evaluation needs r < n")
        }

        // Reference metrics.
        var reference: ReferenceMetrics?
        if let referencePath {
            let eig = try EigenFile.read(path: referencePath)
            guard eig.vectors.rows == n else {
                throw CommandFailure("the reference \(referencePath) has eigenvectors of length \(eig.vectors.rows) but the graph "
                    + "\(graphPath) has \(n) vertices; compute the reference on this graph (snn eigs \(graphPath) -r \(r))")
            }
            do {
                reference = try ReferenceMetrics(outputs: y, referenceValues: eig.values, referenceVectors: eig.vectors,
                                             degeneracyThreshold: threshold)
            } catch let error as EvalError {
                throw CommandFailure("\(referencePath): \(error.description)")
            }
        }
        // The certificate.
        let certificate = try Certificate(trial: y, matrix: matrix, lanczosSteps: arguments.int("lanczos-steps")!, seed: seed)
        // Clustering.
        var clustering: ClusteringEvaluation?
        if let labelsPath {
            let labels = try Self.readLabels(labelsPath)
            guard labels.count == n else {
                throw CommandFailure("the labels \(labelsPath) have \(labels.count) entries but the graph \(graphPath) has \(n) vertices; "
                    + "give one label per vertex")
            }
            clustering = try ClusteringEvaluation(embedding: certificate.ritzVectors, labels: labels, clusters: arguments.int("clusters"),
                                                  normalizeRows: arguments.flag("normalize-rows"), seed: seed)
        }

        print(Self.table(r: r, reference: reference, referencePath: referencePath, certificate: certificate, clustering: clustering))

        if let jsonPath {
            var document: [(String, JSONText)] = [
                ("format", .string("snn-eval")),
                ("version", .integer(1)),
                ("n", .integer(n)),
                ("r", .integer(r)),
                ("graph", .string(graphPath)),
                ("matrix", .string(lazy ? "lazy" : "normalized_adjacency")),
            ]
            document += source.isEmpty ? [] : [("source", .object(source))]
            document.append(("reference", reference.map { metrics in
                if case let .object(members) = metrics.json { return .object([("file", .string(referencePath!))] + members) }
                return metrics.json
            } ?? .null))
            document.append(("certificate", certificate.json))
            document.append(("clustering", clustering?.json ?? .null))
            try AtomicFile.write(Array((JSONText.object(document).rendered() + "\n").utf8), to: jsonPath)
            print("wrote \(jsonPath)")
        }
        print("done in \(clock.formatted)")
    }

    /// The model's outputs on the points; the graph's exact degrees feed the √degree factor.
    static func modelOutputs(modelPath: String, points: Matrix<Double>, pointsPath: String, graph: CSRMatrix<Double>,
                             graphPath: String) throws -> (Matrix<Double>, Bool) {
        let (doubleModel, metadata) = try ModelFile.read(path: modelPath, as: Double.self)
        guard points.cols == doubleModel.inputCount else {
            throw CommandFailure("the model \(modelPath) takes \(doubleModel.inputCount) input coordinates but the points "
                + "\(pointsPath) have \(points.cols) columns; pass the points the model was trained on")
        }
        guard points.rows == graph.rows else {
            throw CommandFailure("the points \(pointsPath) have \(points.rows) rows but the graph \(graphPath) has \(graph.rows) vertices; "
                + "pass the points the graph was built from")
        }
        let degrees = graph.degrees()
        if metadata["precision"] == "float32" {
            let (model, _) = try ModelFile.read(path: modelPath, as: Float.self)
            return (model.outputs(points, degrees: degrees), model.degreeModel != nil)
        }
        return (doubleModel.outputs(points, degrees: degrees), doubleModel.degreeModel != nil)
    }

    /// Integer labels from a 1-D (or n × 1) `.npy` of integers, or a one-column `.csv` (header allowed) of whole numbers.
    static func readLabels(_ path: String) throws -> [Int] {
        let values: [Double]
        if FileKind(path: path) == .npy {
            let array = try NPY.read(path: path)
            guard array.shape.count == 1 || (array.shape.count == 2 && array.shape[1] == 1) else {
                throw CommandFailure("the labels \(path) have shape \(array.shape); give a 1-D array of n integers")
            }
            if array.dtype.isInteger { return try array.int64s().map { Int($0) } }
            values = array.doubles()
        } else {
            let m = try PointsFile.read(path: path)
            guard m.cols == 1 else {
                throw CommandFailure("the labels \(path) have \(m.cols) columns; give one column of n integers")
            }
            values = m.storage
        }
        guard let bad = values.firstIndex(where: { !($0.rounded() == $0 && abs($0) < 1e15) }) else {
            return values.map { Int($0) }
        }
        throw CommandFailure("label \(bad + 1) in \(path) is \(values[bad]), not a whole number; labels must be integers")
    }

    /// The readable summary printed on stdout.
    static func table(r: Int, reference: ReferenceMetrics?, referencePath: String?, certificate: Certificate,
                      clustering: ClusteringEvaluation?) -> String {
        func num(_ x: Double) -> String { Console.number(x) }
        func row(_ label: String, _ value: String) -> String { "  " + label.padding(toLength: 44, withPad: " ", startingAt: 0) + value }
        func column(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        var lines: [String] = [""]
        if let m = reference {
            lines.append("reference \(referencePath!):")
            lines.append(row("Procrustes error ‖Y O − Y*‖/‖Y*‖", num(m.procrustesError)))
            lines.append(row("eigenvector Procrustes error ‖Û O − U‖/‖U‖", num(m.eigenvectorProcrustesError)))
            lines.append(row("subspace error ‖sin Θ‖_F/√r", num(m.subspaceError)))
            lines.append(row("largest principal angle", "\(num(m.largestAngle)) rad (\(String(format: "%.3g", m.largestAngle * 180 / .pi))°)"))
            lines.append("     k      λ_k (reference)   λ̂_k (estimate)   relative error   |⟨û_k, u_k⟩|")
            for k in 0..<r {
                let corr = m.correlations[k].map { String(format: "%.6f", $0) }
                    ?? "cluster \(m.degenerateClusters.first { $0.contains(k) }.map { "λ\($0.first! + 1)–λ\($0.last! + 1)" } ?? "at λ\(r)|λ\(r + 1)")"
                lines.append(column("\(k + 1)", 6) + column(String(format: "%.10f", m.referenceValues[k]), 21)
                    + column(String(format: "%.10f", m.estimatedValues[k]), 17)
                    + column(String(format: "%.3e", m.eigenvalueRelativeErrors[k]), 17) + column(corr, 16))
            }
            if m.clusterCrossesRank {
                lines.append("  warning: λ_\(r) and λ_\(r + 1) are within \(num(m.degeneracyThreshold * 100)) %: the top-\(r) eigenspace is ill-defined")
            }
            lines.append("")
        }
        lines.append("certificate (from the graph alone):")
        lines.append(row("Ritz values μ", certificate.ritzValues.map(num).joined(separator: ", ")))
        lines.append(row("residual ‖AÛ − Û diag μ‖_F", num(certificate.residualNorm)))
        lines.append(row("ν ≥ λ_{r+1} (Lanczos, \(certificate.lanczos.steps) steps)",
                         "\(num(certificate.upperBoundNextEigenvalue)) = θ \(num(certificate.lanczos.topRitzValue)) + \(num(certificate.lanczos.residualBound))"))
        lines.append(row("gap μ_r − ν", num(certificate.gap)))
        if let bound = certificate.bound, let normalized = certificate.subspaceErrorBound {
            lines.append(row("certified: ‖sin Θ‖_F ≤", "\(num(bound))  (subspace error ≤ \(num(normalized)))"))
        } else {
            lines.append(row("NOT CERTIFIED", "the gap estimate μ_r − ν is not positive"))
        }
        if let c = clustering {
            lines.append("")
            lines.append("clustering (k-means++ on the Ritz vectors, k = \(c.clusters)\(c.normalizeRows ? ", rows normalized" : ""), \(c.classes) classes):")
            lines.append(row("adjusted Rand index", num(c.adjustedRandIndex)))
            lines.append(row("normalized mutual information", num(c.normalizedMutualInformation)))
            lines.append(row("accuracy (Hungarian matching)", num(c.accuracy)))
        }
        return lines.joined(separator: "\n")
    }
}
