import Foundation
import SpectralNN

/// What `snn demo` found: the numbers of `summary.json` (keys documented in the README) and of the stdout table.
struct DemoSummary {
    var data: String
    var points: Int
    var dimension: Int
    var rank: Int
    var graph: String
    var nonzeros: Int
    var referenceSolver: String
    /// Top r + 1 reference eigenvalues (the (r+1)-th shows the gap).
    var referenceValues: [Double]
    var epochs: Int
    var stopReason: String
    var trainingSeconds: Double
    var metrics: ReferenceMetrics
    var certificate: Certificate
    var outOfSample: [(String, Double)]
    var history: [EvaluationRecord]
    var timings: [(String, Double)]
    var totalSeconds: Double

    var json: JSONText {
        .object([
            ("data", .string(data)),
            ("points", .integer(points)),
            ("dimension", .integer(dimension)),
            ("r", .integer(rank)),
            ("graph", .string(graph)),
            ("graph_nonzeros", .integer(nonzeros)),
            ("reference_solver", .string(referenceSolver)),
            ("reference_eigenvalues", .numbers(referenceValues)),
            ("training", .object([
                ("epochs", .integer(epochs)),
                ("stop_reason", .string(stopReason)),
                ("seconds", .number(trainingSeconds)),
                ("final_loss", .number(history.last?.loss)),
            ])),
            ("subspace_error", .number(metrics.subspaceError)),
            ("procrustes_error", .number(metrics.procrustesError)),
            ("metrics", metrics.json),
            ("certificate", certificate.json),
            ("out_of_sample", .array(outOfSample.map { .object([("comparison", .string($0.0)), ("subspace_error", .number($0.1))]) })),
            ("history", .array(history.map { record in
                .object([("epoch", .integer(record.epoch)), ("seconds", .number(record.seconds)), ("loss", .number(record.loss)),
                         ("subspace_error", .number(record.subspaceError))])
            })),
            ("timings_seconds", .object(timings.map { ($0.0, .number($0.1)) })),
            ("total_seconds", .number(totalSeconds)),
        ])
    }

    /// The stdout summary.
    var table: [String] {
        func f(_ x: Double) -> String { String(format: "%.4g", x) }
        var rows: [(String, String)] = [
            ("subspace error vs reference (‖sin Θ‖_F/√r)", String(format: "%.4f", metrics.subspaceError)),
            ("Procrustes error of Y vs U_r Λ_r^{1/2}", String(format: "%.4f", metrics.procrustesError)),
            ("largest principal angle", String(format: "%.4f rad", metrics.largestAngle)),
            ("eigenvalues: reference", metrics.referenceValues.map(f).joined(separator: " ")),
            ("eigenvalues: SNN estimate λ̂", metrics.estimatedValues.map(f).joined(separator: " ")),
            ("eigenvalues: Ritz values", certificate.ritzValues.map(f).joined(separator: " ")),
            ("certificate", certificate.certified
                ? String(format: "‖sin Θ‖_F ≤ %.4g (gap μ_r − ν = %.3g)", certificate.bound ?? .nan, certificate.gap)
                : String(format: "not certified (gap estimate μ_r − ν = %.3g ≤ 0)", certificate.gap)),
        ]
        for (what, error) in outOfSample { rows.append((what, String(format: "%.4f", error))) }
        rows.append(("training", "\(epochs) epochs, \(String(format: "%.1f", trainingSeconds)) s (\(stopReason))"))
        rows.append(("total", String(format: "%.1f s", totalSeconds)))
        let width = rows.map(\.0.count).max() ?? 0
        return ["", "summary"] + rows.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
    }
}
