import XCTest
import Foundation
import SNNLinalg
import SNNData
import SNNGraph
import SNNCore
@testable import SNNEval

/// The experiments' building blocks against exact answers (power-law fit, continuum functions, span errors,
/// the S² level ratio 3 − ε²/2) and the three experiments on tiny settings (result structure, sane numbers).
final class ExperimentTests: XCTestCase {
    func testPowerLawFitRecoversAnExactPowerLaw() throws {
        let x = [8.0, 16, 32, 64, 128, 256]
        let fit = try XCTUnwrap(PowerLawFit(x: x, y: x.map { 3 * pow($0, -0.5) }))
        XCTAssertEqual(fit.slope, -0.5, accuracy: 1e-12)
        XCTAssertEqual(fit.intercept, log10(3), accuracy: 1e-12)
        XCTAssertEqual(fit.rSquared, 1, accuracy: 1e-12)
        XCTAssertEqual(fit.value(at: 100), 0.3, accuracy: 1e-12)
        // Non-positive points are dropped; fewer than two points or a single x give no fit.
        XCTAssertEqual(PowerLawFit(x: [1, 10, 100], y: [0, 1, 0.1])?.slope ?? 0, -1, accuracy: 1e-12)
        XCTAssertNil(PowerLawFit(x: [1, 2], y: [1, -1]))
        XCTAssertNil(PowerLawFit(x: [2, 2], y: [1, 3]))
    }

    func testContinuumBasisOnSphereCircleAndFlatTorus() throws {
        let sphere = try Sampler.sample(.sphere, SampleOptions(n: 50, seed: 1))
        let b = try XCTUnwrap(ContinuumBasis(.sphere, native: sphere, r: 4))
        XCTAssertEqual(b.name, "{1, x, y, z}")
        XCTAssertEqual(b.values[7, 0], 1)
        XCTAssertEqual(b.values[7, 3], sphere.points[7, 2])
        XCTAssertEqual(try XCTUnwrap(ContinuumBasis(.sphere, native: sphere, r: 9)).values[4, 8],
                       sphere.points[4, 2] * sphere.points[4, 2] - sphere.points[4, 0] * sphere.points[4, 0], accuracy: 1e-15)
        XCTAssertNil(ContinuumBasis(.sphere, native: sphere, r: 3), "r = 3 splits the l = 1 level")
        let circle = try Sampler.sample(.circle, SampleOptions(n: 30, seed: 2))
        let c = try XCTUnwrap(ContinuumBasis(.circle, native: circle, r: 5))
        let theta = circle.parameters![3, 0]
        XCTAssertEqual(c.values[3, 1], circle.points[3, 0], accuracy: 1e-15)
        XCTAssertEqual(c.values[3, 3], cos(2 * theta), accuracy: 1e-15)
        XCTAssertNil(ContinuumBasis(.circle, native: circle, r: 4))
        // Flat torus in R⁴ rotated into R⁷: the native copy is the same draw, and cos θ₁ = x₁ on it.
        let torus = try ExperimentSample(.flatTorus, n: 40, dimension: nil, ambient: 7, seed: 3)
        XCTAssertEqual(torus.points.cols, 7)
        let t = try XCTUnwrap(ContinuumBasis(.flatTorus, native: torus.native, r: 5))
        XCTAssertEqual(t.values[5, 1], torus.native.points[5, 0], accuracy: 1e-15)
        XCTAssertEqual(t.values[5, 4], torus.native.points[5, 3], accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(ContinuumBasis(.flatTorus, native: torus.native, r: 9)).values.cols, 9)
        // The rotation keeps distances: the rotated and the native rows are the same points.
        func distance(_ m: Matrix<Double>, _ i: Int, _ j: Int) -> Double { (0..<m.cols).map { pow(m[i, $0] - m[j, $0], 2) }.reduce(0, +).squareRoot() }
        XCTAssertEqual(distance(torus.points, 2, 9), distance(torus.native.points, 2, 9), accuracy: 1e-12)
        XCTAssertNil(ContinuumBasis(.torus, native: try Sampler.sample(.torus, SampleOptions(n: 10)), r: 3))
    }

    func testSpanErrorsAreZeroForARotatedBasisAndOneForOrthogonalSpans() throws {
        let q = try Matrix<Double>(rows: 30, cols: 4) { i, j in sin(Double((i + 1) * (j + 2))) + (i == j ? 2 : 0) }.orthonormalColumns()
        let rotation = Matrix<Double>([[0, 1, 0], [-1, 0, 0], [0, 0, 1]])
        let a = q.columns(0..<3)
        let rotated = Matrix.multiply(a, rotation)
        let same = try SpanErrors(Matrix(rows: 30, cols: 3) { i, j in 5 * rotated[i, j] }, a)
        XCTAssertEqual(same.subspace, 0, accuracy: 1e-12)
        XCTAssertEqual(same.procrustes, 0, accuracy: 1e-12)
        let orthogonal = try SpanErrors(q.columns(3..<4), q.columns(0..<1))
        XCTAssertEqual(orthogonal.subspace, 1, accuracy: 1e-12)
        XCTAssertEqual(orthogonal.procrustes, 2.0.squareRoot(), accuracy: 1e-12)
    }

    func testSphereLevelRatioApproachesThreeMinusHalfEpsSquared() throws {
        XCTAssertEqual(SphereLaplacianLevels.predictedRatio(eps: 0.4), 2.92, accuracy: 1e-15)
        XCTAssertEqual(SphereLaplacianLevels.predictedScaled(level: 2, eps: 0) / SphereLaplacianLevels.predictedScaled(level: 1, eps: 0), 3)
        let points = try Sampler.sample(.sphere, SampleOptions(n: 2500, seed: 5)).points
        let a = try SimilarityGraph.epsilon(points, eps: 0.4).normalizedAdjacency()
        let eigen = try topEigenpairs(of: a, count: 10, solver: .shiftInvert)
        let levels = SphereLaplacianLevels(eigenvalues: eigen.values, eps: 0.4)
        XCTAssertEqual(levels.scaled.count, 8)
        XCTAssertEqual(levels.levelRatio, levels.predictedRatio, accuracy: 0.06)
        XCTAssertEqual(levels.ratios[0..<3].reduce(0, +) / 3, 1, accuracy: 1e-12)
        // (1 − λ)/ε² on level 1 approaches the cap average's 1/4 (sampling noise pulls it a little below).
        XCTAssertEqual(levels.levelOneMean, 0.25, accuracy: 0.03)
    }

    func testCSVTableEscapesAndWritesEmptyCellsForNonFinite() {
        var t = CSVTable(header: ["a", "b", "c"])
        t.append(["x,y", .integer(3), .number(.nan)])
        t.append(["say \"hi\"", .integer(-1), .number(0.5)])
        XCTAssertEqual(t.text, "a,b,c\n\"x,y\",3,\n\"say \"\"hi\"\"\",-1,0.5\n")
    }

    func testApproximationOnTheCircleReturnsBothObjectivesAndContinuumErrors() throws {
        var s = ApproximationExperiment.Settings()
        s.manifold = .circle; s.n = 200; s.r = 3; s.graph = .knn(10); s.epochs = 60; s.evaluateEvery = 20; s.hidden = [16]
        let result = try ApproximationExperiment.run(s)
        XCTAssertEqual(result.runs.map(\.objective), [.lowrank, .paper])
        XCTAssertEqual(result.referenceValues.count, 4)
        XCTAssertEqual(result.continuumName, "{1, cos θ, sin θ}")
        XCTAssertEqual(result.runs[0].history.map(\.epoch), [20, 40, 60])
        XCTAssertTrue(result.runs[0].degreeFactor)
        XCTAssertFalse(result.runs[1].degreeFactor)
        // A 10-NN graph on 200 points of S¹: its exact eigenvectors lie near {1, cos θ, sin θ} (measured 0.114).
        XCTAssertLessThan(try XCTUnwrap(result.graphVsContinuum).subspace, 0.2)
        for run in result.runs {
            XCTAssertEqual(run.epochs, 60)
            for e in [run.training.subspace, run.freshVsFreshGraph.subspace, try XCTUnwrap(run.freshVsContinuum).subspace] {
                XCTAssertTrue(e >= 0 && e <= 1, "\(e)")
            }
            XCTAssertEqual(run.alignedFreshEmbedding?.cols, 3)
        }
        XCTAssertEqual(result.freshContinuum?.rows, 200)
    }

    func testNeuronsSweepShapesAndTheoreticalSlope() throws {
        var s = NeuronsExperiment.Settings()
        s.manifold = .circle; s.n = 120; s.r = 3; s.graph = .knn(8); s.widths = [4, 8]; s.depths = [1, 2]; s.seeds = 2; s.epochs = 15
        let result = try NeuronsExperiment.run(s)
        XCTAssertEqual(result.runs.count, 8)
        XCTAssertEqual(result.points.map(\.neurons), [4, 8, 8, 16])
        XCTAssertEqual(result.points[0].parameters, 2 * 4 + 4 + 4 * 3 + 3)
        XCTAssertEqual(result.theoreticalSlope, -1)
        XCTAssertEqual(result.fits.map(\.depth), [1, 2])
        for p in result.points { XCTAssertTrue(p.minimum <= p.median && p.median <= p.maximum) }
        XCTAssertThrowsError(try NeuronsExperiment.run({ var t = s; t.widths = []; return t }()))
    }

    func testEpsilonSweepRows() throws {
        var s = EpsilonExperiment.Settings()
        s.n = 400; s.epsilons = [0.5, 0.7]; s.epochs = 5; s.hidden = [8]
        let result = try EpsilonExperiment.run(s)
        XCTAssertEqual(result.rows.map(\.eps), [0.5, 0.7])
        for row in result.rows {
            XCTAssertEqual(row.eigenvalues.count, 10)
            XCTAssertEqual(row.eigenvalues[0], 1, accuracy: 1e-9)
            XCTAssertEqual(row.levels.predictedRatio, 3 - row.eps * row.eps / 2)
            XCTAssertEqual(row.snnEpochs, 5)
            XCTAssertNotNil(row.graphVsContinuum)
        }
        XCTAssertThrowsError(try EpsilonExperiment.run({ var t = s; t.epsilons = [-1]; return t }()))
    }
}
