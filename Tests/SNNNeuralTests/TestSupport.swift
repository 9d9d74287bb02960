import XCTest
import SNNData
import SNNLinalg
@testable import SNNNeural

/// Helpers shared by the network tests.
enum TestSupport {
    static func random(_ rows: Int, _ cols: Int, _ rng: inout SeededGenerator, scale: Double = 1) -> Matrix<Double> {
        Matrix(rows: rows, cols: cols) { _, _ in scale * rng.normal() }
    }

    /// `½‖f(X) − T‖²`, the quadratic loss of the gradient checks.
    static func quadraticLoss(_ net: MLP<Double>, _ x: Matrix<Double>, _ target: Matrix<Double>) -> Double {
        let y = net.forward(x)
        var s = 0.0
        for i in y.storage.indices { let d = y.storage[i] - target.storage[i]; s += d * d }
        return s / 2
    }

    /// Analytic gradient of `½‖f(X) − T‖²` through the batched backward pass.
    static func analyticGradient(_ net: MLP<Double>, _ x: Matrix<Double>, _ target: Matrix<Double>,
                                 inputGradient: Bool = false) -> MLPGradient<Double> {
        var cache = MLPCache<Double>()
        let y = net.forward(x, cache: &cache)
        var gradient = MLPGradient<Double>(widths: net.widths)
        net.backward(y - target, cache: &cache, into: &gradient, inputGradient: inputGradient)
        return gradient
    }

    /// Central differences of `loss` in every coordinate of `point`.
    static func finiteDifferences(_ point: [Double], h: Double = 1e-6, _ loss: ([Double]) -> Double) -> [Double] {
        var p = point
        return (0..<point.count).map { i in
            let saved = p[i]
            p[i] = saved + h; let up = loss(p)
            p[i] = saved - h; let down = loss(p)
            p[i] = saved
            return (up - down) / (2 * h)
        }
    }

    /// Asserts `‖a − b‖ ≤ tolerance ‖b‖` and every entry within `tolerance · max|b|`.
    static func assertClose(_ a: [Double], _ b: [Double], relative tolerance: Double, _ what: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        let scale = b.map(abs).max() ?? 0
        XCTAssertGreaterThan(scale, 0, "\(what): reference is identically zero", file: file, line: line)
        var diff = 0.0, norm = 0.0, worst = 0.0
        for i in a.indices { let d = a[i] - b[i]; diff += d * d; norm += b[i] * b[i]; worst = max(worst, abs(d)) }
        XCTAssertLessThanOrEqual(diff.squareRoot(), tolerance * norm.squareRoot(), "\(what): normwise", file: file, line: line)
        XCTAssertLessThanOrEqual(worst, tolerance * scale, "\(what): entrywise", file: file, line: line)
    }

    /// Smallest |pre-activation| over all hidden layers (how far the batch is from ReLU's kink).
    static func smallestPreActivation(_ net: MLP<Double>, _ x: Matrix<Double>) -> Double {
        var cache = MLPCache<Double>()
        _ = net.forward(x, cache: &cache)
        var m = Double.infinity
        for k in 0..<(net.layers.count - 1) { for v in cache.preActivation(k).storage { m = min(m, abs(v)) } }
        return m
    }
}
