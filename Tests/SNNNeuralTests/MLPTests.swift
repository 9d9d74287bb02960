import XCTest
import Foundation
import SNNData
import SNNLinalg
@testable import SNNNeural

/// Forward pass against a per-sample loop, parameter layout, initialization statistics, determinism.
final class MLPTests: XCTestCase {
    /// `f(x)` for one sample by explicit loops over neurons.
    private func naiveForward(_ net: MLP<Double>, _ x: [Double]) -> [Double] {
        var a = x
        for (k, layer) in net.layers.enumerated() {
            var z = [Double](repeating: 0, count: layer.outputCount)
            for o in 0..<layer.outputCount {
                var s = layer.bias[o]
                for i in 0..<layer.inputCount { s += layer.weight[o, i] * a[i] }
                z[o] = s
            }
            a = k == net.layers.count - 1 ? z : z.map { net.activation.value($0) }
        }
        return a
    }

    func testForwardMatchesPerSampleLoopForEveryActivation() {
        var rng = SeededGenerator(seed: 1)
        for activation in Activation.allCases {
            let net = MLP<Double>(widths: [3, 9, 7, 4], activation: activation, using: &rng)
            let x = TestSupport.random(13, 3, &rng)
            let expected = Matrix(rows: 13, cols: 4, storage: (0..<13).flatMap { naiveForward(net, x.row($0)) })
            XCTAssertLessThan(net.forward(x).maxAbsDifference(expected), 1e-13, "\(activation)")
            var cache = MLPCache<Double>()
            XCTAssertLessThan(net.forward(x, cache: &cache).maxAbsDifference(expected), 1e-13, "\(activation) cached")
            XCTAssertEqual(cache.output, net.forward(x, cache: &cache))
            XCTAssertEqual(cache.activation(0), activation.apply(cache.preActivation(0)))
            XCTAssertLessThan(net.layers[0](x).maxAbsDifference(cache.preActivation(0)), 1e-14)
        }
    }

    func testFloatForwardAgreesWithDouble() {
        var rng = SeededGenerator(seed: 2)
        let net = MLP<Double>(widths: [3, 32, 32, 4], activation: .relu, using: &rng)
        let x = TestSupport.random(50, 3, &rng)
        let netFloat = MLP<Float>(layers: net.layers.map {
            DenseLayer(weight: $0.weight.converted(), bias: $0.bias.map { Float($0) })
        }, activation: .relu)
        let difference = netFloat.forward(x.converted()).converted(to: Double.self).maxAbsDifference(net.forward(x))
        XCTAssertLessThan(difference, 1e-4)
    }

    func testBlockedInferenceCoversManyBlocks() {
        var rng = SeededGenerator(seed: 3)
        let net = MLP<Double>(widths: [2, 5, 3], activation: .tanh, using: &rng)
        let n = 2 * MLP<Double>.inferenceBlockRows + 17
        let x = TestSupport.random(n, 2, &rng)
        var cache = MLPCache<Double>()
        XCTAssertLessThan(net.forward(x).maxAbsDifference(net.forward(x, cache: &cache)), 1e-14)
        for i in [0, MLP<Double>.inferenceBlockRows, n - 1] {
            let y = naiveForward(net, x.row(i))
            for j in 0..<3 { XCTAssertEqual(net.forward(x)[i, j], y[j], accuracy: 1e-13) }
        }
    }

    func testCacheIsReusedAcrossSteps() {
        var rng = SeededGenerator(seed: 4)
        var net = MLP<Double>(widths: [3, 6, 2], activation: .relu, using: &rng)
        let x = TestSupport.random(8, 3, &rng), target = TestSupport.random(8, 2, &rng)
        var cache = MLPCache<Double>()
        var gradient = MLPGradient<Double>(widths: net.widths)
        _ = net.forward(x, cache: &cache)
        let bufferCount = cache.buffer.count
        for _ in 0..<3 {
            let y = net.forward(x, cache: &cache)
            net.backward(y - target, cache: &cache, into: &gradient)
            // The in-place and the allocating backward agree.
            XCTAssertEqual(gradient, net.backward(y - target, cache: cache))
            var p = net.parameters
            Vector.axpy(-0.01, gradient.flat, &p)
            net.parameters = p
        }
        XCTAssertEqual(cache.buffer.count, bufferCount)
        // A different batch size resizes the cache.
        let x2 = TestSupport.random(3, 3, &rng)
        XCTAssertEqual(net.forward(x2, cache: &cache), net.forward(x2))
        XCTAssertEqual(cache.rows, 3)
    }

    func testParameterOrderIsPyTorchsAndRoundTrips() {
        var rng = SeededGenerator(seed: 5)
        var net = MLP<Double>(widths: [2, 3, 1], activation: .relu, using: &rng)
        XCTAssertEqual(net.parameterCount, 2 * 3 + 3 + 3 * 1 + 1)
        let p = net.parameters
        XCTAssertEqual(Array(p[0..<6]), net.layers[0].weight.storage)
        XCTAssertEqual(Array(p[6..<9]), net.layers[0].bias)
        XCTAssertEqual(Array(p[9..<12]), net.layers[1].weight.storage)
        XCTAssertEqual(p[12], net.layers[1].bias[0])
        XCTAssertEqual(net.parameterOffset(ofLayer: 1), 9)
        let q = (0..<13).map { Double($0) }
        net.parameters = q
        XCTAssertEqual(net.parameters, q)
        XCTAssertEqual(net.layers[0].weight[1, 0], 2)
        XCTAssertEqual(net.layers[1].bias, [12])
        let g = MLPGradient<Double>(widths: [2, 3, 1])
        XCTAssertEqual(g.flat.count, 13)
        XCTAssertEqual(g.offset(ofLayer: 1), 9)
        XCTAssertEqual(g.layers.map { $0.weight.shape.rows }, [3, 1])
    }

    func testHeInitializationVariance() {
        var rng = SeededGenerator(seed: 6)
        let net = MLP<Double>(widths: [200, 300, 250], activation: .relu, initialization: .he, using: &rng)
        for layer in net.layers {
            let w = layer.weight.storage
            let mean = w.reduce(0, +) / Double(w.count)
            let variance = w.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(w.count)
            let expected = 2 / Double(layer.inputCount)
            XCTAssertEqual(variance / expected, 1, accuracy: 0.05)
            XCTAssertEqual(mean, 0, accuracy: 4 * expected.squareRoot() / Double(w.count).squareRoot())
            let bound = 1 / Double(layer.inputCount).squareRoot()
            XCTAssertTrue(layer.bias.allSatisfy { abs($0) <= bound })
            XCTAssertGreaterThan(layer.bias.map(abs).max()!, bound / 2)
        }
        // A fourth moment close to 3σ⁴ tells a normal from a uniform of the same variance (1.8σ⁴).
        let w = net.layers[0].weight.storage, s2 = 2.0 / 200
        let kurtosis = w.reduce(0) { $0 + $1 * $1 * $1 * $1 } / Double(w.count) / (s2 * s2)
        XCTAssertEqual(kurtosis, 3, accuracy: 0.15)
    }

    func testGlorotAndPyTorchInitializationVariance() {
        var rng = SeededGenerator(seed: 7)
        for scheme in [Initialization.glorot, .pytorch] {
            let layer: DenseLayer<Double> = scheme.draw(fanIn: 300, fanOut: 200, using: &rng)
            let w = layer.weight.storage
            let variance = w.reduce(0) { $0 + $1 * $1 } / Double(w.count)
            XCTAssertEqual(variance / scheme.weightVariance(fanIn: 300, fanOut: 200), 1, accuracy: 0.05, "\(scheme)")
            let bound = (3 * scheme.weightVariance(fanIn: 300, fanOut: 200)).squareRoot()
            XCTAssertLessThanOrEqual(w.map(abs).max()!, bound)
        }
        XCTAssertEqual(Initialization.glorot.weightVariance(fanIn: 3, fanOut: 5), 0.25)
    }

    func testSameSeedSameBitsDifferentSeedDifferentWeights() {
        var a = SeededGenerator(seed: 8), b = SeededGenerator(seed: 8), c = SeededGenerator(seed: 9)
        let na = MLP<Float>(widths: [3, 16, 4], activation: .relu, using: &a)
        let nb = MLP<Float>(widths: [3, 16, 4], activation: .relu, using: &b)
        let nc = MLP<Float>(widths: [3, 16, 4], activation: .relu, using: &c)
        XCTAssertEqual(na.parameters.map(\.bitPattern), nb.parameters.map(\.bitPattern))
        XCTAssertNotEqual(na.parameters, nc.parameters)
    }

    func testCodableRoundTrip() throws {
        var rng = SeededGenerator(seed: 10)
        let net = MLP<Double>(widths: [3, 4, 2], activation: .softplus, using: &rng)
        let decoded = try JSONDecoder().decode(MLP<Double>.self, from: JSONEncoder().encode(net))
        XCTAssertEqual(decoded, net)
        let corrupt = #"{"activation":"relu","layers":[{"outputs":2,"inputs":3,"weight":[1,2],"bias":[0,0]}]}"#
        XCTAssertThrowsError(try JSONDecoder().decode(MLP<Double>.self, from: Data(corrupt.utf8)))
    }

    func testWidthValidation() {
        XCTAssertNoThrow(try MLP<Float>.validate(widths: [3, 128, 128, 4]))
        XCTAssertThrowsError(try MLP<Float>.validate(widths: [3])) { error in
            XCTAssertTrue("\(error)".contains("at least the input and output"), "\(error)")
        }
        XCTAssertThrowsError(try MLP<Float>.validate(widths: [3, 0, 4])) { error in
            XCTAssertEqual(error as? NeuralError, .invalidSetting(name: "width", value: "0 at position 1 of [3, 0, 4]",
                requirement: "every layer width must be at least 1 (check --hidden and -r)"))
        }
    }

    func testInputStandardization() {
        let x = Matrix<Double>([[1, 10, 5], [3, 20, 5], [5, 60, 5]])
        let s = InputStandardization(fitting: x)
        XCTAssertEqual(s.mean, [3, 30, 5])
        XCTAssertEqual(s.scale[0], (8.0 / 3).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(s.scale[2], 1)
        let y = s.apply(x)
        for j in 0..<2 {
            let column = y.column(j)
            XCTAssertEqual(column.reduce(0, +), 0, accuracy: 1e-12)
            XCTAssertEqual(column.reduce(0) { $0 + $1 * $1 } / 3, 1, accuracy: 1e-12)
        }
        XCTAssertEqual(y.column(2), [0, 0, 0])
        XCTAssertEqual(InputStandardization<Double>.identity(dimension: 3).apply(x), x)
    }
}
