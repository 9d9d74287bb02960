import Foundation
import SpectralNN

/// Progress of a training run on stderr: a single updating bar (epoch, loss, epochs/s, ETA, error) when stderr is
/// a terminal, plain lines at each evaluation otherwise; nothing with `--quiet`. Also the `--log` JSON lines.
final class TrainingProgress {
    private let totalEpochs: Int
    private let quiet: Bool
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastDraw = Date.distantPast
    private var lastError: Double? = nil
    private let log: FileHandle?

    /// - Parameter append: keep the lines already in the log (a resumed run) instead of starting it afresh.
    init(totalEpochs: Int, quiet: Bool, logPath: String?, append: Bool = false) throws {
        self.totalEpochs = totalEpochs
        self.quiet = quiet
        if let logPath {
            let keep = append && FileManager.default.fileExists(atPath: logPath)
            guard keep || FileManager.default.createFile(atPath: logPath, contents: nil),
                  let handle = FileHandle(forWritingAtPath: logPath) else {
                throw CommandFailure("cannot write the log file '\(logPath)'; choose a writable path for --log")
            }
            if keep { _ = try? handle.seekToEnd() }
            log = handle
        } else {
            log = nil
        }
    }

    deinit { try? log?.close() }

    func epoch(_ epoch: Int, loss: Double, seconds: Double) {
        guard !quiet, isTerminal else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || epoch == totalEpochs else { return }
        lastDraw = now
        let rate = Double(epoch) / max(seconds, 1e-9)
        let eta = Double(totalEpochs - epoch) / max(rate, 1e-9)
        let width = 24
        let filled = min(width, width * epoch / max(1, totalEpochs))
        var line = "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
        line += "epoch \(epoch)/\(totalEpochs)  loss \(Console.number(loss))  \(String(format: "%.0f", rate)) ep/s  ETA \(String(format: "%.0f", eta)) s"
        if let e = lastError { line += "  err \(String(format: "%.4f", e))" }
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
    }

    func evaluation(_ record: EvaluationRecord) {
        lastError = record.subspaceError
        if let log, let data = try? JSONEncoder.sorted.encode(record) {
            log.write(data + Data("\n".utf8))
        }
        guard !quiet, !isTerminal else { return }
        var line = "epoch \(record.epoch)  loss \(Console.number(record.loss))  \(String(format: "%.1f", record.seconds)) s"
        if let e = record.subspaceError { line += "  subspace error \(String(format: "%.4f", e))" }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    func finish() {
        if !quiet && isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

extension JSONEncoder {
    /// An encoder with sorted keys (stable JSON for logs and summaries).
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }
}
