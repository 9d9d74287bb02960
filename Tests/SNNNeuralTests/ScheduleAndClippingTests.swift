import XCTest
import SNNLinalg
@testable import SNNNeural

/// Learning-rate schedules give their documented values; gradient clipping.
final class ScheduleAndClippingTests: XCTestCase {
    func testConstantAndStep() throws {
        let constant = try LearningRateScheduler(baseLearningRate: 0.3)
        XCTAssertEqual([0, 7, 1000].map { constant.learningRate(epoch: $0) }, [0.3, 0.3, 0.3])
        let step = try LearningRateScheduler(baseLearningRate: 0.1, schedule: .step(every: 10, factor: 0.5))
        XCTAssertEqual([0, 9, 10, 19, 20, 35].map { step.learningRate(epoch: $0) }, [0.1, 0.1, 0.05, 0.05, 0.025, 0.0125])
    }

    func testCosine() throws {
        let cosine = try LearningRateScheduler(baseLearningRate: 0.1, schedule: .cosine(total: 100, floor: 0.01))
        XCTAssertEqual(cosine.learningRate(epoch: 0), 0.1, accuracy: 1e-15)
        XCTAssertEqual(cosine.learningRate(epoch: 50), 0.055, accuracy: 1e-15)
        XCTAssertEqual(cosine.learningRate(epoch: 25), 0.01 + 0.09 * (1 + 0.5.squareRoot()) / 2, accuracy: 1e-15)
        XCTAssertEqual(cosine.learningRate(epoch: 100), 0.01, accuracy: 1e-15)
        XCTAssertEqual(cosine.learningRate(epoch: 250), 0.01, accuracy: 1e-15)
    }

    func testReduceOnPlateau() throws {
        var s = try LearningRateScheduler(baseLearningRate: 1, schedule: .reduceOnPlateau(patience: 2, factor: 0.1, threshold: 0.01))
        XCTAssertFalse(s.observe(1.0))                       // first value is the best
        XCTAssertFalse(s.observe(0.995))                     // not 1 % better: bad 1
        XCTAssertFalse(s.observe(.nan))                      // bad 2
        XCTAssertEqual(s.learningRate(epoch: 3), 1)
        XCTAssertTrue(s.observe(0.999))                      // bad 3 > patience: reduce
        XCTAssertEqual(s.learningRate(epoch: 4), 0.1, accuracy: 1e-16)
        XCTAssertFalse(s.observe(0.5))                       // improvement resets
        XCTAssertEqual(s.bestMetric, 0.5)
        XCTAssertEqual(s.badObservations, 0)
        XCTAssertFalse(s.observe(0.6)); XCTAssertFalse(s.observe(0.6)); XCTAssertTrue(s.observe(0.6))
        XCTAssertEqual(s.learningRate(epoch: 9), 0.01, accuracy: 1e-16)
        let restored = try JSONDecoder().decode(LearningRateScheduler.self, from: JSONEncoder().encode(s))
        XCTAssertEqual(restored, s)
        var constant = try LearningRateScheduler(baseLearningRate: 1)
        XCTAssertFalse(constant.observe(5))
    }

    func testInvalidSchedules() {
        XCTAssertThrowsError(try LearningRateScheduler(baseLearningRate: 0))
        XCTAssertThrowsError(try LearningRateScheduler(baseLearningRate: 0.1, schedule: .step(every: 0, factor: 0.5)))
        XCTAssertThrowsError(try LearningRateScheduler(baseLearningRate: 0.1, schedule: .step(every: 5, factor: 1.5))) {
            XCTAssertTrue("\($0)".contains("decay factor"), "\($0)")
        }
        XCTAssertThrowsError(try LearningRateScheduler(baseLearningRate: 0.1, schedule: .cosine(total: 0, floor: 0)))
        XCTAssertThrowsError(try LearningRateScheduler(baseLearningRate: 0.1, schedule: .cosine(total: 10, floor: -1)))
        XCTAssertThrowsError(try LearningRateScheduler(baseLearningRate: 0.1,
                                                       schedule: .reduceOnPlateau(patience: -1, factor: 0.5, threshold: 0)))
    }

    func testClipGradientNorm() {
        var g: [Double] = [3, 4]
        XCTAssertEqual(clipGradientNorm(&g, maxNorm: 10), 5)
        XCTAssertEqual(g, [3, 4])
        XCTAssertEqual(clipGradientNorm(&g, maxNorm: 1), 5)
        XCTAssertEqual(g[0], 0.6, accuracy: 1e-15); XCTAssertEqual(g[1], 0.8, accuracy: 1e-15)
        var f: [Float] = [1, 2, 2]
        XCTAssertEqual(clipGradientNorm(&f, maxNorm: 1.5), 3)
        XCTAssertEqual(Double(Vector.norm(f)), 1.5, accuracy: 1e-6)
        var bad: [Double] = [.nan, 1]
        XCTAssertTrue(clipGradientNorm(&bad, maxNorm: 1).isNaN)
        XCTAssertEqual(bad[1], 1)
    }
}
