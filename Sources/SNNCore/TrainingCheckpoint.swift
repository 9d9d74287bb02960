import Foundation
import SNNLinalg
import SNNData
import SNNNeural

/// Checkpoints of a training run: a model file (`ModelFile`) whose metadata also holds the optimizer, schedule,
/// generator state, epoch, step count, elapsed time and history as JSON (`checkpoint_state`), so that
/// `--resume` continues exactly where the run stopped (the same final weights as an uninterrupted run).
public enum TrainingCheckpoint {
    public static let format = "snn-checkpoint"

    struct State<T: LinalgScalar>: Codable {
        var fingerprint: String
        var count: Int
        var epoch: Int
        var step: Int
        var elapsed: Double
        var optimizer: AnyOptimizer<T>
        var scheduler: LearningRateScheduler
        var generator: SeededGenerator
        var history: [EvaluationRecord]
        var initialLoss: Double?
    }

    /// Writes the trainer's state atomically to `path`.
    public static func write<T: LinalgScalar>(_ trainer: Trainer<T>, path: String) throws {
        let state = State(fingerprint: trainer.configuration.trajectoryFingerprint, count: trainer.problem.count,
                          epoch: trainer.epoch, step: trainer.step, elapsed: trainer.elapsedBefore,
                          optimizer: trainer.optimizer, scheduler: trainer.scheduler, generator: trainer.generator,
                          history: trainer.history, initialLoss: trainer.firstLoss)
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let json = String(decoding: try encoder.encode(state), as: UTF8.self)
        var (tensors, metadata) = ModelFile.contents(trainer.model, extra: ["checkpoint_state": json])
        metadata["format"] = format
        tensors.removeAll { $0.name.hasPrefix("eigen.") }
        try AtomicFile.write(SafeTensors.encode(tensors: tensors, metadata: metadata), to: path)
    }

    /// Restores `trainer` (built with the same problem and settings) from a checkpoint.
    /// - Throws: `SNNError.badCheckpoint` when the file is unreadable or was written with other settings or data.
    public static func restore<T: LinalgScalar>(_ trainer: inout Trainer<T>, path: String) throws {
        func bad(_ p: String) -> SNNError { .badCheckpoint(path: path, problem: p) }
        let bytes: [UInt8]
        do { bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path))) } catch { throw bad("cannot read it (\(error.localizedDescription))") }
        let tensors: [SafeTensors.Tensor], metadata: [String: String]
        do { (tensors, metadata) = try SafeTensors.decode(bytes) } catch { throw bad("\(error)") }
        guard metadata["format"] == format, let json = metadata["checkpoint_state"] else { throw bad("it is not an snn training checkpoint") }
        let state: State<T>
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { state = try decoder.decode(State<T>.self, from: Data(json.utf8)) } catch {
            throw bad("its state is unreadable or was saved in another precision (\(error))")
        }
        guard state.count == trainer.problem.count else {
            throw bad("it was trained on \(state.count) points, these are \(trainer.problem.count); resume with the same data or start afresh without --resume")
        }
        guard state.fingerprint == trainer.configuration.trajectoryFingerprint else {
            throw bad("it was written with different settings (network, optimizer, learning rate, objective, batch or seed); use the same flags or start afresh without --resume")
        }
        let model: SpectralModel<T> = try ModelFile.model(tensors: tensors, metadata: metadata, path: path)
        guard model.network.widths == trainer.model.network.widths else { throw bad("its network has other widths") }
        trainer.restore(network: model.network, optimizer: state.optimizer, scheduler: state.scheduler,
                        generator: state.generator, epoch: state.epoch, step: state.step, elapsed: state.elapsed,
                        history: state.history, initialLoss: state.initialLoss)
    }
}
