import SNNLinalg

/// The network's view of the landscape: the same measurements as `AmbientGradientDescent` logs, taken on the
/// network's outputs `Y_θ` (with their degree scaling, `Trainer.trainingOutputs()`) along SNN training, against
/// the paper objective's `A` (the training problem's normalized adjacency).
public enum NetworkLandscapeLog {
    /// One logged point of a training run.
    public struct Entry: Sendable, Equatable {
        /// The epoch after which `Y_θ` was measured.
        public var epoch: Int
        /// The measurements at `Y_θ` (`sample.step` is the epoch).
        public var sample: LandscapeSample
    }

    /// Trains `trainer` and measures the landscape at `Y_θ` at the start, every `every` epochs and at the end.
    ///
    /// The evaluation callback of `Trainer.run` cannot read the trainer it is called from (Swift's exclusive
    /// access to the running `inout` trainer), so the measurements ride on the checkpoint callback, which
    /// receives a copy of the trainer: the trainer must be configured with `checkpointEvery == every`
    /// (use `configuration(forLogging:every:)`), which changes nothing in the trajectory.
    /// - Parameters:
    ///   - trainer: a trainer built from `configuration(forLogging:every:)`.
    ///   - probe: the objective of the trainer's adjacency and its `Y*`.
    ///   - onEntry: called with each entry as it is measured.
    /// - Returns: why training stopped and the entries in epoch order.
    /// - Throws: training errors (`SNNError.diverged`), λ_min errors.
    /// - Complexity: one Lanczos run for λ_min per entry on top of the training.
    public static func run<T: LinalgScalar>(_ trainer: inout Trainer<T>, probe: LandscapeProbe,
                                            onEntry: (Entry) -> Void = { _ in }) throws -> (reason: StopReason, entries: [Entry]) {
        precondition(trainer.configuration.checkpointEvery != nil,
                     "build the trainer with NetworkLandscapeLog.configuration(forLogging:every:) so that checkpoints carry the log")
        precondition(probe.objective.matrix.rows == trainer.problem.count, "the probe's A and the trainer's problem differ in size")
        var entries: [Entry] = []
        func log<U: LinalgScalar>(_ t: Trainer<U>) throws {
            guard entries.last?.epoch != t.epoch else { return }
            var s = try probe.measure(t.trainingOutputs(), step: t.epoch)
            s.stepSize = 0
            let entry = Entry(epoch: t.epoch, sample: s)
            entries.append(entry)
            onEntry(entry)
        }
        try log(trainer)
        let reason = try trainer.run(onCheckpoint: { try log($0) })
        try log(trainer)
        return (reason, entries)
    }

    /// `configuration` with checkpoints every `every` epochs, so that `run(_:probe:onEntry:)` logs there.
    public static func configuration(forLogging configuration: TrainingConfiguration, every: Int) -> TrainingConfiguration {
        precondition(every >= 1)
        var c = configuration
        c.checkpointEvery = every
        c.checkpointSeconds = nil
        return c
    }
}
