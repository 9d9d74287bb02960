import XCTest
import SNNLinalg
import SNNData
@testable import SNNCore

final class ObjectiveEstimatorTests: XCTestCase {
    /// A random symmetric sparse matrix with non-negative entries (an adjacency-like pattern).
    private func randomAdjacency(_ n: Int, density: Double, _ rng: inout SeededGenerator) -> CSRMatrix<Double> {
        var t: [(row: Int, col: Int, value: Double)] = []
        for i in 0..<n { for j in i..<n where rng.uniform() < density {
            let v = rng.uniform(0.1, 1); t.append((i, j, v)); if i != j { t.append((j, i, v)) }
        } }
        return CSRMatrix(rows: n, cols: n, triplets: t)
    }

    func testLowRankObjectiveEqualsDenseAndHasExactGradient() throws {
        var rng = SeededGenerator(seed: 11)
        let a = randomAdjacency(30, density: 0.3, &rng)
        let eigen = try a.toDense().symmetricEigen(top: 3)
        let objective = LowRankSpectralObjective<Double>(vectors: eigen.vectors, values: eigen.values)
        let y = Matrix<Double>(rows: 30, cols: 3) { _, _ in rng.normal() }
        // Dense A_r = U Λ Uᵀ
        let ar = Matrix.multiply(Matrix.multiply(eigen.vectors, .diagonal(eigen.values)), eigen.vectors, transposeB: true)
        let residual = Matrix.multiply(y, y, transposeB: true) - ar
        let expected = residual.storage.reduce(0) { $0 + $1 * $1 }
        XCTAssertEqual(objective.loss(y), expected, accuracy: 1e-9 * expected)
        let (_, gradient) = objective.lossAndGradient(y)
        let h = 1e-6
        for index in stride(from: 0, to: y.storage.count, by: 7) {
            var plus = y, minus = y
            plus.storage[index] += h; minus.storage[index] -= h
            let numeric = (objective.loss(plus) - objective.loss(minus)) / (2 * h)
            XCTAssertEqual(gradient.storage[index], numeric, accuracy: 1e-5 * max(1, abs(numeric)))
        }
        // The minimizer U Λ^{1/2} has loss 0 (A_r has rank r) and zero gradient.
        let star = objective.factor
        XCTAssertEqual(objective.loss(star), 0, accuracy: 1e-10)
        XCTAssertLessThan(objective.lossAndGradient(star).gradient.frobeniusNorm, 1e-10)
    }

    /// The mean of many minibatch estimates is within 3 standard errors of the full loss.
    func testMinibatchEstimatorIsUnbiasedForSparseMatrix() {
        var rng = SeededGenerator(seed: 12)
        let a = randomAdjacency(40, density: 0.2, &rng)
        let y = Matrix<Double>(rows: 40, cols: 3) { _, _ in rng.normal() * 0.3 }
        let full = SpectralObjective(matrix: a).loss(y)
        let estimator = MinibatchEstimator<Double>(matrix: a, pairs: 8, edges: 8)
        assertUnbiased(estimator, y: y, full: full, rng: &rng)
    }

    func testMinibatchEstimatorIsUnbiasedForLowRankMatrix() throws {
        var rng = SeededGenerator(seed: 13)
        let a = randomAdjacency(40, density: 0.2, &rng)
        let eigen = try a.toDense().symmetricEigen(top: 3)
        let objective = LowRankSpectralObjective<Double>(vectors: eigen.vectors, values: eigen.values)
        let y = Matrix<Double>(rows: 40, cols: 3) { _, _ in rng.normal() * 0.3 }
        assertUnbiased(MinibatchEstimator(lowRank: objective, pairs: 8), y: y, full: objective.loss(y), rng: &rng)
    }

    private func assertUnbiased(_ estimator: MinibatchEstimator<Double>, y: Matrix<Double>, full: Double,
                                rng: inout SeededGenerator, file: StaticString = #filePath, line: UInt = #line) {
        let draws = 20000
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<draws {
            let sample = estimator.sample(using: &rng)
            let v = estimator.lossAndGradient(y.rows(sample.rows), sample: sample).loss
            sum += v; sumSquares += v * v
        }
        let mean = sum / Double(draws)
        let standardError = ((sumSquares / Double(draws) - mean * mean) / Double(draws)).squareRoot()
        XCTAssertLessThan(abs(mean - full), 3 * standardError, "mean \(mean) vs full \(full) (SE \(standardError))", file: file, line: line)
        XCTAssertGreaterThan(standardError, 0, file: file, line: line)
    }

    /// The minibatch gradient equals finite differences of the minibatch loss for a fixed sample.
    func testMinibatchGradientMatchesFiniteDifferences() {
        var rng = SeededGenerator(seed: 14)
        let a = randomAdjacency(25, density: 0.3, &rng)
        let estimator = MinibatchEstimator<Double>(matrix: a, pairs: 6, edges: 5)
        let sample = estimator.sample(using: &rng)
        let y = Matrix<Double>(rows: sample.rows.count, cols: 2) { _, _ in rng.normal() }
        let gradient = estimator.lossAndGradient(y, sample: sample).gradient
        let h = 1e-6
        for index in y.storage.indices {
            var plus = y, minus = y
            plus.storage[index] += h; minus.storage[index] -= h
            let numeric = (estimator.lossAndGradient(plus, sample: sample).loss - estimator.lossAndGradient(minus, sample: sample).loss) / (2 * h)
            XCTAssertEqual(gradient.storage[index], numeric, accuracy: 1e-5 * max(1, abs(numeric)))
        }
    }
}

final class EigenRecoveryTests: XCTestCase {
    /// Outputs `U Λ^{1/2} O` for a random rotation O give back Λ and ±U exactly.
    func testRecoversEigenpairsFromRotatedOutputs() throws {
        var rng = SeededGenerator(seed: 21)
        var t: [(row: Int, col: Int, value: Double)] = []
        for i in 0..<50 { for j in i..<50 where rng.uniform() < 0.2 { let v = rng.uniform(); t.append((i, j, v)); if i != j { t.append((j, i, v)) } } }
        let a = CSRMatrix(rows: 50, cols: 50, triplets: t)
        let eigen = try a.toDense().symmetricEigen(top: 4)
        let rotation = try Matrix<Double>(rows: 4, cols: 4) { _, _ in rng.normal() }.orthonormalColumns()
        let y = Matrix.multiply(LowRankSpectralObjective<Double>(vectors: eigen.vectors, values: eigen.values).factor, rotation)
        let recovery = try EigenRecovery(outputs: y)
        for k in 0..<4 { XCTAssertEqual(recovery.sigma[k], eigen.values[k], accuracy: 1e-10) }
        XCTAssertLessThan(recovery.applied(to: y).maxAbsDifference(eigen.vectors), 1e-9)
        let ritz = try RayleighRitz.refine(y, matrix: a)
        for k in 0..<4 { XCTAssertEqual(ritz.values[k], eigen.values[k], accuracy: 1e-10) }
        XCTAssertLessThan(ritz.vectors.maxAbsDifference(eigen.vectors), 1e-9)
    }

    func testCollapsedOutputIsRankDeficient() {
        let y = Matrix<Double>(rows: 10, cols: 2) { i, _ in Double(i) }
        XCTAssertThrowsError(try EigenRecovery(outputs: y)) { error in
            XCTAssertTrue("\(error)".contains("rank-deficient"))
            XCTAssertTrue("\(error)".contains("widen"))
        }
    }
}
