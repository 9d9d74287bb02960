import Foundation
import XCTest
import SpectralNN

/// The catalogue of wrong inputs (issue 7): each runs the built `snn` binary and must end with exit code 1 or 2
/// (never a signal), exactly one `snn: error:` line on stderr that names the problem and says what to change,
/// and no file left in the output folder. Also the inputs that are legitimate but suspicious (a disconnected
/// graph, duplicate points): a warning and a correct result; and divergence, which keeps the last good checkpoint.
final class HostileInputTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("snn-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    // MARK: Inputs

    /// n × d standard-normal points (seeded), optionally shifted by `offset` from row `from` on.
    private func gaussian(_ n: Int, _ d: Int, seed: UInt64, offset: Double = 0, from: Int = .max) -> [Double] {
        var g = SeededGenerator(seed: seed)
        return (0..<(n * d)).map { k in g.normal() + (k / d >= from ? offset : 0) }
    }

    private func writeNPY(_ name: String, _ values: [Double], shape: [Int]) throws {
        try NPY.write(NumpyArray(float64: values, shape: shape), path: path(name))
    }

    private func writeText(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    /// A SciPy CSR `.npz` written member by member, so that it can hold what `GraphFile.write` would refuse.
    private func writeCSR(_ name: String, n: Int, dense: [Double]) throws {
        var pointers: [Int32] = [0], columns: [Int32] = [], values: [Double] = []
        for i in 0..<n {
            for j in 0..<n where dense[i * n + j] != 0 { columns.append(Int32(j)); values.append(dense[i * n + j]) }
            pointers.append(Int32(columns.count))
        }
        let members: [(name: String, npy: [UInt8])] = [
            ("indices", NPY.encode(NumpyArray(int32: columns, shape: [columns.count]))),
            ("indptr", NPY.encode(NumpyArray(int32: pointers, shape: [pointers.count]))),
            ("format", NPY.encodeText("csr")),
            ("shape", NPY.encode(NumpyArray(int64: [Int64(n), Int64(n)], shape: [2]))),
            ("data", NPY.encode(NumpyArray(float64: values, shape: [values.count]))),
        ]
        try Data(NPZ.encodeMembers(members, compressed: false)).write(to: directory.appendingPathComponent(name))
    }

    /// A ring graph on n vertices (each joined to the next), symmetric, weights 1.
    private func ring(_ n: Int) -> [Double] {
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { a[i * n + (i + 1) % n] = 1; a[((i + 1) % n) * n + i] = 1 }
        return a
    }

    /// Writes every input file of the catalogue; returns nothing, the cases refer to them by name.
    private func makeInputs() throws {
        try writeText("empty.csv", "")
        try writeText("empty.npy", "")
        try writeNPY("zero.npy", [], shape: [0, 3])
        try writeNPY("one.npy", [1, 2, 3], shape: [1, 3])
        try writeNPY("d0.npy", [], shape: [5, 0])
        try writeText("nan.csv", "1,2\n3,nan\n4,5\n")
        var inf = gaussian(20, 3, seed: 1); inf[3 * 3 + 1] = .infinity
        try writeNPY("inf.npy", inf, shape: [20, 3])
        try writeNPY("same.npy", [Double](repeating: 0.5, count: 60), shape: [20, 3])
        try writeNPY("p30.npy", gaussian(30, 3, seed: 2), shape: [30, 3])
        try writeNPY("p30d2.npy", gaussian(30, 2, seed: 3), shape: [30, 2])
        try writeNPY("p10.npy", gaussian(10, 2, seed: 4), shape: [10, 2])
        try writeNPY("emb20.npy", gaussian(20, 2, seed: 7), shape: [20, 2])
        try writeText("ragged.csv", "1,2\n3\n")
        try writeText("garbage.csv", "1,2\n3,abc\n")
        try writeText("afile", "not a folder")
        try FileManager.default.createDirectory(atPath: path("bad"), withIntermediateDirectories: true)
        try writeText("bad/checkpoint.safetensors", "garbage, not a checkpoint")
        var nonSymmetric = ring(30); nonSymmetric[0 * 30 + 2] = 0.5
        try writeCSR("nonsym.npz", n: 30, dense: nonSymmetric)
        var negative = ring(30); negative[0 * 30 + 1] = -1; negative[1 * 30 + 0] = -1
        try writeCSR("negative.npz", n: 30, dense: negative)
        try writeCSR("ring20.npz", n: 20, dense: ring(20))
        try writeCSR("ring300.npz", n: 300, dense: ring(300))
        var lonely = ring(30)
        for j in 0..<30 { lonely[29 * 30 + j] = 0; lonely[j * 30 + 29] = 0 }
        try writeCSR("zerodegree.npz", n: 30, dense: lonely)
        var corrupt = [UInt8](try Data(contentsOf: directory.appendingPathComponent("ring20.npz")))
        corrupt[200] ^= 0xFF
        try Data(corrupt).write(to: directory.appendingPathComponent("corrupt.npz"))
        try Data(SafeTensors.encode(tensors: [SafeTensors.Tensor(name: "w", shape: [2], values: [1.0, 2.0])]))
            .write(to: directory.appendingPathComponent("notmodel.safetensors"))
    }

    /// One wrong input: the words after `snn`, the exit code, a fragment naming the problem and one saying what to
    /// change (both must appear in the single stderr line).
    private struct Case {
        var name: String
        var words: [String]
        var status: Int32
        var problem: String
        var fix: String
    }

    private func check(_ c: Case, output: URL) throws {
        let r = try Snn.run(c.words)
        XCTAssertTrue(r.status == 1 || r.status == 2, "\(c.name): exit code \(r.status), stderr \(r.stderr)")
        XCTAssertEqual(r.status, c.status, "\(c.name): \(r.stderr)")
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        XCTAssertEqual(lines.count, 1, "\(c.name): stderr should be one line, got: \(r.stderr)")
        let line = String(lines.first ?? "")
        XCTAssertTrue(line.hasPrefix("snn: error: "), "\(c.name): \(line)")
        XCTAssertTrue(line.contains(c.problem), "\(c.name): '\(c.problem)' not in: \(line)")
        XCTAssertTrue(line.contains(c.fix), "\(c.name): '\(c.fix)' not in: \(line)")
        let left = try FileManager.default.contentsOfDirectory(atPath: output.path)
        XCTAssertEqual(left, [], "\(c.name): files left behind")
    }

    // MARK: The catalogue

    /// The run that makes the catalogue's model and checkpoint (3-D inputs), without its `-o`.
    private var trainBase: [String] {
        ["train", path("p30.npy"), "--knn", "5", "-r", "2", "--hidden", "8", "--epochs", "20", "--quiet", "--checkpoint-dir", path("ck")]
    }

    /// The catalogue runs in three interleaved parts so that each test stays short.
    private static let parts = 3

    func testCatalogueHasAtLeast30Cases() throws {
        let all = try catalogue(out: directory.appendingPathComponent("out"))
        XCTAssertGreaterThanOrEqual(all.count, 30)
        XCTAssertEqual(Set(all.map(\.name)).count, all.count, "case names must be unique")
    }

    func testCataloguePart1() throws { try runCatalogue(part: 0) }
    func testCataloguePart2() throws { try runCatalogue(part: 1) }
    func testCataloguePart3() throws { try runCatalogue(part: 2) }

    private func runCatalogue(part: Int) throws {
        try makeInputs()
        // A small trained model (3-D inputs) and a checkpoint of it, for the model and --resume cases.
        let trained = try Snn.run(trainBase + ["-o", path("model.safetensors")])
        XCTAssertEqual(trained.status, 0, trained.stderr)
        let model = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path("model.safetensors"))))
        try Data(model.prefix(model.count / 2)).write(to: URL(fileURLWithPath: path("truncated.safetensors")))

        let out = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for (k, c) in try catalogue(out: out).enumerated() where k % Self.parts == part { try check(c, output: out) }
        // A refused --resume leaves the checkpoint as it was.
        XCTAssertNoThrow(try SafeTensors.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: path("ck/checkpoint.safetensors"))))))
    }

    /// The wrong inputs; outputs go to `out`, inputs are those of `makeInputs` and the model of `runCatalogue`.
    private func catalogue(out: URL) throws -> [Case] {
        func o(_ name: String) -> String { out.appendingPathComponent(name).path }
        func graph(_ input: String, _ extra: [String]) -> [String] { ["graph", path(input)] + extra + ["-o", o("g.npz")] }
        func train(_ input: String, _ extra: [String]) -> [String] {
            ["train", path(input)] + extra + ["--hidden", "8", "--epochs", "20", "--quiet", "-o", o("m.safetensors")]
        }
        let cases: [Case] = [
            Case(name: "empty CSV", words: graph("empty.csv", ["--knn", "3"]), status: 1,
                 problem: "0 points of dimension 0", fix: "provide at least one row"),
            Case(name: "empty .npy", words: graph("empty.npy", ["--knn", "3"]), status: 1,
                 problem: "too short for a header", fix: "re-save it with numpy.save"),
            Case(name: "0 points", words: graph("zero.npy", ["--knn", "3"]), status: 1,
                 problem: "0 points of dimension 3", fix: "provide at least one row"),
            Case(name: "1 point, train", words: train("one.npy", ["--eps", "1", "-r", "1"]), status: 1,
                 problem: "1 of 1 points are isolated", fix: "increase --eps"),
            Case(name: "1 point, kNN", words: graph("one.npy", ["--knn", "1"]), status: 1,
                 problem: "must be smaller than the number of points n = 1", fix: "choose k ≤ 0"),
            Case(name: "NaN in CSV", words: graph("nan.csv", ["--knn", "1"]), status: 1,
                 problem: "row 2, column 2: value nan is not a finite number", fix: "remove or replace non-finite values"),
            Case(name: "Inf in .npy", words: train("inf.npy", ["--knn", "3", "-r", "2"]), status: 1,
                 problem: "row 4, column 2: value inf", fix: "remove or replace non-finite values"),
            Case(name: "identical points, ε auto", words: graph("same.npy", ["--eps", "auto"]), status: 1,
                 problem: "all 20 points coincide", fix: "choose ε yourself"),
            Case(name: "identical points, train", words: train("same.npy", ["--knn", "3", "-r", "2"]), status: 1,
                 problem: "rank-deficient", fix: "widen the network"),
            Case(name: "d = 0", words: graph("d0.npy", ["--knn", "2"]), status: 1,
                 problem: "5 points of dimension 0", fix: "at least one row and one column"),
            Case(name: "r = 0", words: train("p30.npy", ["--knn", "3", "-r", "0"]), status: 2,
                 problem: "invalid value '0' for -r", fix: "must be at least 1"),
            Case(name: "r ≥ n, train", words: train("p10.npy", ["--knn", "3", "-r", "10"]), status: 1,
                 problem: "-r must be between 1 and n − 1 = 9", fix: "got 10"),
            Case(name: "r ≥ n, eigs", words: ["eigs", path("ring20.npz"), "-r", "20", "-o", o("e.npz")], status: 1,
                 problem: "cannot compute 20 eigenpairs of a 20×20 matrix", fix: "less than the dimension"),
            Case(name: "eigensolver does not converge", words: ["eigs", path("ring300.npz"), "-r", "3", "--solver", "arpack",
                                                                "--tol", "1e-300", "-o", o("e.npz")], status: 1,
                 problem: "arpack eigensolver did not converge", fix: "ask for a looser tolerance"),
            Case(name: "k = 0", words: graph("p30.npy", ["--knn", "0"]), status: 2,
                 problem: "invalid value '0' for --knn", fix: "must be at least 1"),
            Case(name: "k ≥ n", words: graph("p10.npy", ["--knn", "10"]), status: 1,
                 problem: "k = 10 must be smaller than the number of points n = 10", fix: "choose k ≤ 9"),
            Case(name: "k ≥ n, train", words: train("p10.npy", ["--knn", "12", "-r", "2"]), status: 2,
                 problem: "--knn must be smaller than the number of points 10", fix: "got 12"),
            Case(name: "ε = 0", words: graph("p30.npy", ["--eps", "0"]), status: 2,
                 problem: "invalid value '0' for --eps", fix: "finite number > 0"),
            Case(name: "ε < 0, train", words: train("p30.npy", ["--eps", "-1", "-r", "2"]), status: 2,
                 problem: "--eps must be a positive number", fix: "got '-1'"),
            Case(name: "ε isolates points, graph", words: graph("p30.npy", ["--eps", "1e-9", "--no-self-loops"]), status: 1,
                 problem: "has no neighbour", fix: "increase ε"),
            Case(name: "ε isolates points, train", words: train("p30.npy", ["--eps", "1e-9", "-r", "2"]), status: 1,
                 problem: "30 of 30 points are isolated", fix: "increase --eps"),
            Case(name: "graph file with a zero-degree vertex", words: train("p30.npy", ["--graph", path("zerodegree.npz"), "-r", "2"]),
                 status: 1, problem: "point 29 has no neighbour", fix: "remove point 29"),
            Case(name: "non-symmetric graph, eigs", words: ["eigs", path("nonsym.npz"), "-r", "2", "-o", o("e.npz")], status: 1,
                 problem: "not symmetric: G[0, 2] = 0.5 but G[2, 0] = 0", fix: "symmetrize it"),
            Case(name: "non-symmetric graph, train", words: train("p30.npy", ["--graph", path("nonsym.npz"), "-r", "2"]), status: 1,
                 problem: "not symmetric", fix: "symmetrize it"),
            Case(name: "negative weight", words: ["eigs", path("negative.npz"), "-r", "2", "-o", o("e.npz")], status: 1,
                 problem: "is -1.0", fix: "weights must be non-negative"),
            Case(name: "graph n ≠ points n", words: train("p30.npy", ["--graph", path("ring20.npz"), "-r", "2"]), status: 1,
                 problem: "has 20 vertices but the points have 30 rows", fix: "build the graph from these points"),
            Case(name: "corrupted graph file", words: ["eigs", path("corrupt.npz"), "-r", "2", "-o", o("e.npz")], status: 1,
                 problem: "is corrupted: CRC-32", fix: "re-create or re-download it"),
            Case(name: "model input dimension ≠ points", words: ["embed", path("model.safetensors"), path("p30d2.npy"), "-o", o("e.npy")],
                 status: 1, problem: "the points have 2 coordinates but the model takes 3", fix: "embed points of the training dimension"),
            Case(name: "truncated model", words: ["embed", path("truncated.safetensors"), path("p30.npy"), "-o", o("e.npy")],
                 status: 1, problem: "run past the", fix: "written completely"),
            Case(name: "not a model", words: ["embed", path("notmodel.safetensors"), path("p30.npy"), "-o", o("e.npy")],
                 status: 1, problem: "not a usable snn model", fix: "snn"),
            Case(name: "output folder is a file", words: ["graph", path("p30.npy"), "--knn", "3", "-o", path("afile") + "/g.npz"],
                 status: 1, problem: "is not a folder", fix: "choose an output path in an existing, writable folder"),
            Case(name: "output folder missing", words: graph("p30.npy", ["--knn", "3"]).dropLast() + [o("missing/g.npz")],
                 status: 1, problem: "does not exist", fix: "choose an output path"),
            Case(name: "model output folder missing", words: train("p30.npy", ["--knn", "3", "-r", "2"]).dropLast() + [o("missing/m.safetensors")],
                 status: 1, problem: "does not exist", fix: "choose an output path"),
            Case(name: "labels folder missing (sample writes nothing)",
                 words: ["sample", "blobs", "-n", "20", "-o", o("p.npy"), "--labels", o("missing/labels.csv")],
                 status: 1, problem: "folder \(o("missing")) does not exist", fix: "choose an output path"),
            Case(name: "--resume, other settings", words: trainBase + ["--lr", "0.01", "--resume", "-o", o("m.safetensors")],
                 status: 1, problem: "written with different settings", fix: "use the same flags or start afresh"),
            Case(name: "--resume without a checkpoint", words: train("p30.npy", ["--knn", "3", "-r", "2", "--checkpoint-dir", o("ck"), "--resume"]),
                 status: 1, problem: "there is no checkpoint", fix: "start afresh without --resume"),
            Case(name: "--resume from a damaged checkpoint", words: train("p30.npy", ["--knn", "3", "-r", "2", "--checkpoint-dir", path("bad"), "--resume"]),
                 status: 1, problem: "cannot resume from this checkpoint: not a valid .safetensors file", fix: "written completely"),
            Case(name: "unwritable --log", words: train("p30.npy", ["--knn", "3", "-r", "2", "--log", o("missing/log.jsonl")]),
                 status: 1, problem: "cannot write the log file", fix: "choose a writable path for --log"),
            Case(name: "negative learning rate", words: train("p30.npy", ["--knn", "3", "-r", "2", "--lr", "-0.1"]), status: 2,
                 problem: "invalid learning rate -0.1", fix: "positive finite number"),
            Case(name: "zero epochs", words: ["train", path("p30.npy"), "--knn", "3", "-r", "2", "--epochs", "0", "-o", o("m.safetensors")],
                 status: 2, problem: "invalid value '0' for --epochs", fix: "must be at least 1"),
            Case(name: "--hidden 0", words: ["train", path("p30.npy"), "--knn", "3", "-r", "2", "--hidden", "0", "-o", o("m.safetensors")],
                 status: 2, problem: "invalid value '0' for --hidden", fix: "must be at least 1"),
            Case(name: "--hidden too wide to allocate", words: ["train", path("p30.npy"), "--knn", "3", "-r", "2", "--hidden", "100000000000,100000000000", "-o", o("m.safetensors")],
                 status: 2, problem: "the network 3-100000000000-100000000000-2 on 30 points needs more than 536870912", fix: "use smaller --hidden widths"),
            Case(name: "--batch 1", words: train("p30.npy", ["--knn", "3", "-r", "2", "--batch", "1"]), status: 2,
                 problem: "--batch must be 'full' or a number ≥ 2", fix: "got '1'"),
            Case(name: "--batch larger than n", words: train("p30.npy", ["--knn", "3", "-r", "2", "--batch", "99999999999"]), status: 2,
                 problem: "--batch 99999999999 is larger than the 30 points", fix: "use --batch full or a number ≤ 30"),
            Case(name: "negative --clip", words: train("p30.npy", ["--knn", "3", "-r", "2", "--clip", "-1"]), status: 2,
                 problem: "--clip must be a positive norm", fix: "got -1"),
            Case(name: "eval: embedding rows ≠ graph vertices", words: ["eval", "--embedding", path("p30.npy"), "--graph", path("ring20.npz")],
                 status: 1, problem: "has 30 rows but the graph", fix: "one row per vertex of the graph"),
            Case(name: "eval: labels of the wrong shape",
                 words: ["eval", "--embedding", path("emb20.npy"), "--graph", path("ring20.npz"), "--labels", path("p30.npy")],
                 status: 1, problem: "have shape [30, 3]", fix: "give a 1-D array of n integers"),
            Case(name: "eval: --json into a missing folder",
                 words: ["eval", "--embedding", path("emb20.npy"), "--graph", path("ring20.npz"), "--json", o("missing/e.json")],
                 status: 1, problem: "does not exist", fix: "choose an output path"),
            Case(name: "ragged CSV", words: graph("ragged.csv", ["--knn", "1"]), status: 1,
                 problem: "row has 1 values but row 1 has 2", fix: "give every row the same number of columns"),
            Case(name: "garbage in CSV", words: graph("garbage.csv", ["--knn", "1"]), status: 1,
                 problem: "'abc' is not a number", fix: "fix or remove it"),
            Case(name: "missing points file", words: graph("nothere.npy", ["--knn", "1"]), status: 1,
                 problem: "no such file", fix: "check the path"),
            Case(name: "wrong output extension", words: ["graph", path("p30.npy"), "--knn", "3", "-o", o("g.txt")], status: 2,
                 problem: "must end in .npz", fix: "snn graph --help"),
            Case(name: "points given as graph", words: ["eigs", path("p30.npy"), "-r", "2", "-o", o("e.npz")], status: 2,
                 problem: "must end in .npz", fix: "snn eigs --help"),
            Case(name: "no graph option", words: train("p30.npy", ["-r", "2"]), status: 2,
                 problem: "give exactly one of --graph FILE, --knn K or --eps", fix: "got none"),
        ]
        return cases
    }

    // MARK: Suspicious but valid inputs

    /// Two far-apart blobs give a graph with two components: a warning, and training still finds the top
    /// eigenvalue 1 with multiplicity 2 (λ̂ and the Ritz values both ≈ 1).
    func testDisconnectedGraphWarnsAndTrainsTheRepeatedEigenvalue() throws {
        try writeNPY("blobs.npy", gaussian(60, 2, seed: 5, offset: 100, from: 30), shape: [60, 2])
        let r = try Snn.run(["train", path("blobs.npy"), "--knn", "5", "-r", "2", "--hidden", "16,16", "--epochs", "300",
                             "--quiet", "-o", path("blobs.safetensors")])
        XCTAssertEqual(r.status, 0, r.stderr)
        let warnings = r.stderr.split(separator: "\n")
        XCTAssertEqual(warnings.count, 1, r.stderr)
        XCTAssertTrue(warnings[0].hasPrefix("snn: warning: the graph has 2 connected components (sizes 30, 30)"), r.stderr)
        for label in ["eigenvalues λ̂ (from YᵀY):", "Ritz values (Rayleigh–Ritz with A):"] {
            let line = try XCTUnwrap(r.stdout.split(separator: "\n").first { $0.hasPrefix(label) }, r.stdout)
            let values = line.dropFirst(label.count).split(separator: " ").compactMap { Double($0) }
            XCTAssertEqual(values.count, 2, String(line))
            for v in values { XCTAssertEqual(v, 1, accuracy: 2e-3, String(line)) }
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("blobs.safetensors")))
    }

    /// Duplicate points are valid data: the graph keeps them as neighbours at distance 0 and training works.
    func testDuplicatePointsAreUsable() throws {
        var points = gaussian(40, 2, seed: 6)
        for k in [5, 9, 13] { points[2 * k] = points[2 * 7]; points[2 * k + 1] = points[2 * 7 + 1] }
        try writeNPY("dup.npy", points, shape: [40, 2])
        let g = try Snn.run(["graph", path("dup.npy"), "--eps", "auto", "-o", path("dup.npz")])
        XCTAssertEqual(g.status, 0, g.stderr)
        let graph = try GraphFile.read(path: path("dup.npz"))
        // Each copy of point 7 is joined to every other copy (distance 0 < ε), weight 1 (indicator kernel).
        for (i, j) in [(5, 7), (7, 9), (9, 13), (5, 13)] {
            let row = graph.rowPointers[i]..<graph.rowPointers[i + 1]
            let k = try XCTUnwrap(row.first { graph.columnIndices[$0] == Int32(j) }, "edge \(i)–\(j) missing")
            XCTAssertEqual(graph.values[k], 1)
        }
        let t = try Snn.run(["train", path("dup.npy"), "--graph", path("dup.npz"), "-r", "2", "--hidden", "8",
                             "--epochs", "30", "--quiet", "-o", path("dup.safetensors")])
        XCTAssertEqual(t.status, 0, t.stderr)
    }

    // MARK: Numerical guards

    /// A learning rate that blows the loss up stops training with advice, and the checkpoint written before the
    /// divergence stays as it was (epoch 1), never overwritten by the diverged state.
    func testDivergenceKeepsTheLastGoodCheckpoint() throws {
        try writeNPY("p30.npy", gaussian(30, 3, seed: 2), shape: [30, 3])
        let r = try Snn.run(["train", path("p30.npy"), "--knn", "5", "-r", "2", "--hidden", "8", "--lr", "100",
                             "--optimizer", "sgd", "--epochs", "200", "--checkpoint-dir", path("ck"), "--checkpoint-every", "1",
                             "--quiet", "-o", path("m.safetensors")])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("training diverged at epoch 2"), r.stderr)
        XCTAssertTrue(r.stderr.contains("lower the learning rate (--lr)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("the last good checkpoint \(path("ck/checkpoint.safetensors")) (epoch 1) is kept"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("m.safetensors")))
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path("ck/checkpoint.safetensors"))))
        let (tensors, metadata) = try SafeTensors.decode(bytes)
        let state = try XCTUnwrap(JSONSerialization.jsonObject(with: Data((metadata["checkpoint_state"] ?? "").utf8)) as? [String: Any])
        XCTAssertEqual(state["epoch"] as? Int, 1)
        for t in tensors { XCTAssertTrue(try t.values(as: Double.self).allSatisfy(\.isFinite), t.name) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: path("ck")), ["checkpoint.safetensors"])
    }
}
