import XCTest
import Foundation
import SNNData
import SNNLinalg
@testable import SNNNeural

/// Finite-difference checks (central differences, h = 1e-6, relative tolerance 1e-6) of the batched backward
/// pass, in Double.
final class GradientCheckTests: XCTestCase {
    private func checkParameters(widths: [Int], activation: Activation, seed: UInt64, rows: Int = 7,
                                 awayFromKinks: Bool = false, file: StaticString = #filePath, line: UInt = #line) {
        var rng = SeededGenerator(seed: seed)
        let net = MLP<Double>(widths: widths, activation: activation, using: &rng)
        let x = TestSupport.random(rows, widths[0], &rng)
        let target = TestSupport.random(rows, widths.last!, &rng)
        if awayFromKinks {
            XCTAssertGreaterThan(TestSupport.smallestPreActivation(net, x), 1e-4,
                                 "test points too close to the kink for a finite-difference check", file: file, line: line)
        }
        let analytic = TestSupport.analyticGradient(net, x, target)
        let numeric = TestSupport.finiteDifferences(net.parameters) { p in
            var perturbed = net
            perturbed.parameters = p
            return TestSupport.quadraticLoss(perturbed, x, target)
        }
        TestSupport.assertClose(analytic.flat, numeric, relative: 1e-6, "\(activation) \(widths)", file: file, line: line)
    }

    func testSingleDenseLayer() {
        checkParameters(widths: [3, 4], activation: .relu, seed: 11)
    }

    func testEachActivationInAOneHiddenLayerNet() {
        for (i, activation) in Activation.allCases.enumerated() {
            checkParameters(widths: [3, 5, 2], activation: activation, seed: 20 + UInt64(i),
                            awayFromKinks: activation == .relu || activation == .leakyRelu)
        }
    }

    func testWholeSmoothNetwork() {
        checkParameters(widths: [3, 6, 5, 4, 2], activation: .tanh, seed: 31)
        checkParameters(widths: [2, 8, 8, 3], activation: .softplus, seed: 32)
    }

    func testWholeReLUNetworkAwayFromKinks() {
        checkParameters(widths: [3, 6, 6, 2], activation: .relu, seed: 41, rows: 5, awayFromKinks: true)
        checkParameters(widths: [3, 6, 6, 2], activation: .leakyRelu, seed: 42, rows: 5, awayFromKinks: true)
    }

    func testInputGradient() {
        var rng = SeededGenerator(seed: 51)
        let net = MLP<Double>(widths: [4, 7, 3], activation: .tanh, using: &rng)
        let x = TestSupport.random(6, 4, &rng), target = TestSupport.random(6, 3, &rng)
        let analytic = TestSupport.analyticGradient(net, x, target, inputGradient: true)
        let numeric = TestSupport.finiteDifferences(x.storage) { p in
            TestSupport.quadraticLoss(net, Matrix(rows: 6, cols: 4, storage: p), target)
        }
        TestSupport.assertClose(analytic.input!.storage, numeric, relative: 1e-6, "∂L/∂X")
        XCTAssertNil(TestSupport.analyticGradient(net, x, target).input)
    }

    func testActivationDerivativesMatchFiniteDifferences() {
        let points: [Double] = [-3.1, -0.7, -0.05, 0.05, 0.4, 2.6, 25, -25]
        for activation in Activation.allCases {
            for z in points {
                let numeric = (activation.value(z + 1e-6) - activation.value(z - 1e-6)) / 2e-6
                XCTAssertEqual(activation.derivative(z), numeric, accuracy: 1e-8, "\(activation) at \(z)")
                // The batched kernel agrees with the scalar derivative.
                var g = [1.5], zz = [z], a = [activation.value(z)]
                activation.multiplyByDerivative(count: 1, gradient: &g, preActivation: &zz, output: &a)
                XCTAssertEqual(g[0], 1.5 * activation.derivative(z), accuracy: 1e-14, "\(activation) kernel at \(z)")
            }
        }
        XCTAssertEqual(Activation.softplus.value(800.0), 800, accuracy: 1e-12)
        XCTAssertEqual(Activation.softplus.value(-800.0), 0)
    }

    /// The Float kernels compute the same gradient as the (finite-difference checked) Double ones, on a batch
    /// large enough to take the parallel paths of tanh and softplus.
    func testFloatBackwardAgreesWithDouble() {
        for (i, activation) in Activation.allCases.enumerated() {
            var rng = SeededGenerator(seed: 70 + UInt64(i))
            let net = MLP<Double>(widths: [3, 64, 64, 4], activation: activation, using: &rng)
            let x = TestSupport.random(1100, 3, &rng), target = TestSupport.random(1100, 4, &rng)
            let reference = TestSupport.analyticGradient(net, x, target, inputGradient: true)
            let netFloat = MLP<Float>(layers: net.layers.map {
                DenseLayer(weight: $0.weight.converted(), bias: $0.bias.map { Float($0) })
            }, activation: activation)
            var cache = MLPCache<Float>()
            let y = netFloat.forward(x.converted(), cache: &cache)
            var gradient = MLPGradient<Float>(widths: netFloat.widths)
            netFloat.backward(y - target.converted(), cache: &cache, into: &gradient, inputGradient: true)
            TestSupport.assertClose(gradient.flat.map { Double($0) }, reference.flat, relative: 1e-4, "Float \(activation)")
            TestSupport.assertClose(gradient.input!.storage.map { Double($0) }, reference.input!.storage, relative: 1e-4,
                                    "Float ∂L/∂X \(activation)")
        }
    }

    /// The Float tanh kernel (through exp) against Double libm tanh on a dense grid, in ulp-sized units.
    func testFloatTanhKernelAccuracy() {
        var xs: [Float] = (-4000...4000).map { Float($0) / 400 }          // [-10, 10] step 0.0025
        xs += [1e-30, -1e-7, 0.1249999, 0.125, 0.1250001, 30, -200, .infinity, -.infinity]
        var z = xs, a = [Float](repeating: 0, count: xs.count), bias: [Float] = [0]
        Activation.tanh.addBiasAndApply(rows: xs.count, cols: 1, bias: &bias, preActivation: &z, output: &a)
        var worst = 0.0
        for (x, y) in zip(xs, a) {
            let exact = Foundation.tanh(Double(x))
            worst = max(worst, abs(Double(y) - exact) / max(abs(exact), 1e-30))
        }
        XCTAssertLessThan(worst, 4e-7)   // about 3 Float ulp
        var nan: [Float] = [.nan], out: [Float] = [0]
        Activation.tanh.addBiasAndApply(rows: 1, cols: 1, bias: &bias, preActivation: &nan, output: &out)
        XCTAssertTrue(out[0].isNaN)
    }

    func testGradientOfLossIsZeroWhenOutputMatchesTarget() {
        var rng = SeededGenerator(seed: 61)
        let net = MLP<Double>(widths: [3, 5, 2], activation: .relu, using: &rng)
        let x = TestSupport.random(4, 3, &rng)
        let g = TestSupport.analyticGradient(net, x, net.forward(x))
        XCTAssertEqual(g.flat.map(abs).max(), 0)
    }
}
