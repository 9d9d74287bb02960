import Foundation
import SpectralNN
import Synchronization

/// `snn train POINTS (--graph G | --knn K | --eps E) -r R … -o MODEL.safetensors`: trains a spectral network.
struct TrainCommand: Command {
    let name = "train"
    let abstract = "Train a ReLU network whose outputs are the top-r eigenvectors of the graph's normalized adjacency"

    var positionals: [PositionalSpec] { [PositionalSpec("points", help: "Training points, n × d (.npy or .csv)")] }

    var options: [OptionSpec] {
        GraphInput.options + [
            OptionSpec(short: "r", .int, valueName: "R", required: true, minimum: 1, help: "Number of eigenpairs (network outputs)"),
            OptionSpec(long: "hidden", .intList, valueName: "W,W", default: "128,128", minimum: 1, help: "Hidden layer widths"),
            OptionSpec(long: "activation", .string, valueName: "NAME", default: "relu", choices: Activation.allCases.map(\.rawValue),
                       help: "Activation of the hidden layers"),
            OptionSpec(long: "init", .string, valueName: "NAME", default: "pytorch", choices: Initialization.allCases.map(\.rawValue),
                       help: "Weight initialization (he: Kaiming normal; glorot; pytorch: nn.Linear's default uniform)"),
            OptionSpec(long: "epochs", .int, valueName: "E", default: "3000", minimum: 1, help: "Maximum number of epochs"),
            OptionSpec(long: "batch", .string, valueName: "full|N", default: "full",
                       help: "Full batch, or N rows per minibatch (unbiased estimator; an epoch is ⌈n/N⌉ steps)"),
            OptionSpec(long: "lr", .double, valueName: "RATE", help: "Learning rate (default: 0.003 for lowrank, 0.001 for paper)"),
            OptionSpec(long: "optimizer", .string, valueName: "NAME", default: "adam", choices: OptimizerKind.allCases.map(\.rawValue),
                       help: "Optimizer (adamw = Adam with decoupled weight decay)"),
            OptionSpec(long: "momentum", .double, valueName: "M", default: "0.9", help: "SGD momentum"),
            OptionSpec(long: "nesterov", .flag, help: "Nesterov momentum (SGD)"),
            OptionSpec(long: "weight-decay", .double, valueName: "W", default: "0", help: "Weight decay"),
            OptionSpec(long: "schedule", .string, valueName: "S", default: "constant",
                       help: "Learning-rate schedule: constant, cosine, step:EVERY:FACTOR, plateau[:PATIENCE:FACTOR]"),
            OptionSpec(long: "clip", .double, valueName: "NORM", help: "Clip the gradient to this norm (default: no clipping)"),
            OptionSpec(long: "objective", .string, valueName: "NAME", default: "auto", choices: ObjectiveKind.allCases.map(\.rawValue),
                       help: "auto = lowrank: ‖YYᵀ − A_r‖² with the top-r truncation A_r; paper: eq. 1.1 ‖YYᵀ − A‖²"),
            OptionSpec(long: "degree-factor", .string, valueName: "on|off|auto", default: "auto", choices: ["on", "off", "auto"],
                       help: "Model f = √(d/d̄)·g_θ (auto: on for lowrank, off for the paper's plain f_θ)"),
            OptionSpec(long: "reference", .string, valueName: "EIG.npz", help: "Reference eigenpairs (snn eigs) for the subspace error"),
            OptionSpec(long: "target-error", .double, valueName: "E", help: "Stop once the subspace error against --reference is ≤ E"),
            OptionSpec(long: "seed", .int, valueName: "S", default: "0", minimum: 0, help: "Random seed (initialization, minibatches)"),
            OptionSpec(long: "eval-every", .int, valueName: "K", default: "25", minimum: 1, help: "Evaluate every K epochs"),
            OptionSpec(long: "tol", .double, valueName: "T", default: "0",
                       help: "Stop when the loss changes by less than T (relative) between evaluations (0 = never)"),
            OptionSpec(long: "time-limit", .double, valueName: "SECONDS", help: "Stop after this many seconds of training"),
            OptionSpec(long: "checkpoint-dir", .string, valueName: "DIR", help: "Write DIR/checkpoint.safetensors during training"),
            OptionSpec(long: "checkpoint-every", .int, valueName: "N", minimum: 1, help: "Checkpoint every N epochs (default with --checkpoint-dir: 100)"),
            OptionSpec(long: "checkpoint-seconds", .double, valueName: "S", help: "Also checkpoint every S seconds"),
            OptionSpec(long: "resume", .flag, help: "Continue from DIR/checkpoint.safetensors (same data and settings)"),
            OptionSpec(long: "log", .string, valueName: "FILE", help: "Write one JSON line per evaluation (continued, not restarted, by --resume)"),
            OptionSpec(long: "quiet", .flag, help: "No progress output"),
            OptionSpec(long: "precision", .string, valueName: "P", default: "float", choices: ["float", "double"], help: "Training precision"),
            OptionSpec(long: "out", short: "o", .string, valueName: "MODEL.safetensors", required: true, help: "Output model file"),
        ]
    }

    var discussion: String {
        """
        The default objective (lowrank) trains the SNN loss on A_r = U_r Λ_r U_rᵀ, the rank-r truncation of A from one
        reference solve: the same minimizers as the paper's ‖YYᵀ − A‖² but an infinite relative gap, so training does
        not stall where the top of the spectrum is crowded (kNN graphs). --objective paper trains eq. 1.1 itself.

        EXAMPLES:
          snn train points.npy --knn 15 -r 4 -o model.safetensors
          snn train points.npy --graph graph.npz -r 4 --reference eig.npz --time-limit 60 -o model.safetensors
          snn train points.npy --eps 0.35 -r 4 --objective paper --epochs 5000 -o paper.safetensors
        """
    }

    func run(_ arguments: ParsedArguments) throws {
        let clock = Stopwatch()
        let pointsPath = arguments.positional("points")!
        let out = arguments.string("out")!
        var c = TrainingConfiguration()
        c.hidden = arguments.intList("hidden")!
        c.activation = Activation(rawValue: arguments.string("activation")!)!
        c.initialization = Initialization(rawValue: arguments.string("init")!)!
        c.epochs = arguments.int("epochs")!
        let batch = arguments.string("batch")!
        if batch != "full" {
            guard let b = Int(batch), b >= 2 else { throw UsageError("--batch must be 'full' or a number ≥ 2 (got '\(batch)')", command: name) }
            c.batchSize = b
        }
        c.learningRate = arguments.double("lr")
        c.optimizer = OptimizerKind(rawValue: arguments.string("optimizer")!)!
        c.momentum = arguments.double("momentum")!
        c.nesterov = arguments.flag("nesterov")
        c.weightDecay = arguments.double("weight-decay")!
        c.schedule = try Self.schedule(arguments.string("schedule")!, epochs: c.epochs, command: name)
        c.clipNorm = arguments.double("clip")
        c.objective = ObjectiveKind(rawValue: arguments.string("objective")!)!
        switch arguments.string("degree-factor")! { case "on": c.degreeFactor = true; case "off": c.degreeFactor = false; default: break }
        c.seed = UInt64(arguments.int("seed")!)
        c.evaluateEvery = arguments.int("eval-every")!
        c.tolerance = arguments.double("tol")!
        c.timeLimit = arguments.double("time-limit")
        c.targetError = arguments.double("target-error")
        let checkpointDir = arguments.string("checkpoint-dir")
        c.checkpointSeconds = arguments.double("checkpoint-seconds")
        c.checkpointEvery = arguments.int("checkpoint-every") ?? (checkpointDir != nil && c.checkpointSeconds == nil ? 100 : nil)
        if (arguments.wasGiven("checkpoint-every") || arguments.wasGiven("checkpoint-seconds") || arguments.flag("resume")) && checkpointDir == nil {
            throw UsageError("--checkpoint-every, --checkpoint-seconds and --resume need --checkpoint-dir DIR", command: name)
        }
        if c.targetError != nil && !arguments.wasGiven("reference") {
            throw UsageError("--target-error needs --reference EIG.npz", command: name)
        }
        do { try c.validate() } catch let error as SNNError { throw UsageError(error.description, command: name) }
          catch let error as NeuralError { throw UsageError(error.description, command: name) }
        _ = try FileKind.require(out, [.safetensors], option: "-o/--out", command: name)
        try Self.requireWritableFolder(of: out)

        let points = try PointsFile.read(path: pointsPath)
        try Self.requireFeasibleNetwork(widths: [points.cols] + c.hidden + [arguments.int("r")!], points: points.rows, command: name)
        if let b = c.batchSize, b > points.rows {
            throw UsageError("--batch \(b) is larger than the \(points.rows) points; use --batch full or a number ≤ \(points.rows)", command: name)
        }
        let input = try GraphInput.resolve(arguments, points: points, command: name)
        var problem = try TrainingProblem(points: points, graph: input.graph, rank: arguments.int("r")!,
                                          degreeRule: input.degreeRule, graphDescription: input.description)
        if let warning = input.graph.componentWarning() { FileHandle.standardError.write(Data("snn: \(warning)\n".utf8)) }
        if let path = arguments.string("reference") {
            problem.reference = try EigenFile.read(path: path)
            guard problem.reference!.vectors.rows == points.rows, problem.reference!.vectors.cols >= problem.rank else {
                throw CommandFailure("the reference \(path) has \(problem.reference!.vectors.rows) × \(problem.reference!.vectors.cols) vectors; it needs \(points.rows) rows and at least r = \(problem.rank) columns (snn eigs -r \(problem.rank))")
            }
            problem.reference!.vectors = problem.reference!.vectors.columns(0..<problem.rank)
        }
        print("training on \(points.rows) points in \(points.cols) dimensions, graph: \(input.description), nnz \(input.graph.nonzeroCount)")
        let session = Session(configuration: c, problem: problem, out: out, checkpointDir: checkpointDir,
                              resume: arguments.flag("resume"), logPath: arguments.string("log"), quiet: arguments.flag("quiet"),
                              resumeCommand: Self.resumeCommand(CommandLine.arguments))
        if arguments.string("precision") == "double" { try session.train(Double.self) } else { try session.train(Float.self) }
        print("done in \(clock.formatted)")
    }

    /// The most values (parameters, or activations of one forward pass over the points) `snn train` allocates
    /// for the network: 2²⁹, i.e. 4 GiB of doubles, the same bound as `snn sample`'s output.
    static let maximumNetworkValues = 1 << 29

    /// Refuses `--hidden` widths whose parameters or activations (n × Σ widths) would exceed
    /// `maximumNetworkValues`, before anything is allocated.
    /// - Throws: `UsageError` naming the sizes.
    static func requireFeasibleNetwork(widths: [Int], points n: Int, command: String) throws {
        var parameters = 0, activations = 0, overflow = false
        for (a, b) in zip(widths, widths.dropFirst()) {
            let (p, o1) = (a + 1).multipliedReportingOverflow(by: b)
            let (sum, o2) = parameters.addingReportingOverflow(p)
            let (rowValues, o3) = n.multipliedReportingOverflow(by: b)
            let (total, o4) = activations.addingReportingOverflow(rowValues)
            overflow = overflow || o1 || o2 || o3 || o4
            parameters = sum; activations = total
        }
        guard !overflow, parameters <= maximumNetworkValues, activations <= maximumNetworkValues else {
            throw UsageError("the network \(widths.map(String.init).joined(separator: "-")) on \(n) points needs more than "
                + "\(maximumNetworkValues) parameters or activations; use smaller --hidden widths", command: command)
        }
    }

    /// Refuses an output path whose folder is missing or read-only before any training time is spent.
    /// - Throws: `DataError.unwritable`.
    static func requireWritableFolder(of path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        let folder = parent.isEmpty ? "." : parent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
            throw DataError.unwritable(path: path, reason: "folder \(folder) does not exist")
        }
        guard isFolder.boolValue else { throw DataError.unwritable(path: path, reason: "\(folder) is not a folder") }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw DataError.unwritable(path: path, reason: "folder \(folder) is not writable")
        }
    }

    /// The command line that continues this run: the same words, quoted for a POSIX shell, plus `--resume`.
    static func resumeCommand(_ words: [String]) -> String {
        func quoted(_ w: String) -> String {
            let safe = w.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_./=,:+@%".unicodeScalars.contains($0) }
            return safe && !w.isEmpty ? w : "'" + w.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        let all = words.contains("--resume") ? words : words + ["--resume"]
        return all.map(quoted).joined(separator: " ")
    }

    /// Parses `--schedule`.
    static func schedule(_ text: String, epochs: Int, command: String) throws -> LearningRateSchedule {
        let parts = text.split(separator: ":").map(String.init)
        switch parts.first {
        case "constant" where parts.count == 1: return .constant
        case "cosine" where parts.count == 1: return .cosine(total: epochs, floor: 0)
        case "step" where parts.count == 3:
            if let every = Int(parts[1]), let factor = Double(parts[2]) { return .step(every: every, factor: factor) }
        case "plateau" where parts.count == 1: return .reduceOnPlateau(patience: 10, factor: 0.5, threshold: 1e-4)
        case "plateau" where parts.count == 3:
            if let patience = Int(parts[1]), let factor = Double(parts[2]) { return .reduceOnPlateau(patience: patience, factor: factor, threshold: 1e-4) }
        default: break
        }
        throw UsageError("--schedule must be constant, cosine, step:EVERY:FACTOR or plateau[:PATIENCE:FACTOR] (got '\(text)')", command: command)
    }
}

/// One training run of `snn train`, generic over the precision.
struct Session {
    let configuration: TrainingConfiguration
    let problem: TrainingProblem
    let out: String
    let checkpointDir: String?
    let resume: Bool
    let logPath: String?
    let quiet: Bool
    /// What to type to continue after an interruption (`snn train … --resume`).
    let resumeCommand: String

    var checkpointPath: String? { checkpointDir.map { ($0 as NSString).appendingPathComponent("checkpoint.safetensors") } }

    func train<T: LinalgScalar>(_: T.Type) throws {
        let c = configuration
        if resume, let path = checkpointPath, !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure("--resume: there is no checkpoint \(path); give the --checkpoint-dir of the interrupted run, or start afresh without --resume")
        }
        if let checkpointDir { try Console.makeDirectories(checkpointDir) }
        // Temporary files of an earlier run that was killed mid-write.
        for path in [checkpointPath, out].compactMap({ $0 }) { AtomicFile.removeStaleTemporaries(of: path) }
        var trainer = try Trainer<T>(problem: problem, configuration: c)
        if trainer.setupSeconds > 0 {
            print("objective \(c.objective.resolved.rawValue): top-\(problem.rank) target solved in \(String(format: "%.2f", trainer.setupSeconds)) s")
        } else {
            print("objective \(c.objective.resolved.rawValue)")
        }
        if resume, let path = checkpointPath {
            try TrainingCheckpoint.restore(&trainer, path: path)
            print("resumed from \(path) at epoch \(trainer.epoch)")
        }
        print("network \(trainer.model.network.widths.map(String.init).joined(separator: "-")) \(c.activation.rawValue), \(trainer.model.network.parameterCount) parameters, \(T.self == Float.self ? "float32" : "float64"), degree factor \(c.usesDegreeFactor ? "on" : "off")")
        let progress = try TrainingProgress(totalEpochs: c.epochs, quiet: quiet, logPath: logPath, append: resume)
        let checkpoint = checkpointPath
        var lastCheckpointEpoch: Int? = resume ? trainer.epoch : nil
        StopSignal.install()
        defer { StopSignal.uninstall() }
        let reason: StopReason
        do {
            reason = try trainer.run(
                onEpoch: { progress.epoch($0, loss: $1, seconds: $2) },
                onEvaluation: { progress.evaluation($0) },
                onCheckpoint: { t in
                    if let checkpoint { try TrainingCheckpoint.write(t, path: checkpoint); lastCheckpointEpoch = t.epoch }
                },
                shouldStop: { StopSignal.received != nil })
        } catch let error as SNNError {
            progress.finish()
            guard case .diverged = error else { throw error }
            // The diverged state is never written: the last checkpoint (if any) stays the last good one.
            let kept = checkpoint.flatMap { path in lastCheckpointEpoch.map { "; the last good checkpoint \(path) (epoch \($0)) is kept unchanged" } }
            throw CommandFailure(error.description + (kept ?? "; no checkpoint was written"))
        }
        progress.finish()
        if reason == .interrupted {
            let signal = StopSignal.received == SIGTERM ? "SIGTERM" : "SIGINT"
            guard let checkpoint else {
                throw CommandFailure("stopped by \(signal) at epoch \(trainer.epoch) of \(c.epochs); nothing was saved; "
                    + "add --checkpoint-dir DIR to be able to resume an interrupted run")
            }
            try TrainingCheckpoint.write(trainer, path: checkpoint)
            throw CommandFailure("stopped by \(signal) at epoch \(trainer.epoch) of \(c.epochs); checkpoint saved to \(checkpoint); "
                + "resume with: \(resumeCommand)")
        }
        if let checkpoint { try TrainingCheckpoint.write(trainer, path: checkpoint) }
        let last = trainer.history.last
        let seconds = trainer.elapsedBefore
        print("stopped: \(reason.rawValue) after \(trainer.epoch) epochs, \(trainer.step) steps in \(String(format: "%.2f", seconds)) s (\(String(format: "%.2f", seconds * 1000 / Double(max(1, trainer.epoch)))) ms/epoch)")
        if let last {
            print("loss \(Console.number(last.loss))" + (last.subspaceError.map { String(format: ", subspace error %.4f", $0) } ?? ""))
        }
        let y = trainer.trainingOutputs()
        let ritz = try RayleighRitz.refine(y, matrix: problem.adjacency)
        print("eigenvalues λ̂ (from YᵀY): " + trainer.model.recovery!.sigma.map { Console.number($0) }.joined(separator: " "))
        print("Ritz values (Rayleigh–Ritz with A): " + ritz.values.map { Console.number($0) }.joined(separator: " "))
        if let reference = problem.reference {
            print("reference eigenvalues:           " + reference.values.prefix(problem.rank).map { Console.number($0) }.joined(separator: " "))
        }
        var metadata = ["graph": problem.graphDescription, "objective": c.objective.resolved.rawValue, "seed": "\(c.seed)",
                        "epochs": "\(trainer.epoch)", "hidden": c.hidden.map(String.init).joined(separator: ",")]
        if let e = last?.subspaceError { metadata["subspace_error"] = "\(e)" }
        try ModelFile.write(trainer.model, metadata: metadata, path: out)
        print("wrote \(out)")
    }
}

/// SIGINT / SIGTERM during training: the first one asks the trainer to stop at the end of the current epoch
/// (which then saves a checkpoint); a second one ends the process at once.
enum StopSignal {
    private static let signalNumber = Atomic<Int32>(0)

    /// The signal received since `install`, if any.
    static var received: Int32? {
        let s = signalNumber.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }

    /// Installs the handlers (only async-signal-safe work inside: an atomic store, or `_exit`).
    static func install() {
        signalNumber.store(0, ordering: .relaxed)
        for s in [SIGINT, SIGTERM] {
            signal(s) { number in
                if StopSignal.signalNumber.exchange(number, ordering: .relaxed) != 0 { _exit(128 + number) }
            }
        }
    }

    /// Restores the default actions.
    static func uninstall() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
