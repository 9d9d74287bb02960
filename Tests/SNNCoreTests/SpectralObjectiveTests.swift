import XCTest
import SNNLinalg
import SNNData
@testable import SNNCore

final class SpectralObjectiveTests: XCTestCase {
    /// A small symmetric sparse matrix with a random pattern.
    private func randomSymmetric(_ n: Int, _ rng: inout SeededGenerator) -> CSRMatrix<Double> {
        var t: [(row: Int, col: Int, value: Double)] = []
        for i in 0..<n { for j in i..<n where rng.uniform() < 0.3 {
            let v = rng.normal(); t.append((i, j, v)); if i != j { t.append((j, i, v)) }
        } }
        return CSRMatrix(rows: n, cols: n, triplets: t)
    }

    func testLossEqualsDenseFrobeniusNorm() {
        var rng = SeededGenerator(seed: 7)
        let a = randomSymmetric(12, &rng)
        let y = Matrix<Double>(rows: 12, cols: 3) { _, _ in rng.normal() }
        let objective = SpectralObjective(matrix: a)
        let residual = Matrix.multiply(y, y, transposeB: true) - a.toDense()
        let expected = residual.storage.reduce(0) { $0 + $1 * $1 }
        XCTAssertEqual(objective.loss(y), expected, accuracy: 1e-10 * expected)
    }

    func testGradientMatchesFiniteDifferences() {
        var rng = SeededGenerator(seed: 8)
        let a = randomSymmetric(10, &rng)
        let y = Matrix<Double>(rows: 10, cols: 2) { _, _ in rng.normal() }
        let objective = SpectralObjective(matrix: a)
        let (_, gradient) = objective.lossAndGradient(y)
        let h = 1e-6
        for index in y.storage.indices {
            var plus = y, minus = y
            plus.storage[index] += h; minus.storage[index] -= h
            let numeric = (objective.loss(plus) - objective.loss(minus)) / (2 * h)
            XCTAssertEqual(gradient.storage[index], numeric, accuracy: 1e-6 * max(1, abs(numeric)))
        }
    }
}
