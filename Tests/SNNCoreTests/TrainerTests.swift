import XCTest
import Foundation
import SNNLinalg
import SNNData
import SNNGraph
import SNNNeural
@testable import SNNCore

final class TrainerTests: XCTestCase {
    /// Uniform points on S² and their ε-graph (indicator kernel, self-loops, as in the paper).
    private func sphereProblem(n: Int, eps: Double, r: Int, seed: UInt64) throws -> TrainingProblem {
        var rng = SeededGenerator(seed: seed)
        let x = Matrix<Double>(rows: n, cols: 3) { _, _ in rng.normal() }
        var points = x
        for i in 0..<n {
            let norm = (0..<3).reduce(0.0) { $0 + x[i, $1] * x[i, $1] }.squareRoot()
            for j in 0..<3 { points[i, j] = x[i, j] / norm }
        }
        let graph = try SimilarityGraph.epsilon(points, eps: eps)
        var problem = try TrainingProblem(points: points, graph: graph, rank: r,
                                          degreeRule: .epsilon(eps: eps, kernel: .indicator, selfLoops: true),
                                          graphDescription: "eps=\(eps)")
        let eigen = try problem.adjacency.toDense().symmetricEigen(top: r)
        problem.reference = (eigen.values, eigen.vectors)
        return problem
    }

    /// The default objective trains a ReLU net whose eigenvectors match LAPACK's to subspace error < 0.02.
    func testTrainedNetworkRecoversTopEigenvectorsOnSphere() throws {
        let problem = try sphereProblem(n: 800, eps: 0.6, r: 4, seed: 3)
        var c = TrainingConfiguration()
        c.hidden = [64, 64]; c.epochs = 1500; c.learningRate = 3e-3; c.evaluateEvery = 100; c.seed = 1
        c.targetError = 0.01
        var trainer = try Trainer<Float>(problem: problem, configuration: c)
        _ = try trainer.run()
        let y = trainer.trainingOutputs()
        let error = try Subspace.subspaceError(y, problem.reference!.vectors)
        XCTAssertLessThan(error, 0.02)
        // Eigen recovery: Û = Y V Σ^{-1/2} has orthonormal columns and λ̂ close to the true eigenvalues.
        let model = trainer.model
        let u = model.recovery!.applied(to: y)
        XCTAssertLessThan(u.gram().maxAbsDifference(.identity(4)), 1e-6)
        for k in 0..<4 { XCTAssertEqual(model.recovery!.sigma[k], problem.reference!.values[k], accuracy: 0.05) }
        // Rayleigh–Ritz with A brings the eigenvalues much closer.
        let ritz = try RayleighRitz.refine(y, matrix: problem.adjacency)
        for k in 0..<4 { XCTAssertEqual(ritz.values[k], problem.reference!.values[k], accuracy: 2e-3) }
    }

    /// Save → load → embed gives identical numbers; new points get degree estimates.
    func testModelFileRoundTripEmbedsIdentically() throws {
        let problem = try sphereProblem(n: 300, eps: 0.6, r: 3, seed: 4)
        var c = TrainingConfiguration()
        c.hidden = [16]; c.epochs = 30; c.seed = 2
        var trainer = try Trainer<Float>(problem: problem, configuration: c)
        _ = try trainer.run()
        let path = NSTemporaryDirectory() + "snn-model-\(UUID().uuidString).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelFile.write(trainer.model, metadata: ["graph": problem.graphDescription], path: path)
        let (loaded, metadata) = try ModelFile.read(path: path, as: Float.self)
        XCTAssertEqual(metadata["graph"], "eps=0.6")
        var rng = SeededGenerator(seed: 9)
        let fresh = Matrix<Double>(rows: 50, cols: 3) { _, _ in rng.normal() }
        XCTAssertEqual(try loaded.embed(fresh), try trainer.model.embed(fresh))
        XCTAssertEqual(loaded.network, trainer.model.network)
        // A truncated file is a clear error.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try ModelFile.read(path: path, as: Float.self)) { XCTAssertTrue("\($0)".contains(path)) }
    }

    /// A run interrupted at a checkpoint and resumed ends with exactly the weights of an uninterrupted run,
    /// in full batch and in minibatch (which draws from the generator).
    func testResumeEqualsUninterruptedRun() throws {
        let problem = try sphereProblem(n: 200, eps: 0.7, r: 3, seed: 5)
        for batch in [nil, 32] as [Int?] {
            for objective in [ObjectiveKind.lowrank, .paper] {
                var c = TrainingConfiguration()
                c.hidden = [12, 12]; c.epochs = 12; c.batchSize = batch; c.objective = objective; c.seed = 7
                c.evaluateEvery = 5
                var straight = try Trainer<Float>(problem: problem, configuration: c)
                _ = try straight.run()

                let path = NSTemporaryDirectory() + "snn-ckpt-\(UUID().uuidString).safetensors"
                defer { try? FileManager.default.removeItem(atPath: path) }
                var first = c
                first.epochs = 7; first.checkpointEvery = 7
                var interrupted = try Trainer<Float>(problem: problem, configuration: first)
                _ = try interrupted.run(onCheckpoint: { try TrainingCheckpoint.write($0, path: path) })
                var resumed = try Trainer<Float>(problem: problem, configuration: c)
                try TrainingCheckpoint.restore(&resumed, path: path)
                XCTAssertEqual(resumed.epoch, 7)
                _ = try resumed.run()
                XCTAssertEqual(resumed.model.network.parameters, straight.model.network.parameters, "batch \(String(describing: batch)) \(objective)")

                var other = c
                other.learningRate = 5e-3
                var mismatched = try Trainer<Float>(problem: problem, configuration: other)
                XCTAssertThrowsError(try TrainingCheckpoint.restore(&mismatched, path: path)) {
                    XCTAssertTrue("\($0)".contains("different settings"))
                }
            }
        }
    }

    func testInvalidSettingsNameTheFlag() throws {
        let problem = try sphereProblem(n: 100, eps: 0.8, r: 2, seed: 6)
        var c = TrainingConfiguration()
        c.learningRate = -1
        XCTAssertThrowsError(try Trainer<Float>(problem: problem, configuration: c)) { XCTAssertTrue("\($0)".contains("--lr")) }
        c = TrainingConfiguration(); c.epochs = 0
        XCTAssertThrowsError(try Trainer<Float>(problem: problem, configuration: c)) { XCTAssertTrue("\($0)".contains("--epochs")) }
        c = TrainingConfiguration(); c.hidden = [0]
        XCTAssertThrowsError(try Trainer<Float>(problem: problem, configuration: c)) { XCTAssertTrue("\($0)".contains("--hidden")) }
    }

    func testDivergenceIsReportedWithAdvice() throws {
        let problem = try sphereProblem(n: 100, eps: 0.8, r: 2, seed: 6)
        var c = TrainingConfiguration()
        c.optimizer = .sgd; c.momentum = 0; c.learningRate = 1e6; c.epochs = 50; c.objective = .paper
        var trainer = try Trainer<Double>(problem: problem, configuration: c)
        XCTAssertThrowsError(try trainer.run()) { XCTAssertTrue("\($0)".contains("lower the learning rate")) }
    }
}
