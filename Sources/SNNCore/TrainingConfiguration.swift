import SNNNeural

/// Which loss the network is trained on.
public enum ObjectiveKind: String, CaseIterable, Sendable, Codable {
    /// The default: `lowrank`.
    case auto
    /// The paper's eq. 1.1, `‖YYᵀ − A‖_F²` with the sparse normalized adjacency `A` (for the theory experiments).
    case paper
    /// `‖YYᵀ − A_r‖_F²` with the rank-r truncation `A_r = U_r Λ_r U_rᵀ` from a reference solve (same minimizers,
    /// infinite relative gap; see `LowRankSpectralObjective` and the README's measurements).
    case lowrank

    /// The objective actually used.
    public var resolved: ObjectiveKind { self == .auto ? .lowrank : self }
}

/// Optimizer choice for a command-line flag.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
    case adam, adamw, sgd
}

/// Every setting of a training run. Defaults are the ones `snn train` uses.
public struct TrainingConfiguration: Sendable, Codable, Equatable {
    public var hidden: [Int] = [128, 128]
    public var activation: Activation = .relu
    /// PyTorch's `nn.Linear` default (uniform ±1/√fan_in): measured on W1 it reaches subspace error 0.032 in 250
    /// epochs where He-normal needs about 900.
    public var initialization: Initialization = .pytorch
    /// Number of epochs (an epoch is one pass: one step in full batch, ⌈n / batch⌉ steps in minibatch).
    public var epochs: Int = 3000
    /// Rows per minibatch; `nil` = full batch.
    public var batchSize: Int? = nil
    /// `nil` = automatic: 3e-3 for `lowrank` (measured: on W1/W3/W4 it halves the epochs to a given error against
    /// 1e-3), 1e-3 for `paper` (the PyTorch reference's rate).
    public var learningRate: Double? = nil
    public var optimizer: OptimizerKind = .adam
    public var momentum: Double = 0.9
    public var nesterov: Bool = false
    public var weightDecay: Double = 0
    public var schedule: LearningRateSchedule = .constant
    /// Clip the gradient to this Euclidean norm; `nil` = no clipping.
    public var clipNorm: Double? = nil
    public var objective: ObjectiveKind = .auto
    /// Carry the √degree factor (`f = √(d/d̄) g_θ`); `nil` = automatic (on for `lowrank`, off for `paper`).
    public var degreeFactor: Bool? = nil
    public var seed: UInt64 = 0
    /// Evaluate (loss on the full data, subspace error against a reference) every this many epochs.
    public var evaluateEvery: Int = 25
    /// Stop early when the relative loss improvement between two evaluations is below this (0 = never).
    public var tolerance: Double = 0
    /// Stop after this many seconds of training (`nil` = no limit).
    public var timeLimit: Double? = nil
    /// Stop as soon as the subspace error against the reference is at most this (`nil` = never).
    public var targetError: Double? = nil
    /// Write a checkpoint every this many epochs (`nil` = never by epochs).
    public var checkpointEvery: Int? = nil
    /// Write a checkpoint every this many seconds (`nil` = never by time).
    public var checkpointSeconds: Double? = nil

    public init() {}

    /// The learning rate actually used.
    public var resolvedLearningRate: Double { learningRate ?? (objective.resolved == .lowrank ? 3e-3 : 1e-3) }

    /// The degree factor actually used.
    public var usesDegreeFactor: Bool { degreeFactor ?? (objective.resolved == .lowrank) }

    /// Checks every setting and says which flag to change.
    public func validate() throws {
        func bad(_ m: String) -> SNNError { .invalidSetting(m) }
        guard !hidden.isEmpty, hidden.allSatisfy({ $0 > 0 }) else { throw bad("--hidden must list positive widths such as 128,128 (got \(hidden.map(String.init).joined(separator: ",")))") }
        guard epochs > 0 else { throw bad("--epochs must be positive (got \(epochs))") }
        if let b = batchSize, b < 2 { throw bad("--batch must be 'full' or at least 2 (got \(b))") }
        try validateLearningRate(resolvedLearningRate)
        guard momentum >= 0, momentum < 1 else { throw bad("--momentum must be in [0, 1) (got \(momentum))") }
        guard weightDecay >= 0, weightDecay.isFinite else { throw bad("--weight-decay must be ≥ 0 (got \(weightDecay))") }
        if let c = clipNorm, !(c > 0 && c.isFinite) { throw bad("--clip must be a positive norm (got \(c))") }
        guard evaluateEvery > 0 else { throw bad("--eval-every must be positive (got \(evaluateEvery))") }
        guard tolerance >= 0 else { throw bad("--tol must be ≥ 0 (got \(tolerance))") }
        if let t = timeLimit, !(t > 0) { throw bad("--time-limit must be positive seconds (got \(t))") }
        if let c = checkpointEvery, c <= 0 { throw bad("--checkpoint-every must be positive (got \(c))") }
        if let c = checkpointSeconds, !(c > 0) { throw bad("--checkpoint-seconds must be positive (got \(c))") }
        try schedule.validate()
    }

    /// The settings that must match for `--resume` (everything that changes the trajectory).
    public var trajectoryFingerprint: String {
        var c = self
        c.epochs = 0; c.timeLimit = nil; c.targetError = nil; c.checkpointEvery = nil; c.checkpointSeconds = nil
        c.evaluateEvery = 0; c.tolerance = 0
        return "\(c.hidden)|\(c.activation)|\(c.initialization)|\(String(describing: c.batchSize))|\(c.resolvedLearningRate)|\(c.optimizer)|\(c.momentum)|\(c.nesterov)|\(c.weightDecay)|\(c.schedule)|\(String(describing: c.clipNorm))|\(c.objective.resolved)|\(c.usesDegreeFactor)|\(c.seed)"
    }
}
