import Foundation
import XCTest
import SpectralNN

/// Crash safety of `snn train` (issue 7): a run killed with SIGKILL at a random (seeded) moment, or stopped with
/// SIGTERM, resumes from its checkpoint to exactly the model of an uninterrupted run (single thread, same seed),
/// loses at most one checkpoint interval, and leaves no partial file behind.
final class KillResumeTests: XCTestCase {
    private var directory: URL!
    private static let checkpointEvery = 50
    private static let evaluateEvery = 10

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("snn-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var g = SeededGenerator(seed: 11)
        let points = (0..<(150 * 2)).map { _ in g.normal() }
        try NPY.write(NumpyArray(float64: points, shape: [150, 2]), path: path("points.npy"))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The training command; `checkpoints` adds the checkpoint folder and the JSON log.
    private func words(epochs: Int, out: String, checkpoints: Bool) -> [String] {
        var w = ["train", path("points.npy"), "--knn", "6", "-r", "2", "--hidden", "16,16", "--epochs", "\(epochs)",
                 "--seed", "3", "--eval-every", "\(Self.evaluateEvery)", "--quiet", "-o", path(out)]
        if checkpoints {
            w += ["--checkpoint-dir", path("ck"), "--checkpoint-every", "\(Self.checkpointEvery)", "--log", path("log.jsonl")]
        }
        return w
    }

    /// Starts `snn words…` single-threaded (OPENBLAS_NUM_THREADS=1), output to files in the test folder.
    private func start(_ words: [String]) throws -> Process {
        let process = Process()
        process.executableURL = try Snn.executable()
        process.arguments = words
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"
        process.environment = environment
        for name in ["stdout", "stderr"] { _ = FileManager.default.createFile(atPath: path(name), contents: nil) }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: path("stdout")))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: path("stderr")))
        try process.run()
        return process
    }

    private func runToEnd(_ words: [String]) throws -> (status: Int32, stderr: String) {
        let p = try start(words)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .exit, "snn \(words) crashed")
        return (p.terminationStatus, try String(contentsOfFile: path("stderr"), encoding: .utf8))
    }

    /// The tensors of a model file, by name.
    private func tensors(_ name: String) throws -> [String: SafeTensors.Tensor] {
        let (list, _) = try SafeTensors.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: path(name)))))
        return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
    }

    private func checkpointEpoch() throws -> Int {
        let (_, metadata) = try SafeTensors.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: path("ck/checkpoint.safetensors")))))
        let state = try XCTUnwrap(JSONSerialization.jsonObject(with: Data((metadata["checkpoint_state"] ?? "").utf8)) as? [String: Any])
        return try XCTUnwrap(state["epoch"] as? Int)
    }

    /// The epochs of the `--log` lines; every line must be complete JSON.
    private func loggedEpochs() throws -> [Int] {
        let text = try String(contentsOfFile: path("log.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
            return try XCTUnwrap(record["epoch"] as? Int)
        }
    }

    /// Files other than the inputs, outputs and the checkpoint: temporaries of an interrupted write.
    private func assertNoPartialFiles(_ file: StaticString = #filePath, line: UInt = #line) throws {
        for folder in [directory.path, path("ck")] {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
                XCTAssertFalse(name.hasPrefix(".") || name.contains(".tmp"), "partial file \(folder)/\(name)", file: file, line: line)
            }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: path("ck")), ["checkpoint.safetensors"], file: file, line: line)
    }

    /// An uninterrupted run's model and its wall time.
    private func reference(epochs: Int) throws -> (tensors: [String: SafeTensors.Tensor], seconds: Double) {
        let clock = Date()
        let r = try runToEnd(words(epochs: epochs, out: "reference.safetensors", checkpoints: false))
        XCTAssertEqual(r.status, 0, r.stderr)
        return (try tensors("reference.safetensors"), Date().timeIntervalSince(clock))
    }

    func testSIGKILLAtARandomMomentThenResumeGivesTheUninterruptedModel() throws {
        let epochs = 3000
        let (expected, seconds) = try reference(epochs: epochs)
        var generator = SeededGenerator(seed: 2024)
        var killed = false
        for _ in 0..<4 where !killed {
            try? FileManager.default.removeItem(atPath: path("ck"))
            try? FileManager.default.removeItem(atPath: path("log.jsonl"))
            let process = try start(words(epochs: epochs, out: "model.safetensors", checkpoints: true))
            // Wait for the first checkpoint, then a random fraction of the reference run's duration.
            let deadline = Date().addingTimeInterval(60)
            while !FileManager.default.fileExists(atPath: path("ck/checkpoint.safetensors")) && process.isRunning && Date() < deadline {
                usleep(1000)
            }
            usleep(UInt32(generator.uniform(0.05, 0.5) * seconds * 1e6))
            guard process.isRunning else { process.waitUntilExit(); continue }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal)
            killed = true
        }
        XCTAssertTrue(killed, "the training run always finished before the kill; make it longer")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("model.safetensors")), "a killed run wrote its model")

        // At most one checkpoint interval lost: the last evaluation logged before the kill is at most one interval
        // past the checkpoint (exactly one when the kill fell between the evaluation and the checkpoint write of
        // the same epoch).
        let saved = try checkpointEpoch()
        let lastLogged = try XCTUnwrap(try loggedEpochs().last)
        XCTAssertEqual(saved % Self.checkpointEvery, 0)
        XCTAssertLessThanOrEqual(lastLogged - saved, Self.checkpointEvery, "checkpoint at \(saved), log reached \(lastLogged)")

        let resumed = try runToEnd(words(epochs: epochs, out: "model.safetensors", checkpoints: true) + ["--resume"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        let got = try tensors("model.safetensors")
        XCTAssertEqual(Set(got.keys), Set(expected.keys))
        for (name, t) in expected { XCTAssertEqual(got[name], t, "tensor \(name) differs from the uninterrupted run") }
        XCTAssertEqual(try checkpointEpoch(), epochs)
        // The log continues after the resume: it ends at the last epoch, and its epochs never go back by more than
        // what the kill lost.
        let logged = try loggedEpochs()
        XCTAssertEqual(logged.last, epochs)
        XCTAssertTrue(zip(logged, logged.dropFirst()).allSatisfy { $1 > $0 - Self.checkpointEvery }, "\(logged)")
        try assertNoPartialFiles()
    }

    func testSIGTERMSavesACheckpointAndPrintsTheResumeCommand() throws {
        let epochs = 3000
        let (expected, _) = try reference(epochs: epochs)
        let process = try start(words(epochs: epochs, out: "model.safetensors", checkpoints: true))
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: path("ck/checkpoint.safetensors")) && process.isRunning && Date() < deadline {
            usleep(1000)
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit)
        let stderr = try String(contentsOfFile: path("stderr"), encoding: .utf8)
        if process.terminationStatus == 0 { throw XCTSkip("training finished before SIGTERM arrived") }
        XCTAssertEqual(process.terminationStatus, 1, stderr)
        XCTAssertEqual(stderr.split(separator: "\n").count, 1, stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("model.safetensors")))
        let stoppedAt = try checkpointEpoch()
        XCTAssertTrue(stderr.contains("stopped by SIGTERM at epoch \(stoppedAt) of \(epochs); checkpoint saved to \(path("ck/checkpoint.safetensors"))"), stderr)
        // The hint is the same command line plus --resume; running it finishes the run exactly.
        let hint = try XCTUnwrap(stderr.components(separatedBy: "resume with: ").last?.trimmingCharacters(in: .whitespacesAndNewlines))
        let hintWords = hint.split(separator: " ").map(String.init)
        XCTAssertEqual(Array(hintWords.dropFirst()), words(epochs: epochs, out: "model.safetensors", checkpoints: true) + ["--resume"])
        let resumed = try runToEnd(Array(hintWords.dropFirst()))
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        let got = try tensors("model.safetensors")
        for (name, t) in expected { XCTAssertEqual(got[name], t, "tensor \(name) differs from the uninterrupted run") }
        try assertNoPartialFiles()
    }
}
