import Foundation
import XCTest
import SpectralNN

/// End-to-end tests of `snn landscape` on a small ε-graph written as a SciPy CSR `.npz`.
final class LandscapeCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("snn-landscape-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The ε-graph of n uniform points in [0, 1.3] × [0, 1], saved as scipy.sparse.save_npz does.
    private func writeGraph(n: Int, eps: Double, seed: UInt64, to file: String) throws -> CSRMatrix<Double> {
        var rng = SeededGenerator(seed: seed)
        let points = Matrix<Double>(rows: n, cols: 2) { _, j in j == 0 ? 1.3 * rng.uniform() : rng.uniform() }
        let g = try SimilarityGraph.epsilon(points, eps: eps)
        try GraphFile.write(g, path: file)
        return g
    }

    func testLandscapeWritesLogsFiguresAndSummary() throws {
        let graph = path("g.npz"), out = path("out")
        let g = try writeGraph(n: 120, eps: 0.3, seed: 4, to: graph)
        let result = try Snn.run(["landscape", graph, "-r", "2", "--inits", "random:2", "--saddles", "2", "--steps", "1500",
                                  "--sigma", "0,0.01", "--ball-samples", "1", "--hessian-every", "100", "-o", out])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("random starts reaching the global minimum: 2/2"), result.stdout)
        let data = try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(summary["n"] as? Int, 120)
        let random = try XCTUnwrap(summary["random_starts"] as? [String: Any])
        XCTAssertEqual(random["fraction_reaching_minimum"] as? Double, 1)
        // The eigenvalues in the summary are those of A = D^-1/2 G D^-1/2 (LAPACK on the dense matrix).
        let a = try g.normalizedAdjacency().toDense().symmetricEigen(top: 4).values
        let values = try XCTUnwrap(summary["eigenvalues"] as? [Double])
        for (x, y) in zip(values, a) { XCTAssertEqual(x, y, accuracy: 1e-9) }
        // C(4, 2) = 6 stationary points; measured (dense) index = predicted = #{(k ∈ S, j ∉ S): λ_j > λ_k}.
        let points = try XCTUnwrap(summary["stationary_points"] as? [[String: Any]])
        XCTAssertEqual(points.map { $0["subset"] as? String }, ["{1,2}", "{1,3}", "{1,4}", "{2,3}", "{2,4}", "{3,4}"])
        XCTAssertEqual(points.map { $0["predicted_index"] as? Int }, [0, 1, 2, 2, 3, 4])
        XCTAssertEqual(points.map { $0["measured_index"] as? Int }, [0, 1, 2, 2, 3, 4])
        let hessian = try XCTUnwrap(summary["hessian_at_optimum"] as? [String: Any])
        XCTAssertEqual(try XCTUnwrap(hessian["lambda_min"] as? Double), 4 * (a[1] - a[2]), accuracy: 1e-8)
        // Every saddle with σ > 0 is escaped; with σ = 0 none is (GD stays on the stationary point).
        let escapes = try XCTUnwrap(summary["escapes"] as? [[String: Any]])
        XCTAssertEqual(escapes.map { $0["sigma"] as? Double }, [0, 0.01])
        XCTAssertEqual(escapes.map { $0["escaped"] as? Int }, [0, 5])
        let ball = try XCTUnwrap(summary["ball"] as? [String: Any])
        XCTAssertNotNil(ball["largest_radius_with_positive_lambda_min"] as? Double)
        // Logs and figures.
        let csv = try String(contentsOfFile: out + "/trajectories.csv", encoding: .utf8)
        XCTAssertTrue(csv.hasPrefix("run,kind,start,step,loss,gradient_norm,relative_distance,lambda_min,hessian_step,region,step_size\n"))
        XCTAssertTrue(csv.contains(",near-optimal,"))
        for figure in ["loss", "gradient", "lambda-min", "distance", "regions", "saddle-escape"] {
            let svg = try String(contentsOfFile: out + "/\(figure).svg", encoding: .utf8)
            XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), figure)
            XCTAssertTrue(svg.hasSuffix("</svg>\n"), figure)
        }
        let stationaryCSV = try String(contentsOfFile: out + "/stationary.csv", encoding: .utf8)
        XCTAssertEqual(stationaryCSV.split(separator: "\n").count, 7)
    }

    func testLandscapeUsageErrors() throws {
        let graph = path("g.npz")
        _ = try writeGraph(n: 60, eps: 0.4, seed: 5, to: graph)
        let badInits = try Snn.run(["landscape", graph, "-r", "2", "--inits", "sobol:3"])
        XCTAssertEqual(badInits.status, 2)
        XCTAssertTrue(badInits.stderr.contains("--inits takes random:K"), badInits.stderr)
        let badStep = try Snn.run(["landscape", graph, "-r", "2", "--step-size", "fast"])
        XCTAssertEqual(badStep.status, 2)
        XCTAssertTrue(badStep.stderr.contains("--step-size takes a positive number or 'armijo'"), badStep.stderr)
        let missingR = try Snn.run(["landscape", graph])
        XCTAssertEqual(missingR.status, 2)
        let notGraph = path("x.npz")
        try NPZ.write([(name: "values", array: NumpyArray(vector: [1, 2]))], path: notGraph)
        let bad = try Snn.run(["landscape", notGraph, "-r", "2", "-o", path("o")])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("SciPy CSR"), bad.stderr)
        let help = try Snn.run(["landscape", "--help"])
        XCTAssertEqual(help.status, 0)
        for option in ["--inits", "--saddles", "--steps", "--step-size", "--sigma", "--near-distance", "--saddle-gradient", "--out"] {
            XCTAssertTrue(help.stdout.contains(option), option)
        }
    }
}
