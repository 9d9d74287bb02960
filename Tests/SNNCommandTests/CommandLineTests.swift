import Foundation
import XCTest
import SpectralNN

/// End-to-end tests of the `snn` executable: parser behaviour, exit codes, one-line errors, help that tells the
/// truth, and the files `sample` writes and `info` describes.
final class CommandLineTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("snn-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    // MARK: usage errors (exit code 2) and their messages

    func testVersionAndOverviewHelp() throws {
        let version = try Snn.run(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertEqual(version.stdout, "snn 0.1.0\n")
        for words in [["--help"], ["-h"], ["help"], []] {
            let help = try Snn.run(words)
            XCTAssertEqual(help.status, 0, "\(words)")
            for command in ["sample", "info", "demo"] { XCTAssertTrue(help.stdout.contains("  \(command) "), help.stdout) }
        }
    }

    func testCommandHelpListsOptionsWithDefaults() throws {
        let help = try Snn.run(["sample", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertEqual(try Snn.run(["help", "sample"]).stdout, help.stdout)
        XCTAssertEqual(try Snn.run(["sample", "sphere", "-h", "--bogus"]).stdout, help.stdout)
        XCTAssertTrue(help.stdout.contains("--seed S"))
        XCTAssertTrue(help.stdout.contains("(default: 0)"))
        XCTAssertTrue(help.stdout.contains("(default: 3)"))
        XCTAssertTrue(help.stdout.contains("-o, --out FILE"))
        for name in Manifold.names { XCTAssertTrue(help.stdout.contains(name), name) }
        for command in ["info", "demo"] {
            let h = try Snn.run([command, "--help"])
            XCTAssertEqual(h.status, 0)
            XCTAssertTrue(h.stdout.hasPrefix("snn \(command) — "), h.stdout)
        }
    }

    /// Every option `snn sample --help` lists is exercised here and accepted.
    func testEveryListedSampleOptionWorks() throws {
        let help = try Snn.run(["sample", "--help"]).stdout
        let optionsSection = help.components(separatedBy: "OPTIONS:")[1].components(separatedBy: "\n\n")[0]
        let listed = Set(optionsSection.split(separator: "\n").flatMap { line in
            line.split(separator: " ").prefix(3).map { String($0).trimmingCharacters(in: .punctuationCharacters.subtracting(["-"])) }
                .filter { $0.hasPrefix("-") }
        })
        XCTAssertTrue(listed.isSuperset(of: ["-n", "-o", "--out", "--dim", "--cluster-std", "--parameters", "-h", "--help"]),
                      "\(listed)")
        let blobs = ["sample", "blobs", "-n", "40", "--dim", "3", "--ambient", "5", "--noise", "0.1", "--seed", "2",
                     "--clusters", "2", "--cluster-std", "0.5", "-o", path("b.npy"), "--labels", path("l.npy")]
        let circle = ["sample", "circle", "-n", "40", "--out", path("c.csv"), "--parameters", path("p.npy")]
        let torus = ["sample", "torus", "-n", "40", "--radii", "3,0.5", "-o", path("t.npy")]
        XCTAssertEqual(try Snn.run(blobs).status, 0)
        XCTAssertEqual(try Snn.run(circle).status, 0)
        XCTAssertEqual(try Snn.run(torus).status, 0)
        let used = Set((blobs + circle + torus + ["-h", "--help"]).filter { $0.hasPrefix("-") })
        XCTAssertEqual(listed.subtracting(used), [], "options listed in the help but not exercised")
        XCTAssertEqual(try NPY.read(path: path("b.npy")).shape, [40, 5])
        XCTAssertEqual(try NPY.read(path: path("p.npy")).shape, [40, 1])
        XCTAssertEqual(try CSV.read(path: path("c.csv")).matrix.rows, 40)
        // --radii 3,0.5 reaches the sampler: (√(x² + y²) − 3)² + z² = 0.25.
        let t = try PointsFile.read(path: path("t.npy"))
        for i in 0..<t.rows {
            let rho = (t[i, 0] * t[i, 0] + t[i, 1] * t[i, 1]).squareRoot()
            XCTAssertEqual((rho - 3) * (rho - 3) + t[i, 2] * t[i, 2], 0.25, accuracy: 1e-12)
        }
        // Every option `snn info --help` lists works too.
        XCTAssertEqual(try Snn.run(["info", "--all", path("t.npy")]).status, 0)
    }

    func testBothFlagSyntaxesGiveTheSameFile() throws {
        let a = try Snn.run(["sample", "torus", "-n", "300", "--seed=5", "-o=\(path("a.npy"))", "--noise", "0.01"])
        let b = try Snn.run(["sample", "-n=300", "torus", "--seed", "5", "--out", path("b.npy"), "--noise=0.01"])
        let c = try Snn.run(["sample", "torus", "-n300", "--seed", "6", "-o", path("c.npy"), "--noise", "0.01"])
        XCTAssertEqual([a.status, b.status, c.status], [0, 0, 0], a.stderr + b.stderr + c.stderr)
        let bytesA = try Data(contentsOf: URL(fileURLWithPath: path("a.npy")))
        XCTAssertEqual(bytesA, try Data(contentsOf: URL(fileURLWithPath: path("b.npy"))))
        XCTAssertNotEqual(bytesA, try Data(contentsOf: URL(fileURLWithPath: path("c.npy"))))
    }

    func testUnknownOptionSuggestsTheClosestOne() throws {
        let r = try Snn.run(["sample", "sphere", "-n", "5", "-o", path("x.npy"), "--nosie", "0.1"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "snn: error: unknown option '--nosie' for 'snn sample'; did you mean '--noise'? (see 'snn sample --help')\n")
        XCTAssertTrue(try Snn.run(["sample", "sphere", "-n", "5", "-o", path("x.npy"), "--ambiant=4"]).stderr
            .contains("did you mean '--ambient'?"))
        XCTAssertTrue(try Snn.run(["sample", "-dim", "3"]).stderr.contains("did you mean '--dim'?"))
        let far = try Snn.run(["sample", "sphere", "--zzzzzz"])
        XCTAssertEqual(far.status, 2)
        XCTAssertFalse(far.stderr.contains("did you mean"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("x.npy")))
    }

    func testMissingAndMalformedValuesAreNamed() throws {
        let cases: [([String], String)] = [
            (["sample", "sphere", "-n", "5", "-o"], "missing value for -o/--out"),
            (["sample", "sphere", "-n", "5", "-o", "--seed", "1"], "missing value for -o/--out"),
            (["sample", "sphere", "-n", "abc", "-o", path("x.npy")], "invalid value 'abc' for -n: expected a whole number"),
            (["sample", "sphere", "-n", "2.5", "-o", path("x.npy")], "invalid value '2.5' for -n"),
            (["sample", "sphere", "-n", "5", "--noise", "lots", "-o", path("x.npy")], "invalid value 'lots' for --noise"),
            (["sample", "sphere", "-n", "5", "--noise", "inf", "-o", path("x.npy")], "expected a finite number"),
            (["sample", "sphere", "-n", "0", "-o", path("x.npy")], "must be at least 1"),
            (["sample", "sphere", "-o", path("x.npy")], "missing required option -n N"),
            (["sample", "sphere", "-n", "5"], "missing required option -o/--out FILE"),
            (["sample", "-n", "5", "-o", path("x.npy")], "missing argument <manifold>"),
            (["sample", "sphere", "-n", "5", "-n", "6", "-o", path("x.npy")], "given more than once"),
            (["sample", "sphere", "extra", "-n", "5", "-o", path("x.npy")], "unexpected argument 'extra'"),
            (["sample", "sphere", "-n", "5", "-o", path("x.txt")], "must end in .npy or .csv"),
            (["sample", "sphere", "-n", "5", "--ambient", "2", "-o", path("x.npy")], "at least 3"),
            (["sample", "circle", "-n", "5", "--dim", "2", "-o", path("x.npy")], "circle always has dimension 1"),
            (["sample", "sphere", "-n", "5", "--labels", path("l.npy"), "-o", path("x.npy")], "sphere has no labels"),
            (["sample", "sphere", "-n", "5", "--clusters", "2", "-o", path("x.npy")], "--clusters applies to blobs only"),
            (["sample", "sphere", "-n", "5", "--noise", "-1", "-o", path("x.npy")], "noise = -1.0 is not valid"),
            (["sample", "torus", "-n", "5", "--radii", "3,x", "-o", path("x.npy")], "invalid value '3,x' for --radii"),
            (["sample", "torus", "-n", "5", "--radii", "3", "-o", path("x.npy")], "--radii takes two numbers"),
            (["sample", "torus", "-n", "5", "--radii", "1,2", "-o", path("x.npy")], "larger than the minor radius"),
            (["sample", "sphere", "-n", "5", "--radii", "3,1", "-o", path("x.npy")], "--radii applies to torus only"),
            (["info"], "missing argument <file>"),
            (["info", "--all=yes", path("x.npy")], "option --all takes no value"),
            (["info", path("x.bin")], "must end in .npy or .csv or .txt or .npz"),
            (["demo", "extra"], "unexpected argument 'extra'"),
            (["help", "sample", "info"], "takes one command name"),
        ]
        for (words, expected) in cases {
            let r = try Snn.run(words)
            XCTAssertEqual(r.status, 2, "\(words): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("snn: error: ") && r.stderr.contains(expected), "\(words): \(r.stderr)")
            XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, "one line: \(r.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("x.npy")))
    }

    func testUnknownCommandAndManifold() throws {
        let command = try Snn.run(["smaple", "sphere"])
        XCTAssertEqual(command.status, 2)
        XCTAssertTrue(command.stderr.contains("unknown command 'smaple'"), command.stderr)
        XCTAssertTrue(command.stderr.contains("did you mean 'sample'?"), command.stderr)
        XCTAssertEqual(try Snn.run(["--verison"]).status, 2)

        let manifold = try Snn.run(["sample", "sphre", "-n", "5", "-o", path("x.npy")])
        XCTAssertEqual(manifold.status, 2)
        XCTAssertTrue(manifold.stderr.contains("unknown manifold 'sphre'"), manifold.stderr)
        XCTAssertTrue(manifold.stderr.contains("valid: " + Manifold.names.joined(separator: ", ")), manifold.stderr)
        XCTAssertTrue(manifold.stderr.contains("did you mean 'sphere'?"), manifold.stderr)
    }

    // MARK: failures (exit code 1)

    func testFailuresExitWithOneAndOneLine() throws {
        let missing = try Snn.run(["info", path("missing.npy")])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.hasPrefix("snn: error: ") && missing.stderr.contains("no such file"), missing.stderr)
        try Data("not a numpy file".utf8).write(to: URL(fileURLWithPath: path("bad.npy")))
        let bad = try Snn.run(["info", path("bad.npy")])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("not a valid .npy file"), bad.stderr)
        let unwritable = try Snn.run(["sample", "sphere", "-n", "5", "-o", path("no/such/folder/x.npy")])
        XCTAssertEqual(unwritable.status, 1)
        XCTAssertEqual(unwritable.stderr.filter { $0 == "\n" }.count, 1)
        try Data().write(to: URL(fileURLWithPath: path("file")))
        let folder = try Snn.run(["demo", "--out", path("file/sub")])
        XCTAssertEqual(folder.status, 1)
        XCTAssertTrue(folder.stderr.contains("is a file"), folder.stderr)
    }

    // MARK: what the commands produce

    func testSampledSphereHasUnitNormRowsAndInfoShowsTheShape() throws {
        let r = try Snn.run(["sample", "sphere", "-n", "500", "-o", path("x.npy")])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("sampled 500 points from sphere S^2 in R^3"), r.stdout)
        XCTAssertTrue(r.stdout.contains("wrote \(path("x.npy")): 500 × 3 float64"), r.stdout)
        XCTAssertTrue(r.stdout.contains("done in "), r.stdout)
        let array = try NPY.read(path: path("x.npy"))
        XCTAssertEqual(array.dtype, .float64)
        let x = try array.matrix(Double.self)
        XCTAssertEqual(x.rows, 500)
        for i in 0..<x.rows { XCTAssertEqual(Vector.norm(x.row(i)), 1, accuracy: 1e-12) }
        // The CLI writes exactly what the library samples with the default seed 0.
        XCTAssertEqual(x, try Sampler.sample(.sphere, SampleOptions(n: 500)).points)

        let info = try Snn.run(["info", path("x.npy")])
        XCTAssertEqual(info.status, 0, info.stderr)
        XCTAssertTrue(info.stdout.contains("shape (500, 3), dtype float64 (<f8)"), info.stdout)
        let minimum = x.column(2).min()!
        XCTAssertTrue(info.stdout.contains(String(format: "%.6g", minimum)), info.stdout)
    }

    func testLabelsAndCSVOutput() throws {
        let r = try Snn.run(["sample", "blobs", "-n", "103", "--clusters", "4", "-o", path("b.csv"), "--labels", path("l.npy")])
        XCTAssertEqual(r.status, 0, r.stderr)
        let labels = try NPY.read(path: path("l.npy"))
        XCTAssertEqual(labels.dtype, .int64)
        XCTAssertEqual(labels.shape, [103])
        let values = try labels.int64s()
        XCTAssertEqual((0..<4).map { c in values.filter { $0 == Int64(c) }.count }, [26, 26, 26, 25])
        XCTAssertEqual(try CSV.read(path: path("b.csv")).matrix.shape.cols, 2)

        XCTAssertEqual(try Snn.run(["sample", "moons", "-n", "10", "-o", path("m.npy"), "--labels", path("m.csv")]).status, 0)
        let text = try String(contentsOfFile: path("m.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.first, "label")
        XCTAssertEqual(lines.dropFirst().filter { $0 == "1" }.count, 5)
        XCTAssertEqual(lines.dropFirst().filter { $0 == "0" }.count, 5)

        let info = try Snn.run(["info", path("b.csv")])
        XCTAssertTrue(info.stdout.contains("shape (103, 2)"), info.stdout)
    }

    func testInfoDescribesArchivesAndSciPyCSR() throws {
        // scipy.sparse.save_npz layout of the 2 × 3 matrix [[1, 0, 2], [0, 0, 3]].
        let members: [(name: String, npy: [UInt8])] = [
            ("indices", NPY.encode(NumpyArray(int32: [0, 2, 2], shape: [3]))),
            ("indptr", NPY.encode(NumpyArray(int32: [0, 2, 3], shape: [3]))),
            ("format", NPY.encodeText("csr")),
            ("shape", NPY.encode(NumpyArray(int64: [2, 3], shape: [2]))),
            ("data", NPY.encode(NumpyArray(vector: [1, 2, 3]))),
        ]
        try Data(NPZ.encodeMembers(members, compressed: true)).write(to: URL(fileURLWithPath: path("g.npz")))
        let graph = try Snn.run(["info", path("g.npz")])
        XCTAssertEqual(graph.status, 0, graph.stderr)
        XCTAssertTrue(graph.stdout.contains("5 members"), graph.stdout)
        XCTAssertTrue(graph.stdout.contains("format    text 'csr'"), graph.stdout)
        XCTAssertTrue(graph.stdout.contains("indptr    shape (3,), dtype int32 (<i4)"), graph.stdout)
        XCTAssertTrue(graph.stdout.contains("SciPy sparse CSR matrix (scipy.sparse.load_npz reads it): 2 × 3, nnz = 3"), graph.stdout)

        try NPZ.write([("values", NumpyArray(vector: [3, 2])), ("vectors", NumpyArray(Matrix<Float>(rows: 4, cols: 2)))],
                      path: path("e.npz"))
        let eig = try Snn.run(["info", path("e.npz")])
        XCTAssertTrue(eig.stdout.contains("values    shape (2,), dtype float64 (<f8)"), eig.stdout)
        XCTAssertTrue(eig.stdout.contains("vectors   shape (4, 2), dtype float32 (<f4)"), eig.stdout)
        XCTAssertFalse(eig.stdout.contains("CSR"))
    }

    func testInfoSummarizesAtMostTenColumnsAndCountsNonFiniteValues() throws {
        var wide = Matrix<Double>(rows: 3, cols: 13) { i, j in Double(10 * j + i) }
        wide[1, 0] = .nan
        try NPY.write(NumpyArray(wide), path: path("w.npy"))
        let r = try Snn.run(["info", path("w.npy")])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("(3 more columns omitted)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("(1 NaN or infinite values"), r.stdout)
        // Column 9 holds 90, 91, 92: min 90, max 92, mean 91.
        XCTAssertTrue(r.stdout.split(separator: "\n").contains { $0.split(separator: " ") == ["9", "90", "92", "91"] }, r.stdout)
        let all = try Snn.run(["info", path("w.npy"), "--all"])
        XCTAssertFalse(all.stdout.contains("omitted"), all.stdout)
        XCTAssertTrue(all.stdout.split(separator: "\n").contains { $0.split(separator: " ") == ["12", "120", "122", "121"] }, all.stdout)
    }

    /// The main job on its defaults: the SNN reaches subspace error ≤ 0.02 against the exact eigenvectors, and the
    /// report and summary are written (the report is self-contained: inline SVG, no external references).
    func testDemoRunsTheWholePipelineOnTheDefaultSphere() throws {
        let r = try Snn.run(["demo", "--out", path("demo"), "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("snn demo: 2000 points in R^3"), r.stdout)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("demo/summary.json")))) as! [String: Any]
        XCTAssertEqual(summary["points"] as? Int, 2000)
        let error = try XCTUnwrap(summary["subspace_error"] as? Double)
        XCTAssertLessThanOrEqual(error, 0.02)
        let values = try XCTUnwrap(summary["reference_eigenvalues"] as? [Double])
        XCTAssertEqual(values.count, 5)
        XCTAssertEqual(values[0], 1, accuracy: 1e-10)
        let outOfSample = try XCTUnwrap(summary["out_of_sample"] as? [[String: Any]])
        XCTAssertEqual(outOfSample.count, 2)
        let html = try String(contentsOfFile: path("demo/report.html"), encoding: .utf8)
        XCTAssertGreaterThanOrEqual(html.components(separatedBy: "<svg").count - 1, 6)
        XCTAssertFalse(html.contains("src=") || html.contains("href=\"http"))
        let (model, _) = try ModelFile.read(path: path("demo/model.safetensors"), as: Float.self)
        XCTAssertEqual(model.network.widths, [3, 128, 128, 4])
    }
}
