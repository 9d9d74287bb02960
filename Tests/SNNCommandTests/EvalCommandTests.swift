import Foundation
import XCTest
import SpectralNN

/// End-to-end tests of `snn eval` through the built executable: the JSON carries exactly the documented keys with
/// the numbers the library computes, a model is run with the graph's exact degrees, labels give clustering
/// scores, a poor embedding is "not certified", and bad inputs are one stderr line, a non-zero exit and no file.
final class EvalCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("snn-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The documented top-level and nested keys (docs/eval.md).
    static let topKeys: Set<String> = ["format", "version", "n", "r", "graph", "matrix", "source", "reference", "certificate", "clustering"]
    static let referenceKeys: Set<String> = [
        "file", "procrustes_error", "eigenvector_procrustes_error", "subspace_error", "largest_angle", "principal_angles",
        "reference_values", "estimated_values", "eigenvalue_relative_errors", "relative_gaps", "correlations",
        "degenerate_clusters", "cluster_crosses_rank", "degeneracy_threshold",
    ]
    static let certificateKeys: Set<String> = [
        "certified", "sin_theta_bound", "subspace_error_bound", "ritz_values", "residual_norm", "residual_column_norms",
        "upper_bound_next_eigenvalue", "gap", "lanczos_steps", "lanczos_top_ritz_value", "lanczos_residual_bound",
    ]
    static let clusteringKeys: Set<String> = [
        "clusters", "classes", "normalize_rows", "adjusted_rand_index", "normalized_mutual_information", "accuracy", "inertia",
    ]

    /// n points on S², their ε-graph (written), and the dense top eigenpairs of A (written as EIG.npz).
    private func sphereFixture(n: Int = 300, r: Int = 6) throws -> (points: Matrix<Double>, graph: CSRMatrix<Double>, eigen: SymmetricEigen<Double>) {
        var generator = SeededGenerator(seed: 7)
        var x = Matrix<Double>(rows: n, cols: 3)
        for i in 0..<n {
            let v = (0..<3).map { _ in generator.normal() }
            let norm = (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).squareRoot()
            for c in 0..<3 { x[i, c] = v[c] / norm }
        }
        try PointsFile.write(x, path: path("x.npy"))
        let g = try SimilarityGraph.epsilon(x, eps: 0.5)
        try GraphFile.write(g, path: path("g.npz"))
        let eigen = try g.normalizedAdjacency().toDense().symmetricEigen(top: r)
        try EigenFile.write(values: eigen.values, vectors: eigen.vectors, path: path("eig.npz"))
        return (x, g, eigen)
    }

    /// `U_4 Λ^{1/2}`, rotated and perturbed: a plausible network output.
    private func noisyEmbedding(_ eigen: SymmetricEigen<Double>, r: Int = 4, noise: Double = 1e-3) -> Matrix<Double> {
        let n = eigen.vectors.rows
        var generator = SeededGenerator(seed: 3)
        var y = eigen.vectors.columns(0..<r)
        for j in 0..<r { for i in 0..<n { y[i, j] = y[i, j] * eigen.values[j].squareRoot() + noise * generator.normal() / Double(n).squareRoot() } }
        let rotation = Matrix<Double>([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0.6, 0.8], [0, 0, -0.8, 0.6]])
        return Matrix.multiply(y, rotation)
    }

    private func json(_ file: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func number(_ object: Any?) throws -> Double { try XCTUnwrap(object as? NSNumber).doubleValue }
    private func numbers(_ object: Any?) throws -> [Double] { try XCTUnwrap(object as? [NSNumber]).map(\.doubleValue) }

    private func assertClose(_ a: [Double], _ b: [Double], _ tolerance: Double, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: tolerance, file: file, line: line) }
    }

    func testEmbeddingWithReferenceWritesTheLibraryNumbersUnderDocumentedKeys() throws {
        let (_, graph, eigen) = try sphereFixture()
        let y = noisyEmbedding(eigen)
        try PointsFile.write(y, path: path("y.npy"))
        let run = try Snn.run(["eval", "--embedding", path("y.npy"), "--graph", path("g.npz"), "--reference", path("eig.npz"),
                               "--json", path("out.json")])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        for text in ["subspace error", "Procrustes error", "certified: ‖sin Θ‖_F ≤", "cluster λ3–λ4", "wrote \(path("out.json"))"] {
            XCTAssertTrue(run.stdout.contains(text), "missing '\(text)' in\n\(run.stdout)")
        }
        let document = try json(path("out.json"))
        XCTAssertEqual(Set(document.keys), Self.topKeys)
        XCTAssertEqual(document["format"] as? String, "snn-eval")
        XCTAssertEqual(document["n"] as? Int, 300)
        XCTAssertEqual(document["r"] as? Int, 4)
        XCTAssertEqual(document["matrix"] as? String, "normalized_adjacency")
        XCTAssertEqual(document["source"] as? [String: String], ["embedding": path("y.npy")])
        XCTAssertTrue(document["clustering"] is NSNull)

        let reference = try XCTUnwrap(document["reference"] as? [String: Any])
        XCTAssertEqual(Set(reference.keys), Self.referenceKeys)
        let metrics = try ReferenceMetrics(outputs: y, referenceValues: eigen.values, referenceVectors: eigen.vectors)
        XCTAssertEqual(try number(reference["procrustes_error"]), metrics.procrustesError, accuracy: 1e-12)
        XCTAssertEqual(try number(reference["subspace_error"]), metrics.subspaceError, accuracy: 1e-12)
        assertClose(try numbers(reference["eigenvalue_relative_errors"]), metrics.eigenvalueRelativeErrors, 1e-12)
        // On this sample the l = 1 level of S² is split: λ_2 is 2.7 % above λ_3, λ_3 and λ_4 are within 1 %.
        XCTAssertEqual(metrics.degenerateClusters, [[2, 3]])
        XCTAssertEqual(reference["degenerate_clusters"] as? [[Int]], [[2, 3]])
        let correlations = try XCTUnwrap(reference["correlations"] as? [Any])
        XCTAssertEqual(try number(correlations[0]), metrics.correlations[0]!, accuracy: 1e-12)
        XCTAssertTrue(correlations[2] is NSNull)

        let certificate = try XCTUnwrap(document["certificate"] as? [String: Any])
        XCTAssertEqual(Set(certificate.keys), Self.certificateKeys)
        let expected = try Certificate(trial: y, matrix: graph.normalizedAdjacency())
        XCTAssertEqual(certificate["certified"] as? Bool, true)
        XCTAssertEqual(try number(certificate["sin_theta_bound"]), expected.bound!, accuracy: 1e-12)
        assertClose(try numbers(certificate["ritz_values"]), expected.ritzValues, 1e-12)
        XCTAssertEqual(certificate["lanczos_steps"] as? Int, 40)
        // The certificate bounds the true error measured against the reference.
        XCTAssertGreaterThanOrEqual(try number(certificate["subspace_error_bound"]), metrics.subspaceError)
    }

    func testModelIsRunWithTheGraphsExactDegrees() throws {
        let (points, graph, eigen) = try sphereFixture()
        var generator = SeededGenerator(seed: 5)
        let network = MLP<Float>(widths: [3, 16, 4], activation: .relu, using: &generator)
        let degrees = graph.degrees()
        let model = SpectralModel(network: network, standardization: InputStandardization(fitting: points.converted(to: Float.self)),
                                  outputScale: 1 / Double(points.rows).squareRoot(),
                                  degreeModel: DegreeModel(rule: .nearestNeighbors(k: 5), points: points, degrees: degrees))
        try ModelFile.write(model, path: path("m.safetensors"))
        let exact = model.outputs(points, degrees: degrees)
        // The estimated degrees differ from the exact ones, so using them would change Y.
        XCTAssertGreaterThan(model.outputs(points).maxAbsDifference(exact), 1e-4)
        try PointsFile.write(exact, path: path("y.npy"))

        let viaModel = try Snn.run(["eval", "--model", path("m.safetensors"), "--points", path("x.npy"), "--graph", path("g.npz"),
                                    "--reference", path("eig.npz"), "--json", path("model.json")])
        XCTAssertEqual(viaModel.status, 0, viaModel.stderr)
        XCTAssertTrue(viaModel.stdout.contains("√degree factor with the graph's degrees"), viaModel.stdout)
        let viaEmbedding = try Snn.run(["eval", "--embedding", path("y.npy"), "--graph", path("g.npz"),
                                        "--reference", path("eig.npz"), "--json", path("embedding.json")])
        XCTAssertEqual(viaEmbedding.status, 0, viaEmbedding.stderr)
        let a = try json(path("model.json")), b = try json(path("embedding.json"))
        XCTAssertEqual(a["source"] as? [String: String], ["model": path("m.safetensors"), "points": path("x.npy")])
        let ra = try XCTUnwrap(a["reference"] as? [String: Any]), rb = try XCTUnwrap(b["reference"] as? [String: Any])
        XCTAssertEqual(try number(ra["procrustes_error"]), try number(rb["procrustes_error"]), accuracy: 1e-12)
        assertClose(try numbers(ra["estimated_values"]), try numbers(rb["estimated_values"]), 1e-12)
        let ca = try XCTUnwrap(a["certificate"] as? [String: Any]), cb = try XCTUnwrap(b["certificate"] as? [String: Any])
        assertClose(try numbers(ca["ritz_values"]), try numbers(cb["ritz_values"]), 1e-12)
        _ = eigen
    }

    func testLabelsGiveClusteringScoresAndPoorEmbeddingsAreNotCertified() throws {
        // Three separated blobs: their kNN graph's top 3 eigenvectors cluster perfectly.
        var generator = SeededGenerator(seed: 2)
        let centres = [[0.0, 0.0], [12.0, 0.0], [0.0, 12.0]]
        let n = 150
        let x = Matrix<Double>(rows: n, cols: 2) { i, j in centres[i % 3][j] + generator.normal() }
        let labels = (0..<n).map { $0 % 3 }
        let g = try SimilarityGraph.knn(x, k: 8)
        try GraphFile.write(g, path: path("blobs.npz"))
        try NPY.write(NumpyArray(int64: labels.map(Int64.init), shape: [n]), path: path("labels.npy"))
        let u = try g.normalizedAdjacency().toDense().symmetricEigen(top: 3).vectors
        try PointsFile.write(u, path: path("u.npy"))
        let run = try Snn.run(["eval", "--embedding", path("u.npy"), "--graph", path("blobs.npz"), "--labels", path("labels.npy"),
                               "--normalize-rows", "--json", path("c.json")])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("adjusted Rand index"), run.stdout)
        let clustering = try XCTUnwrap(try json(path("c.json"))["clustering"] as? [String: Any])
        XCTAssertEqual(Set(clustering.keys), Self.clusteringKeys)
        XCTAssertEqual(try number(clustering["adjusted_rand_index"]), 1)
        XCTAssertEqual(try number(clustering["normalized_mutual_information"]), 1, accuracy: 1e-12)
        XCTAssertEqual(try number(clustering["accuracy"]), 1)
        XCTAssertEqual(clustering["clusters"] as? Int, 3)
        XCTAssertEqual(clustering["normalize_rows"] as? Bool, true)

        // A random embedding: the complement of its span holds λ_1, so the gap estimate is negative.
        let random = Matrix<Double>(rows: n, cols: 3) { _, _ in generator.normal() }
        try PointsFile.write(random, path: path("random.csv"))
        let poor = try Snn.run(["eval", "--embedding", path("random.csv"), "--graph", path("blobs.npz"), "--json", path("p.json")])
        XCTAssertEqual(poor.status, 0, poor.stderr)
        XCTAssertTrue(poor.stdout.contains("NOT CERTIFIED"), poor.stdout)
        let certificate = try XCTUnwrap(try json(path("p.json"))["certificate"] as? [String: Any])
        XCTAssertEqual(certificate["certified"] as? Bool, false)
        XCTAssertTrue(certificate["sin_theta_bound"] is NSNull)
        XCTAssertLessThan(try number(certificate["gap"]), 0)
    }

    func testBadInputsAreOneLineErrorsWithoutOutput() throws {
        let (_, _, eigen) = try sphereFixture()
        try PointsFile.write(noisyEmbedding(eigen).rows(Array(0..<299)), path: path("short.npy"))
        try PointsFile.write(noisyEmbedding(eigen), path: path("y.npy"))
        var generator = SeededGenerator(seed: 1)
        let network = MLP<Double>(widths: [2, 4], activation: .relu, using: &generator)
        try ModelFile.write(SpectralModel(network: network, standardization: .identity(dimension: 2), outputScale: 1, degreeModel: nil),
                            path: path("m2.safetensors"))
        try NPY.write(NumpyArray(int64: [0, 1, 1], shape: [3]), path: path("few.npy"))
        let out = path("bad.json")
        let cases: [(words: [String], status: Int32, message: String)] = [
            (["--embedding", path("short.npy"), "--graph", path("g.npz")], 1,
             "the embedding \(path("short.npy")) has 299 rows but the graph \(path("g.npz")) has 300 vertices; "
                + "the embedding needs one row per vertex of the graph"),
            (["--model", path("m2.safetensors"), "--points", path("x.npy"), "--graph", path("g.npz")], 1,
             "the model \(path("m2.safetensors")) takes 2 input coordinates but the points \(path("x.npy")) have 3 columns; "
                + "pass the points the model was trained on"),
            (["--embedding", path("y.npy"), "--graph", path("g.npz"), "--labels", path("few.npy")], 1,
             "the labels \(path("few.npy")) have 3 entries but the graph \(path("g.npz")) has 300 vertices; give one label per vertex"),
            (["--embedding", path("y.npy"), "--graph", path("missing.npz")], 1, path("missing.npz")),
            (["--embedding", path("nothere.npy"), "--graph", path("g.npz")], 1, path("nothere.npy")),
            (["--model", path("m2.safetensors"), "--graph", path("g.npz")], 2,
             "--model needs --points: the graph's points to run the model on (see 'snn eval --help')"),
            (["--embedding", path("y.npy"), "--model", path("m2.safetensors"), "--points", path("x.npy"), "--graph", path("g.npz")], 2,
             "--embedding cannot be combined with --model/--points; give one or the other (see 'snn eval --help')"),
            (["--embedding", path("y.npy"), "--graph", path("g.npz"), "--clusters", "3"], 2,
             "--clusters needs --labels to score the clustering against (see 'snn eval --help')"),
            (["--graph", path("g.npz")], 2,
             "give the embedding to evaluate: --embedding EMB, or --model MODEL with --points P (see 'snn eval --help')"),
        ]
        for c in cases {
            let run = try Snn.run(["eval"] + c.words + ["--json", out])
            XCTAssertEqual(run.status, c.status, "\(c.words): \(run.stderr)")
            XCTAssertTrue(run.stderr.hasPrefix("snn: error: "), run.stderr)
            XCTAssertEqual(run.stderr.filter { $0 == "\n" }.count, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains(c.message), "\(c.words): expected '\(c.message)' in \(run.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out), "\(c.words) wrote the JSON")
        }
    }

    func testHelpListsTheCommand() throws {
        XCTAssertTrue(try Snn.run(["--help"]).stdout.contains("  eval "))
        let help = try Snn.run(["eval", "--help"])
        XCTAssertEqual(help.status, 0)
        for option in ["--model MODEL", "--points P", "--embedding EMB", "--graph GRAPH", "--reference EIG.npz", "--labels L",
                       "--clusters K", "--json OUT.json", "(default: 40)"] {
            XCTAssertTrue(help.stdout.contains(option), option)
        }
    }
}
