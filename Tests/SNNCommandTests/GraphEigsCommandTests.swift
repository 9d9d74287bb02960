import Foundation
import XCTest
import SpectralNN

/// End-to-end tests of `snn graph` and `snn eigs` through the built executable: the graph equals its dense
/// definition, the eigenpairs equal a dense LAPACK computation of `D^{-1/2} G D^{-1/2}`, every option reaches the
/// library, and every bad input is one stderr line with exit code 1 (bad data) or 2 (bad flags) and no output file.
final class GraphEigsCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("snn-graph-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// n points uniform on S² (normalized Gaussians), written to `sphere.npy`.
    private func spherePoints(n: Int, seed: UInt64) throws -> (Matrix<Double>, String) {
        var generator = SeededGenerator(seed: seed)
        var x = Matrix<Double>(rows: n, cols: 3)
        for i in 0..<n {
            let v = (0..<3).map { _ in generator.normal() }
            let norm = (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).squareRoot()
            for c in 0..<3 { x[i, c] = v[c] / norm }
        }
        let file = path("sphere.npy")
        try PointsFile.write(x, path: file)
        return (x, file)
    }

    private func distance(_ x: Matrix<Double>, _ i: Int, _ j: Int) -> Double {
        (0..<x.cols).reduce(0.0) { $0 + (x[i, $1] - x[j, $1]) * (x[i, $1] - x[j, $1]) }.squareRoot()
    }

    /// The top r eigenpairs of the dense `D^{-1/2} G D^{-1/2}` by LAPACK.
    private func denseTop(_ g: Matrix<Double>, r: Int) throws -> SymmetricEigen<Double> {
        let n = g.rows
        let d = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + g[i, $1] } }
        let a = Matrix<Double>(rows: n, cols: n) { i, j in g[i, j] / (d[i] * d[j]).squareRoot() }
        return try a.symmetricEigen(top: r)
    }

    private func assertSuccess(_ words: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Snn.Result {
        let result = try Snn.run(words)
        XCTAssertEqual(result.status, 0, "\(words): \(result.stderr)", file: file, line: line)
        return result
    }

    // MARK: results

    func testEpsilonGraphThenEigsMatchDenseComputation() throws {
        let (x, points) = try spherePoints(n: 400, seed: 11)
        let eps = 0.3
        let graph = path("g.npz"), eig = path("e.npz")
        let built = try assertSuccess(["graph", points, "--eps", "\(eps)", "-o", graph])
        XCTAssertTrue(built.stdout.contains("n = 400, nnz = "), built.stdout)
        XCTAssertTrue(built.stdout.contains("connected components: 1"), built.stdout)
        XCTAssertTrue(built.stdout.contains("with self-loops"), built.stdout)
        XCTAssertEqual(built.stderr, "")

        // The file holds the paper's ε-graph with its self-loops: G_ij = 1{|x_i − x_j| ≤ ε}.
        let dense = Matrix<Double>(rows: 400, cols: 400) { i, j in self.distance(x, i, j) <= eps ? 1 : 0 }
        let g = try GraphFile.read(path: graph)
        XCTAssertEqual(g.toDense(), dense)
        let degrees = (0..<400).map { i in (0..<400).reduce(0.0) { $0 + dense[i, $1] } }
        XCTAssertTrue(built.stdout.contains("nnz = \(g.nonzeroCount), degrees \(Int(degrees.min()!))–\(Int(degrees.max()!))"),
                      built.stdout)

        let reference = try denseTop(dense, r: 5)
        let solved = try assertSuccess(["eigs", graph, "-r", "5", "-o", eig])
        let result = try EigenFile.read(path: eig)
        XCTAssertEqual(result.vectors.rows, 400)
        XCTAssertEqual(result.values.count, 5)
        XCTAssertEqual(result.values[0], 1, accuracy: 1e-12)
        for k in 0..<5 {
            XCTAssertEqual(result.values[k], reference.values[k], accuracy: 1e-10, "λ_\(k + 1)")
            let dot = (0..<400).reduce(0.0) { $0 + result.vectors[$1, k] * reference.vectors[$1, k] }
            XCTAssertEqual(abs(dot), 1, accuracy: 1e-8, "eigenvector \(k + 1)")
            // The printed table carries the same eigenvalues.
            XCTAssertTrue(solved.stdout.contains(String(format: "%.15f", result.values[k])), solved.stdout)
        }
        // The top eigenvector is √degree, normalized, with a positive sign.
        let norm = degrees.reduce(0, +).squareRoot()
        for i in 0..<400 { XCTAssertEqual(result.vectors[i, 0], degrees[i].squareRoot() / norm, accuracy: 1e-10) }
        XCTAssertTrue(solved.stdout.contains("solver: dense (auto)"), solved.stdout)

        // --lazy reports the eigenvalues (1 + λ)/2 of the lazy walk; the iterative solvers agree with dense.
        for solver in ["arpack", "shift-invert"] {
            let lazyFile = path("lazy-\(solver).npz")
            let lazy = try assertSuccess(["eigs", graph, "-r", "5", "--lazy", "--solver", solver, "--tol", "1e-11", "-o", lazyFile])
            XCTAssertTrue(lazy.stdout.contains("solver: \(solver), "), lazy.stdout)
            let values = try EigenFile.read(path: lazyFile).values
            for k in 0..<5 { XCTAssertEqual(values[k], (1 + reference.values[k]) / 2, accuracy: 1e-9, "\(solver) λ_\(k + 1)") }
        }
    }

    func testEveryGraphOptionReachesTheLibrary() throws {
        let (x, points) = try spherePoints(n: 300, seed: 12)
        let cases: [([String], CSRMatrix<Double>)] = [
            (["--knn", "6"], try SimilarityGraph.knn(x, k: 6)),
            (["--knn", "6", "--mutual", "--weights", "selftuning", "--self-loops", "--algorithm", "brute"],
             try SimilarityGraph.knn(x, k: 6, weights: .selftuning, mutual: true, selfLoops: true, algorithm: .brute)),
            (["--eps", "0.2", "--kernel", "gaussian", "--no-self-loops", "--algorithm", "kdtree"],
             try SimilarityGraph.epsilon(x, eps: 0.2, kernel: .gaussian, selfLoops: false, algorithm: .kdtree)),
        ]
        for (k, (flags, expected)) in cases.enumerated() {
            let out = path("g\(k).npz")
            _ = try assertSuccess(["graph", points] + flags + ["-o", out])
            XCTAssertEqual(try GraphFile.read(path: out), expected, "\(flags)")
        }
        // The default kNN graph has no self-loops and is the union max(K, Kᵀ).
        let knn = try GraphFile.read(path: path("g0.npz"))
        XCTAssertEqual(knn.diagonal(), [Double](repeating: 0, count: 300))
        XCTAssertTrue(knn.isSymmetric())

        let auto = try assertSuccess(["graph", points, "--eps", "auto", "-o", path("auto.npz")])
        let choice = try SimilarityGraph.automaticEpsilon(x)
        XCTAssertTrue(auto.stdout.contains("connects at ε = \(String(format: "%.6g", choice.connectingEps))"), auto.stdout)
        XCTAssertTrue(auto.stdout.contains("× safety factor 1.2 → ε = \(String(format: "%.6g", choice.eps))"), auto.stdout)
        XCTAssertEqual(try GraphFile.read(path: path("auto.npz")), try SimilarityGraph.epsilon(x, eps: choice.eps))
    }

    func testSeveralComponentsGiveAWarningWithTheirSizes() throws {
        // Two clumps of 30 points far apart: two components of 30.
        var generator = SeededGenerator(seed: 5)
        let x = Matrix<Double>(rows: 60, cols: 2) { i, _ in (i < 30 ? 0 : 100) + generator.uniform() }
        try PointsFile.write(x, path: path("two.npy"))
        let built = try assertSuccess(["graph", path("two.npy"), "--knn", "5", "-o", path("two.npz")])
        XCTAssertTrue(built.stdout.contains("connected components: 2"), built.stdout)
        XCTAssertTrue(built.stderr.hasPrefix("snn: warning: the graph has 2 connected components (sizes 30, 30)"), built.stderr)
        XCTAssertEqual(built.stderr.filter { $0 == "\n" }.count, 1)
        let solved = try assertSuccess(["eigs", path("two.npz"), "-r", "3", "-o", path("two-eig.npz")])
        XCTAssertTrue(solved.stderr.contains("2 connected components"), solved.stderr)
        let values = try EigenFile.read(path: path("two-eig.npz")).values
        XCTAssertEqual(values[0], 1, accuracy: 1e-12)
        XCTAssertEqual(values[1], 1, accuracy: 1e-12)
        XCTAssertLessThan(values[2], 1 - 1e-6)
    }

    /// The help lists exactly the options the tests above exercise, with the defaults the commands use.
    func testHelpListsTheOptions() throws {
        let graph = try assertSuccess(["graph", "--help"]).stdout
        for option in ["--eps E|auto", "--knn K", "--kernel NAME", "--weights NAME", "--mutual", "--self-loops",
                       "--no-self-loops", "--algorithm NAME", "-o, --out GRAPH.npz", "safety factor 1.2",
                       "(one of: indicator, gaussian) (default: indicator)", "(one of: auto, kdtree, brute) (default: auto)"] {
            XCTAssertTrue(graph.contains(option), "\(option) missing in:\n\(graph)")
        }
        let eigs = try assertSuccess(["help", "eigs"]).stdout
        for option in ["-r R", "--lazy", "--solver NAME", "(one of: auto, dense, arpack, shift-invert) (default: auto)",
                       "--tol T", "(default: 1e-10)", "-o, --out EIG.npz"] {
            XCTAssertTrue(eigs.contains(option), "\(option) missing in:\n\(eigs)")
        }
        let overview = try assertSuccess(["--help"]).stdout
        XCTAssertTrue(overview.contains("  graph ") && overview.contains("  eigs "), overview)
    }

    // MARK: bad input

    /// Runs `words`, which must fail with `status`, one `snn: error:` line containing `expected`, and no `output`.
    private func assertFails(_ words: [String], status: Int32, _ expected: String, output: String,
                             file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try Snn.run(words)
        XCTAssertEqual(r.status, status, "\(words): \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("snn: error: "), "\(words): \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.contains(expected), "\(words): expected '\(expected)' in \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, "one line: \(r.stderr)", file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output), "\(words) left \(output)", file: file, line: line)
    }

    func testBadGraphInputs() throws {
        let (_, points) = try spherePoints(n: 50, seed: 13)
        let out = path("never.npz")
        let base = ["graph", points]
        try assertFails(base + ["--eps", "0", "-o", out], status: 2, "ε must be a finite number > 0", output: out)
        try assertFails(base + ["--eps", "-0.5", "-o", out], status: 2, "ε must be a finite number > 0", output: out)
        try assertFails(base + ["--eps", "wide", "-o", out], status: 2, "expected a number > 0 or 'auto'", output: out)
        try assertFails(base + ["--knn", "0", "-o", out], status: 2, "must be at least 1", output: out)
        try assertFails(base + ["--knn", "50", "-o", out], status: 1, "50", output: out)
        try assertFails(base + ["-o", out], status: 2, "give --eps E (or --eps auto)", output: out)
        try assertFails(base + ["--eps", "0.3", "--knn", "3", "-o", out], status: 2, "cannot be combined", output: out)
        try assertFails(base + ["--eps", "0.3", "--self-loops", "--no-self-loops", "-o", out], status: 2, "contradict", output: out)
        try assertFails(base + ["--knn", "3", "--kernel", "gaussian", "-o", out], status: 2, "--kernel applies to ε-graphs", output: out)
        try assertFails(base + ["--eps", "0.3", "--mutual", "-o", out], status: 2, "--mutual applies to kNN graphs", output: out)
        try assertFails(base + ["--eps", "0.3", "--weights", "selftuning", "-o", out], status: 2, "--weights applies", output: out)
        try assertFails(base + ["--eps", "0.3", "-o", path("g.npy")], status: 2, "must end in .npz", output: path("g.npy"))
        // An isolated vertex: a tiny ε without the self-loops leaves points with no neighbour.
        try assertFails(base + ["--eps", "0.001", "--no-self-loops", "-o", out], status: 1, "has no neighbour (zero degree); increase ε",
                        output: out)
        try assertFails(["graph", path("missing.npy"), "--knn", "3", "-o", out], status: 1, "no such file", output: out)
        try PointsFile.write(Matrix([[0.0, 1], [Double.nan, 2], [3, 4]]), path: path("nan.npy"))
        try assertFails(["graph", path("nan.npy"), "--knn", "1", "-o", out], status: 1, "not a finite number", output: out)
    }

    func testBadEigsInputs() throws {
        let out = path("never.npz")
        // A valid 4-vertex cycle, then spoiled copies.
        let cycle = CSRMatrix<Double>(dense: Matrix([[0, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 1], [1, 0, 1, 0]]))
        try GraphFile.write(cycle, path: path("cycle.npz"))
        _ = try assertSuccess(["eigs", path("cycle.npz"), "-r", "3", "-o", path("ok.npz")])
        try assertFails(["eigs", path("cycle.npz"), "-r", "4", "-o", out], status: 1, "cannot compute 4 eigenpairs of a 4×4", output: out)
        try assertFails(["eigs", path("cycle.npz"), "-r", "0", "-o", out], status: 2, "must be at least 1", output: out)
        try assertFails(["eigs", path("cycle.npz"), "-r", "2", "--tol", "0", "-o", out], status: 2, "--tol", output: out)
        try assertFails(["eigs", path("cycle.npz"), "-r", "2", "--solver", "lobpcg", "-o", out], status: 2, "lobpcg", output: out)

        let nonSymmetric = CSRMatrix<Double>(dense: Matrix([[0, 1, 0], [0, 0, 1], [1, 1, 0]]))
        try GraphFile.write(nonSymmetric, path: path("nonsym.npz"))
        try assertFails(["eigs", path("nonsym.npz"), "-r", "1", "-o", out], status: 1, "nonsym.npz: invalid graph: not symmetric: G[0, 1] = 1.0 but G[1, 0] = 0.0", output: out)
        let negative = CSRMatrix<Double>(dense: Matrix([[0, -1, 1], [-1, 0, 1], [1, 1, 0]]))
        try GraphFile.write(negative, path: path("negative.npz"))
        try assertFails(["eigs", path("negative.npz"), "-r", "1", "-o", out], status: 1, "must be non-negative", output: out)
        let isolated = CSRMatrix<Double>(dense: Matrix([[0, 1, 0], [1, 0, 0], [0, 0, 0]]))
        try GraphFile.write(isolated, path: path("isolated.npz"))
        try assertFails(["eigs", path("isolated.npz"), "-r", "1", "-o", out], status: 1, "isolated.npz: point 2 has no neighbour", output: out)

        // Hostile and foreign files: a decreasing indptr, a CSC matrix, not an archive.
        let spoiled: [(name: String, npy: [UInt8])] = [
            ("indices", NPY.encode(NumpyArray(int32: [1, 0, 2, 1], shape: [4]))),
            ("indptr", NPY.encode(NumpyArray(int32: [0, 3, 1, 4], shape: [4]))),
            ("format", NPY.encodeText("csr")),
            ("shape", NPY.encode(NumpyArray(int64: [3, 3], shape: [2]))),
            ("data", NPY.encode(NumpyArray(float64: [1, 1, 1, 1], shape: [4]))),
        ]
        try AtomicFile.write(NPZ.encodeMembers(spoiled, compressed: false), to: path("spoiled.npz"))
        try assertFails(["eigs", path("spoiled.npz"), "-r", "1", "-o", out], status: 1, "'indptr' decreases at row 1", output: out)
        var csc = spoiled
        csc[1] = ("indptr", NPY.encode(NumpyArray(int32: [0, 1, 3, 4], shape: [4])))
        csc[2] = ("format", NPY.encodeText("csc"))
        try AtomicFile.write(NPZ.encodeMembers(csc, compressed: false), to: path("csc.npz"))
        try assertFails(["eigs", path("csc.npz"), "-r", "1", "-o", out], status: 1, ".tocsr()", output: out)
        try AtomicFile.write(Array("hello".utf8), to: path("text.npz"))
        try assertFails(["eigs", path("text.npz"), "-r", "1", "-o", out], status: 1, "text.npz", output: out)
        try assertFails(["eigs", path("none.npz"), "-r", "1", "-o", out], status: 1, "no such file", output: out)
    }
}
