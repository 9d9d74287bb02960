import Foundation
import XCTest

/// `snn experiment …` through the built executable on tiny settings: the files are written, summary.json parses
/// with the documented keys, and options of another experiment are refused.
final class ExperimentCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("snn-experiment-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func summary(_ folder: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent(folder).appendingPathComponent("summary.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func exists(_ folder: String, _ files: [String]) {
        for f in files {
            XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent(folder).appendingPathComponent(f).path), "\(folder)/\(f)")
        }
    }

    func testEpsilonWritesCSVFiguresAndSummary() throws {
        let out = directory.appendingPathComponent("eps").path
        let r = try Snn.run(["experiment", "epsilon", "-n", "300", "--eps-list", "0.5,0.6", "--epochs", "5", "--hidden", "8", "--out", out, "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("ratio l2/l1"), r.stdout)
        exists("eps", ["epsilon.csv", "eigenvalue_ratios.svg", "eigenvalues_scaled.svg", "snn_error_vs_eps.svg", "summary.json"])
        let s = try summary("eps")
        XCTAssertEqual(s["experiment"] as? String, "epsilon")
        let rows = try XCTUnwrap(s["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual((rows[0]["ratios"] as? [Double])?.count, 8)
        XCTAssertNotNil(s["verdict"] as? String)
        let csv = try String(contentsOfFile: out + "/epsilon.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(csv.count, 3)
        let svg = try String(contentsOfFile: out + "/eigenvalue_ratios.svg", encoding: .utf8)
        XCTAssertTrue(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"), String(svg.prefix(40)))
    }

    func testApproximationAndNeuronsOnTheCircle() throws {
        let a = try Snn.run(["experiment", "approximation", "--manifold", "circle", "-n", "150", "-r", "3", "--knn", "8", "--epochs", "30",
                             "--hidden", "16", "--ambient", "5", "--out", directory.appendingPathComponent("a").path, "--quiet"])
        XCTAssertEqual(a.status, 0, a.stderr)
        exists("a", ["history.csv", "errors.csv", "error_vs_epoch.svg", "summary.json"])
        let s = try summary("a")
        XCTAssertEqual(s["continuum_functions"] as? String, "{1, cos θ, sin θ}")
        XCTAssertEqual((s["runs"] as? [[String: Any]])?.compactMap { $0["objective"] as? String }, ["lowrank", "paper"])

        let nRun = try Snn.run(["experiment", "neurons", "--manifold", "circle", "-n", "120", "-r", "3", "--knn", "8", "--widths", "4,8",
                                "--depths", "1", "--seeds", "2", "--epochs", "10", "--out", directory.appendingPathComponent("n").path, "--quiet"])
        XCTAssertEqual(nRun.status, 0, nRun.stderr)
        exists("n", ["runs.csv", "errors_by_width.csv", "error_vs_neurons.svg", "summary.json"])
        let ns = try summary("n")
        XCTAssertEqual(ns["theoretical_slope"] as? Double, -1)
        XCTAssertEqual((ns["points"] as? [Any])?.count, 2)
    }

    func testOptionsOfAnotherExperimentAreUsageErrors() throws {
        let r = try Snn.run(["experiment", "neurons", "--eps-list", "0.3", "--out", directory.appendingPathComponent("x").path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("--eps-list applies to epsilon, not to neurons"), r.stderr)
        let both = try Snn.run(["experiment", "approximation", "--eps", "0.3", "--knn", "5"])
        XCTAssertEqual(both.status, 2)
    }
}
