import XCTest
import SNNLinalg
import SNNData
import SNNGraph
@testable import SNNCore

/// Landscape diagnostics against analytic references: the horizontal projection's defining properties,
/// finite differences of the gradient, the closed-form Hessian spectrum at every `Y_S`, and convergence of
/// gradient descent to `Y*`.
final class LandscapeTests: XCTestCase {
    /// A dense random symmetric matrix as CSR.
    private func randomSymmetric(_ n: Int, seed: UInt64) -> CSRMatrix<Double> {
        var rng = SeededGenerator(seed: seed)
        var m = Matrix<Double>(rows: n, cols: n)
        for i in 0..<n { for j in i..<n { let v = rng.normal() / Double(n).squareRoot(); m[i, j] = v; m[j, i] = v } }
        return CSRMatrix(dense: m)
    }

    private func randomMatrix(_ n: Int, _ r: Int, seed: UInt64) -> Matrix<Double> {
        var rng = SeededGenerator(seed: seed)
        return Matrix(rows: n, cols: r) { _, _ in rng.normal() }
    }

    /// Normalized adjacency of the ε-graph of n uniform points in the rectangle [0, 1.3] × [0, 1] (distinct
    /// Neumann eigenvalues, so the top eigenvalues of A are separated).
    private func rectangleAdjacency(n: Int, eps: Double, seed: UInt64) throws -> CSRMatrix<Double> {
        var rng = SeededGenerator(seed: seed)
        let points = Matrix<Double>(rows: n, cols: 2) { _, j in j == 0 ? 1.3 * rng.uniform() : rng.uniform() }
        return try SimilarityGraph.epsilon(points, eps: eps).normalizedAdjacency()
    }

    private func frobeniusInner(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double { Vector.dot(a.storage, b.storage) }

    // MARK: geometry

    func testProjectionIsHorizontalIdempotentAndOrthogonal() throws {
        let y = randomMatrix(40, 4, seed: 1), xi = randomMatrix(40, 4, seed: 2)
        let projector = try HorizontalProjector(at: y)
        let h = projector.project(xi)
        XCTAssertGreaterThan(projector.verticalDefect(xi), 1e-2)
        XCTAssertLessThan(projector.verticalDefect(h), 1e-13)
        XCTAssertLessThan(projector.project(h).maxAbsDifference(h), 1e-12)
        // ξ − ξ_h = YΩ with Ω skew, orthogonal to every horizontal vector and to ξ_h.
        let omega = projector.verticalGenerator(xi)
        XCTAssertLessThan((omega + omega.transposed()).frobeniusNorm, 1e-14)
        let vertical = Matrix.multiply(y, omega)
        XCTAssertLessThan((xi - h - vertical).frobeniusNorm, 1e-12)
        XCTAssertEqual(frobeniusInner(h, vertical), 0, accuracy: 1e-11 * xi.frobeniusNorm * xi.frobeniusNorm)
        // A vertical vector YΩ' projects to zero.
        var skew = Matrix<Double>(rows: 4, cols: 4)
        skew[0, 2] = 1.5; skew[2, 0] = -1.5; skew[1, 3] = -0.7; skew[3, 1] = 0.7
        XCTAssertLessThan(projector.project(Matrix.multiply(y, skew)).frobeniusNorm, 1e-12)
    }

    func testEuclideanGradientIsHorizontal() throws {
        let a = randomSymmetric(30, seed: 3)
        let y = randomMatrix(30, 3, seed: 4)
        let gradient = SpectralObjective(matrix: a).lossAndGradient(y).gradient
        XCTAssertLessThan(try HorizontalProjector(at: y).verticalDefect(gradient), 1e-14)
    }

    func testRankDeficientPointIsRejected() {
        var y = randomMatrix(10, 3, seed: 5)
        for i in 0..<10 { y[i, 2] = 2 * y[i, 0] }
        XCTAssertThrowsError(try HorizontalProjector(at: y)) { error in
            guard case LinalgError.rankDeficient = error else { return XCTFail("\(error)") }
        }
    }

    /// d(Y, Y*)² = ‖Y‖² + ‖Y*‖² − 2‖Y*ᵀY‖_* (nuclear norm), invariant under Y ↦ YQ, zero on the orbit of Y*.
    func testQuotientDistanceMatchesNuclearNormFormula() throws {
        let target = randomMatrix(25, 3, seed: 6), y = randomMatrix(25, 3, seed: 7)
        let d = try QuotientDistance(from: y, to: target)
        let nuclear = try Matrix.multiply(target, y, transposeA: true).svd().singularValues.reduce(0, +)
        let expected = (y.frobeniusNorm * y.frobeniusNorm + target.frobeniusNorm * target.frobeniusNorm - 2 * nuclear).squareRoot()
        XCTAssertEqual(d.distance, expected, accuracy: 1e-12 * expected)
        XCTAssertLessThan((Matrix.multiply(d.rotation, d.rotation, transposeA: true) - .identity(3)).frobeniusNorm, 1e-13)
        let q = try randomMatrix(3, 3, seed: 8).qr().q
        XCTAssertEqual(try QuotientDistance(from: Matrix.multiply(y, q), to: target).distance, d.distance, accuracy: 1e-12)
        XCTAssertLessThan(try QuotientDistance(from: Matrix.multiply(target, q), to: target).distance, 1e-12)
    }

    // MARK: Hessian

    func testHessianVectorProductMatchesFiniteDifferences() throws {
        let a = randomSymmetric(30, seed: 9)
        let objective = SpectralObjective(matrix: a)
        let y = randomMatrix(30, 3, seed: 10), xi = randomMatrix(30, 3, seed: 11)
        let hessian = try RiemannianHessian(objective: objective, at: y)
        let exact = hessian.euclideanProduct(xi)
        let h = 1e-5
        var plus = y, minus = y
        plus.add(xi, scaledBy: h); minus.add(xi, scaledBy: -h)
        var numeric = objective.lossAndGradient(plus).gradient
        numeric.add(objective.lossAndGradient(minus).gradient, scaledBy: -1)
        numeric.scale(by: 1 / (2 * h))
        XCTAssertLessThan((numeric - exact).frobeniusNorm / exact.frobeniusNorm, 1e-6)
        // The quadratic form 2‖Yξᵀ + ξYᵀ‖² + 4⟨YYᵀ − A, ξξᵀ⟩ (dense) equals ⟨ξ, ∇²ℓ[ξ]⟩.
        let yxT = Matrix.multiply(y, xi, transposeB: true)
        let sym = yxT + yxT.transposed()
        let residual = Matrix.multiply(y, y, transposeB: true) - a.toDense()
        let form = 2 * frobeniusInner(sym, sym) + 4 * frobeniusInner(residual, Matrix.multiply(xi, xi, transposeB: true))
        XCTAssertEqual(hessian.quadraticForm(xi), form, accuracy: 1e-10 * abs(form))
        XCTAssertEqual(frobeniusInner(xi, exact), form, accuracy: 1e-10 * abs(form))
        // The Riemannian product is horizontal and symmetric on R^{n×r}.
        let eta = randomMatrix(30, 3, seed: 12)
        XCTAssertLessThan(hessian.projector.verticalDefect(hessian.product(xi)), 1e-13)
        XCTAssertEqual(frobeniusInner(eta, hessian.product(xi)), frobeniusInner(xi, hessian.product(eta)),
                       accuracy: 1e-11 * xi.frobeniusNorm * eta.frobeniusNorm * hessian.spectralBound)
    }

    /// At every Y_S the dense spectrum on H_Y is {4(λ_k − λ_j) : k ∈ S, j ∉ S} ∪ {4(λ_k + λ_l) : k ≤ l ∈ S}:
    /// positive definite at Y* (λ_r > λ_{r+1}), a negative direction at every other Y_S.
    func testDenseSpectrumAtEveryStationaryPointMatchesTheory() throws {
        let n = 24, r = 3
        let a = randomSymmetric(n, seed: 13)
        let objective = SpectralObjective(matrix: a)
        let eigen = try a.toDense().symmetricEigen()
        let positive = eigen.values.filter { $0 > 0 }.count
        XCTAssertGreaterThanOrEqual(positive, 5)
        for subset in StationaryPoints.subsets(of: 5, size: r) {
            let y = StationaryPoints.point(subset: subset, values: eigen.values, vectors: eigen.vectors)
            XCTAssertLessThan(objective.lossAndGradient(y).gradient.frobeniusNorm, 1e-12, "\(subset)")
            let hessian = try RiemannianHessian(objective: objective, at: y)
            let measured = try hessian.denseSpectrum()
            let predicted = StationaryPoints.predictedSpectrum(subset: subset, values: eigen.values)
            XCTAssertEqual(measured.count, n * r - r * (r - 1) / 2)
            XCTAssertEqual(measured.count, predicted.count)
            for (m, p) in zip(measured, predicted) { XCTAssertEqual(m, p, accuracy: 1e-10, "\(subset)") }
            let index = StationaryPoints.predictedIndex(subset: subset, values: eigen.values)
            if subset == [0, 1, 2] {
                XCTAssertEqual(index, 0)
                XCTAssertEqual(measured[0], 4 * (eigen.values[2] - eigen.values[3]), accuracy: 1e-10)
                XCTAssertGreaterThan(measured[0], 0)
            } else {
                XCTAssertGreaterThan(index, 0, "\(subset)")
                XCTAssertLessThan(measured[0], 0, "\(subset)")
            }
            XCTAssertEqual(measured.filter { $0 < -1e-9 }.count, index, "\(subset)")
        }
    }

    /// On a 200-point graph: the enumerated indices (dense, exact) equal the predicted count for every S in the
    /// top r + p, the Lanczos counts agree, and Lanczos finds λ_min(Y*) = 4(λ_r − λ_{r+1}) and λ_max = 8λ₁.
    func testEnumeratedIndicesOnGraphMatchDenseAndLanczos() throws {
        let a = try rectangleAdjacency(n: 200, eps: 0.2, seed: 14)
        let objective = SpectralObjective(matrix: a)
        let r = 3, p = 2
        let eigen = try a.toDense().symmetricEigen(top: r + p + 1)
        let dense = try StationaryPoints.enumerate(objective: objective, values: eigen.values, vectors: eigen.vectors,
                                                   rank: r, extra: p, measurement: .dense)
        let lanczos = try StationaryPoints.enumerate(objective: objective, values: eigen.values, vectors: eigen.vectors,
                                                     rank: r, extra: p, measurement: .lanczos(probe: 4))
        XCTAssertEqual(dense.count, 10)
        for (d, l) in zip(dense, lanczos) {
            XCTAssertLessThan(d.gradientNorm, 1e-10, d.label)
            XCTAssertEqual(d.measuredIndex, d.predictedIndex, d.label)
            XCTAssertEqual(l.measuredIndex, d.measuredIndex, d.label)
            XCTAssertFalse(l.indexIsLowerBound, d.label)
            XCTAssertEqual(l.smallestEigenvalues[0], d.smallestEigenvalues[0], accuracy: 1e-7, d.label)
            XCTAssertEqual(d.isGlobalMinimum, d.predictedIndex == 0, d.label)
        }
        XCTAssertEqual(dense.map(\.predictedIndex), [0, 1, 2, 2, 3, 4, 3, 4, 5, 6])
        let hessian = try RiemannianHessian(objective: objective, at: dense[0].point)
        let low = try hessian.extremeEigenvalues(count: 1, end: .smallest)[0]
        XCTAssertEqual(low, 4 * (eigen.values[r - 1] - eigen.values[r]), accuracy: 1e-7)
        let high = try hessian.extremeEigenvalues(count: 1, end: .largest)[0]
        XCTAssertEqual(high, 8 * eigen.values[0], accuracy: 1e-7)
    }

    // MARK: dynamics

    /// The exact quartic Δ(h) = ℓ(Y − hG) − ℓ(Y) of the Armijo search equals the loss difference.
    func testLineQuarticEqualsLossDifference() {
        let a = randomSymmetric(30, seed: 21)
        let objective = SpectralObjective(matrix: a)
        let y = randomMatrix(30, 3, seed: 22)
        let (loss, g) = objective.lossAndGradient(y)
        let line = LineQuartic(objective: objective, y: y, gradient: g, gradientNormSquared: Vector.dot(g.storage, g.storage))
        for h in [1e-4, 1e-2, 0.1, 0.7] {
            var next = y
            next.add(g, scaledBy: -h)
            let difference = objective.loss(next) - loss
            XCTAssertEqual(line.change(h), difference, accuracy: 1e-9 * max(1, abs(difference)), "h = \(h)")
        }
    }

    func testRegionThresholds() {
        let t = RegionThresholds(nearOptimalDistance: 0.1, nearSaddleGradient: 0.02)
        XCTAssertEqual(t.classify(relativeDistance: 0.05, gradientNorm: 1, lambdaMin: 0.1), .nearOptimal)
        XCTAssertEqual(t.classify(relativeDistance: 0.05, gradientNorm: 0.01, lambdaMin: -0.1), .nearSaddle)
        XCTAssertEqual(t.classify(relativeDistance: 0.5, gradientNorm: 0.01, lambdaMin: 0.1), .largeGradient)
        XCTAssertEqual(t.classify(relativeDistance: 0.5, gradientNorm: 0.5, lambdaMin: -0.1), .largeGradient)
    }

    /// From a small random start, Armijo gradient descent passes the saddle at 0 and reaches Y* (relative
    /// distance ≤ 1e-3), with a monotone loss; a fixed step from near Y* converges too.
    func testGradientDescentReachesGlobalMinimum() throws {
        let a = try rectangleAdjacency(n: 200, eps: 0.3, seed: 15)
        let objective = SpectralObjective(matrix: a)
        let eigen = try a.toDense().symmetricEigen(top: 4)
        let probe = try LandscapeProbe(objective: objective, values: eigen.values, vectors: eigen.vectors, rank: 3)
        var settings = DescentSettings()
        settings.steps = 3000; settings.hessianEvery = 500; settings.gradientTolerance = 1e-6
        var start = randomMatrix(200, 3, seed: 16)
        start.scale(by: 0.01 * probe.optimumNorm / start.frobeniusNorm)
        let run = try AmbientGradientDescent.run(from: start, probe: probe, settings: settings)
        XCTAssertTrue(run.reachedMinimum, "final distance \(run.samples.last!.relativeDistance)")
        XCTAssertEqual(run.samples.first!.region, .nearSaddle)
        XCTAssertEqual(run.samples.last!.region, .nearOptimal)
        XCTAssertEqual(run.samples.last!.loss, probe.optimalLoss, accuracy: 1e-10 * max(1, probe.optimalLoss))
        for (s, t) in zip(run.samples, run.samples.dropFirst()) { XCTAssertLessThanOrEqual(t.loss, s.loss + 1e-12) }

        settings.stepRule = .fixed(0.05)
        var near = probe.optimum
        near.add(randomMatrix(200, 3, seed: 17), scaledBy: 0.002)
        let local = try AmbientGradientDescent.run(from: near, probe: probe, settings: settings)
        XCTAssertTrue(local.reachedMinimum)
        XCTAssertGreaterThan(local.samples.first!.lambdaMin, 0)
    }

    /// A saddle Y_S perturbed by σZ is escaped (the loss falls halfway to ℓ(Y*)), and without a perturbation
    /// gradient descent stays on the saddle.
    func testPerturbedSaddleIsEscaped() throws {
        let a = try rectangleAdjacency(n: 200, eps: 0.2, seed: 18)
        let objective = SpectralObjective(matrix: a)
        let eigen = try a.toDense().symmetricEigen(top: 4)
        let probe = try LandscapeProbe(objective: objective, values: eigen.values, vectors: eigen.vectors, rank: 3)
        let saddle = StationaryPoints.point(subset: [0, 1, 3], values: eigen.values, vectors: eigen.vectors)
        let saddleLoss = objective.loss(saddle)
        let level = saddleLoss - 0.5 * (saddleLoss - probe.optimalLoss)
        var settings = DescentSettings()
        settings.steps = 3000; settings.hessianEvery = 1000
        var perturbed = saddle
        perturbed.add(randomMatrix(200, 3, seed: 19), scaledBy: 1e-3)
        let run = try AmbientGradientDescent.run(from: perturbed, probe: probe, settings: settings)
        XCTAssertNotNil(run.firstStep(lossAtMost: level))
        XCTAssertTrue(run.reachedMinimum)
        XCTAssertLessThan(run.samples[0].lambdaMin, 0)
        settings.steps = 50
        let stuck = try AmbientGradientDescent.run(from: saddle, probe: probe, settings: settings)
        XCTAssertNil(stuck.firstStep(lossAtMost: level))
    }

    // MARK: the network's view

    /// The log along SNN training holds the start, every `every` epochs and the end, and each entry is the
    /// landscape measured at that epoch's outputs Y_θ (checked at the end against the generic objective).
    func testNetworkLandscapeLogFollowsTraining() throws {
        var rng = SeededGenerator(seed: 20)
        let points = Matrix<Double>(rows: 150, cols: 2) { _, j in j == 0 ? 1.3 * rng.uniform() : rng.uniform() }
        let graph = try SimilarityGraph.epsilon(points, eps: 0.3)
        let problem = try TrainingProblem(points: points, graph: graph, rank: 3,
                                          degreeRule: .epsilon(eps: 0.3, kernel: .indicator, selfLoops: true),
                                          graphDescription: "eps=0.3")
        let eigen = try problem.adjacency.toDense().symmetricEigen(top: 4)
        let objective = SpectralObjective(matrix: problem.adjacency)
        let probe = try LandscapeProbe(objective: objective, values: eigen.values, vectors: eigen.vectors, rank: 3)
        var c = TrainingConfiguration()
        c.hidden = [16]; c.epochs = 25; c.evaluateEvery = 10; c.seed = 2; c.learningRate = 1e-2
        var trainer = try Trainer<Double>(problem: problem, configuration: NetworkLandscapeLog.configuration(forLogging: c, every: 10))
        var seen: [Int] = []
        let (reason, entries) = try NetworkLandscapeLog.run(&trainer, probe: probe) { seen.append($0.epoch) }
        XCTAssertEqual(reason, .epochs)
        XCTAssertEqual(entries.map(\.epoch), [0, 10, 20, 25])
        XCTAssertEqual(seen, [0, 10, 20, 25])
        let y = trainer.trainingOutputs()
        let last = entries.last!.sample
        XCTAssertEqual(last.loss, objective.loss(y), accuracy: 1e-10 * objective.loss(y))
        XCTAssertEqual(last.gradientNorm, objective.lossAndGradient(y).gradient.frobeniusNorm, accuracy: 1e-10)
        XCTAssertEqual(last.relativeDistance, try QuotientDistance(from: y, to: probe.optimum).distance / probe.optimumNorm,
                       accuracy: 1e-12)
        XCTAssertLessThan(entries.last!.sample.loss, entries.first!.sample.loss)
    }
}
