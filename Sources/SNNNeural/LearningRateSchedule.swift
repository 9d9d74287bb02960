import Foundation

/// How the learning rate changes over training (PyTorch `torch.optim.lr_scheduler`). Epochs count from 0.
public enum LearningRateSchedule: Sendable, Equatable, Codable {
    /// `lr = base` always.
    case constant
    /// `lr = base · factor^⌊epoch / every⌋` (`StepLR(step_size=every, gamma=factor)`).
    case step(every: Int, factor: Double)
    /// `lr = floor + (base − floor)(1 + cos(π · min(epoch, total) / total)) / 2`: from `base` at epoch 0 down
    /// to the absolute rate `floor` at `total` and after (`CosineAnnealingLR(T_max=total, eta_min=floor)`).
    case cosine(total: Int, floor: Double)
    /// Multiply the rate by `factor` when the observed metric (lower is better) has not improved on its best
    /// by a relative `threshold` for more than `patience` observations in a row
    /// (`ReduceLROnPlateau(mode="min", threshold_mode="rel")`).
    case reduceOnPlateau(patience: Int, factor: Double, threshold: Double)

    /// Checks the settings of the schedule.
    /// - Throws: `NeuralError.invalidSetting` naming the bad value.
    public func validate() throws {
        switch self {
        case .constant: return
        case let .step(every, factor):
            guard every > 0 else { throw NeuralError.invalidSetting(name: "step schedule period", value: "\(every)", requirement: "use a positive number of epochs") }
            try Self.checkFactor(factor)
        case let .cosine(total, floor):
            guard total > 0 else { throw NeuralError.invalidSetting(name: "cosine schedule length", value: "\(total)", requirement: "use a positive number of epochs, normally the epoch budget") }
            guard floor >= 0, floor.isFinite else { throw NeuralError.invalidSetting(name: "cosine schedule floor", value: "\(floor)", requirement: "use 0 or a small positive learning rate") }
        case let .reduceOnPlateau(patience, factor, threshold):
            guard patience >= 0 else { throw NeuralError.invalidSetting(name: "plateau patience", value: "\(patience)", requirement: "use 0 or a positive number of evaluations") }
            try Self.checkFactor(factor)
            guard threshold >= 0, threshold < 1 else { throw NeuralError.invalidSetting(name: "plateau threshold", value: "\(threshold)", requirement: "use a relative improvement in [0, 1), e.g. 1e-4") }
        }
    }

    private static func checkFactor(_ factor: Double) throws {
        guard factor > 0, factor < 1 else {
            throw NeuralError.invalidSetting(name: "decay factor", value: "\(factor)", requirement: "use a value in (0, 1), e.g. 0.5")
        }
    }
}

/// A schedule with its state: ask `learningRate(epoch:)` before each epoch and, for the plateau schedule,
/// report the monitored metric with `observe(_:)` after each evaluation. `Codable` for checkpoints.
public struct LearningRateScheduler: Sendable, Equatable, Codable {
    /// The initial learning rate.
    public let baseLearningRate: Double
    public let schedule: LearningRateSchedule
    /// The plateau schedule's current rate (starts at the base rate; unused by the other schedules).
    public private(set) var plateauLearningRate: Double
    /// Best metric seen so far (plateau schedule).
    public private(set) var bestMetric: Double
    /// Observations in a row without enough improvement (plateau schedule).
    public private(set) var badObservations: Int

    /// - Throws: `NeuralError.invalidSetting` for a non-positive base rate or bad schedule settings.
    public init(baseLearningRate: Double, schedule: LearningRateSchedule = .constant) throws {
        try validateLearningRate(baseLearningRate)
        try schedule.validate()
        self.baseLearningRate = baseLearningRate
        self.schedule = schedule
        self.plateauLearningRate = baseLearningRate
        self.bestMetric = .infinity
        self.badObservations = 0
    }

    /// The learning rate to use in epoch `epoch` (from 0).
    public func learningRate(epoch: Int) -> Double {
        precondition(epoch >= 0, "negative epoch \(epoch)")
        switch schedule {
        case .constant: return baseLearningRate
        case let .step(every, factor): return baseLearningRate * Foundation.pow(factor, Double(epoch / every))
        case let .cosine(total, floor):
            let progress = Double(Swift.min(epoch, total)) / Double(total)
            return floor + (baseLearningRate - floor) * (1 + Foundation.cos(Double.pi * progress)) / 2
        case .reduceOnPlateau: return plateauLearningRate
        }
    }

    /// Records an evaluation of the monitored metric (lower is better); returns true when it lowered the rate.
    /// Non-finite metrics count as no improvement. A no-op for the other schedules.
    @discardableResult
    public mutating func observe(_ metric: Double) -> Bool {
        guard case let .reduceOnPlateau(patience, factor, threshold) = schedule else { return false }
        if metric.isFinite && (bestMetric == .infinity || metric < bestMetric * (1 - threshold)) {
            bestMetric = metric
            badObservations = 0
            return false
        }
        badObservations += 1
        guard badObservations > patience else { return false }
        plateauLearningRate *= factor
        badObservations = 0
        return true
    }
}
