import XCTest
import Foundation
import SNNData
import SNNLinalg
@testable import SNNNeural

/// Optimizer updates against their formulas, convergence on a convex quadratic, a small regression, state
/// serialization, and setting validation.
final class OptimizerTests: XCTestCase {
    /// `f(θ) = ½ Σ h_i θ_i² − Σ b_i θ_i`, minimum at `θ* = b / h`.
    private let curvature: [Double] = [1, 4, 10, 0.5]
    private let linear: [Double] = [1, -2, 3, 0.25]
    private var minimizer: [Double] { zip(linear, curvature).map { $0 / $1 } }
    private func gradient(_ p: [Double]) -> [Double] { p.indices.map { curvature[$0] * p[$0] - linear[$0] } }
    private func distance(_ p: [Double]) -> Double { Vector.norm(zip(p, minimizer).map { $0 - $1 }) }

    private func run<O: Optimizer>(_ optimizer: inout O, steps: Int, scheduler: LearningRateScheduler) -> [Double] where O.Scalar == Double {
        var p = [Double](repeating: 0, count: 4)
        for t in 0..<steps {
            optimizer.step(parameters: &p, gradient: gradient(p), learningRate: scheduler.learningRate(epoch: t))
        }
        return p
    }

    func testSGDVariantsConvergeOnConvexQuadratic() throws {
        let constant = try LearningRateScheduler(baseLearningRate: 0.05)
        var plain = try SGD<Double>()
        var heavyBall = try SGD<Double>(momentum: 0.9)
        var nesterov = try SGD<Double>(momentum: 0.9, nesterov: true)
        XCTAssertLessThan(distance(run(&plain, steps: 600, scheduler: constant)), 1e-6)
        XCTAssertLessThan(distance(run(&heavyBall, steps: 600, scheduler: constant)), 1e-6)
        XCTAssertLessThan(distance(run(&nesterov, steps: 600, scheduler: constant)), 1e-6)
        XCTAssertEqual(heavyBall.velocity.count, 4)
    }

    func testAdamConvergesOnConvexQuadratic() throws {
        let cosine = try LearningRateScheduler(baseLearningRate: 0.1, schedule: .cosine(total: 3000, floor: 0))
        var adam = try Adam<Double>()
        XCTAssertLessThan(distance(run(&adam, steps: 3000, scheduler: cosine)), 1e-4)
        XCTAssertEqual(adam.stepCount, 3000)
    }

    func testSGDStepsMatchPyTorchFormulas() throws {
        var sgd = try SGD<Double>(momentum: 0.5, weightDecay: 0.1)
        var p = [1.0, -2.0]
        sgd.step(parameters: &p, gradient: [0.3, 0.4], learningRate: 0.1)
        // d = g + λp = [0.4, 0.2]; v = d; p ← p − 0.1 v
        XCTAssertEqual(p[0], 0.96, accuracy: 1e-15); XCTAssertEqual(p[1], -2.02, accuracy: 1e-15)
        sgd.step(parameters: &p, gradient: [0.3, 0.4], learningRate: 0.1)
        // d = [0.396, 0.198]; v = 0.5 [0.4, 0.2] + d = [0.596, 0.298]
        XCTAssertEqual(sgd.velocity[0], 0.596, accuracy: 1e-15)
        XCTAssertEqual(p[0], 0.96 - 0.0596, accuracy: 1e-15); XCTAssertEqual(p[1], -2.02 - 0.0298, accuracy: 1e-15)

        var nesterov = try SGD<Double>(momentum: 0.5, nesterov: true)
        var q = [1.0]
        nesterov.step(parameters: &q, gradient: [2], learningRate: 0.1)   // v = 2, d = 2 + 0.5·2 = 3
        XCTAssertEqual(q[0], 0.7, accuracy: 1e-15)
    }

    func testAdamAndAdamWStepsMatchFormulas() throws {
        var adam = try Adam<Double>(weightDecay: 0.5)
        var p = [2.0, -1.0]
        adam.step(parameters: &p, gradient: [0.1, 0.5], learningRate: 0.01)
        // g' = g + λp = [1.1, 0.0]; the first bias-corrected step is −lr g'/(|g'| + ε)
        XCTAssertEqual(p[0], 2 - 0.01 * 1.1 / (1.1 + 1e-8), accuracy: 1e-15)
        XCTAssertEqual(p[1], -1.0, accuracy: 1e-15)
        XCTAssertEqual(adam.stepCount, 1)

        var adamW = try Adam<Double>(weightDecay: 0.5, decoupledWeightDecay: true)
        var w = [2.0, -1.0]
        adamW.step(parameters: &w, gradient: [0.1, -0.5], learningRate: 0.01)
        XCTAssertEqual(w[0], 2 * (1 - 0.005) - 0.01 * 0.1 / (0.1 + 1e-8), accuracy: 1e-15)
        XCTAssertEqual(w[1], -1 * (1 - 0.005) + 0.01 * 0.5 / (0.5 + 1e-8), accuracy: 1e-15)
        // Second step with the closed form of the moments.
        let before = w
        adamW.step(parameters: &w, gradient: [0.3, -0.5], learningRate: 0.01)
        let m = 0.9 * 0.1 * 0.1 + 0.1 * 0.3, v = 0.999 * 0.001 * 0.01 + 0.001 * 0.09
        let mHat = m / (1 - 0.81), vHat = v / (1 - 0.999 * 0.999)
        XCTAssertEqual(w[0], before[0] * (1 - 0.005) - 0.01 * mHat / (vHat.squareRoot() + 1e-8), accuracy: 1e-14)
    }

    func testAdamTrainsASmallRegressionNetwork() throws {
        var rng = SeededGenerator(seed: 3)
        var net = MLP<Double>(widths: [1, 32, 32, 1], activation: .tanh, initialization: .glorot, using: &rng)
        let n = 128
        let x = Matrix<Double>(rows: n, cols: 1) { i, _ in -Double.pi + 2 * Double.pi * Double(i) / Double(n - 1) }
        let target = Matrix<Double>(rows: n, cols: 1) { i, _ in Foundation.sin(x[i, 0]) }
        var adam = try Adam<Double>()
        var cache = MLPCache<Double>()
        var gradient = MLPGradient<Double>(widths: net.widths)
        var parameters = net.parameters
        var mse = Double.infinity
        for _ in 0..<1500 {
            let y = net.forward(x, cache: &cache)
            var residual = y - target
            mse = Vector.dot(residual.storage, residual.storage) / Double(n)
            residual.scale(by: 2 / Double(n))              // ∂MSE/∂Y
            net.backward(residual, cache: &cache, into: &gradient)
            adam.step(parameters: &parameters, gradient: gradient.flat, learningRate: 0.01)
            net.parameters = parameters
        }
        XCTAssertLessThan(mse, 1e-2)
        let test = Matrix<Double>(rows: 5, cols: 1, storage: [-2.5, -1, 0.3, 1.7, 2.9])
        let prediction = net.forward(test)
        for i in 0..<5 { XCTAssertEqual(prediction[i, 0], Foundation.sin(test[i, 0]), accuracy: 0.25) }
    }

    func testSerializedStateResumesExactly() throws {
        for optimizer in [AnyOptimizer<Float>.adam(try Adam(decoupledWeightDecay: true)),
                          .sgd(try SGD(momentum: 0.9, nesterov: true))] {
            var a = optimizer
            var p: [Float] = [0.5, -1, 2]
            let g: ([Float]) -> [Float] = { q in q.map { 3 * $0 - 1 } }
            for _ in 0..<5 { a.step(parameters: &p, gradient: g(p), learningRate: 0.01) }
            var b = try JSONDecoder().decode(AnyOptimizer<Float>.self, from: JSONEncoder().encode(a))
            var pa = p, pb = p
            for _ in 0..<5 {
                a.step(parameters: &pa, gradient: g(pa), learningRate: 0.01)
                b.step(parameters: &pb, gradient: g(pb), learningRate: 0.01)
            }
            XCTAssertEqual(pa.map(\.bitPattern), pb.map(\.bitPattern))
            a.reset()
            if case let .adam(adam) = a { XCTAssertEqual(adam.stepCount, 0); XCTAssertTrue(adam.firstMoment.isEmpty) }
            if case let .sgd(sgd) = a { XCTAssertTrue(sgd.velocity.isEmpty) }
        }
    }

    func testInvalidSettingsThrowReadableErrors() {
        XCTAssertThrowsError(try SGD<Float>(momentum: 1.2))
        XCTAssertThrowsError(try SGD<Float>(nesterov: true)) { XCTAssertTrue("\($0)".contains("Nesterov"), "\($0)") }
        XCTAssertThrowsError(try SGD<Float>(weightDecay: -1))
        XCTAssertThrowsError(try Adam<Float>(beta1: 1))
        XCTAssertThrowsError(try Adam<Float>(beta2: -0.1))
        XCTAssertThrowsError(try Adam<Float>(epsilon: 0))
        XCTAssertThrowsError(try validateLearningRate(-1e-3)) { error in
            XCTAssertEqual("\(error)", "invalid learning rate -0.001: it must be a positive finite number such as 1e-3 (--lr)")
        }
        XCTAssertThrowsError(try validateLearningRate(.nan))
        XCTAssertNoThrow(try validateLearningRate(1e-3))
    }
}
