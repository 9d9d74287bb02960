import Foundation
import SpectralNN

/// The self-contained `report.html` of `snn demo`: settings, results, certificate, timings and figures.
struct DemoReport {
    let summary: DemoSummary
    let points: Matrix<Double>
    let y: Matrix<Double>
    let model: SpectralModel<Float>
    let fresh: Matrix<Double>?
    let freshEmbedding: Matrix<Double>?
    let onSphere: Bool
    let widths: [Int]

    var html: String {
        var report = HTMLReport(title: "snn demo — spectral neural network on \(summary.data)")
        report.paragraph("A ReLU network f_θ: R^\(summary.dimension) → R^\(summary.rank) trained so that Y = f_θ(X) ≈ U_r Λ_r^{1/2} O, the top-\(summary.rank) eigenpairs of the normalized adjacency A = D^{-1/2} G D^{-1/2} up to a rotation (Li, Sonthalia, García Trillos, arXiv 2310.00729). Checked against an exact eigensolver, by an a-posteriori certificate that needs no reference, and on fresh points.")
        report.section("Settings")
        report.keyValues([
            ("data", .text(summary.data)), ("points n", .integer(summary.points)), ("dimension d", .integer(summary.dimension)),
            ("eigenpairs r", .integer(summary.rank)), ("graph", .text(summary.graph)), ("graph non-zeros", .integer(summary.nonzeros)),
            ("network", .text(widths.map(String.init).joined(separator: "-") + " ReLU, float32")),
            ("objective", .text("lowrank: ‖YYᵀ − A_r‖_F² (same minimizers as eq. 1.1), √degree factor")),
            ("reference solver", .text(summary.referenceSolver)),
        ])
        report.section("Results")
        let m = summary.metrics
        var rows: [[TableCell]] = []
        for k in 0..<summary.rank {
            rows.append([.integer(k + 1), .number(m.referenceValues[k], significant: 6), .number(m.estimatedValues[k], significant: 6),
                         .number(summary.certificate.ritzValues[k], significant: 6), .number(m.eigenvalueRelativeErrors[k], significant: 3),
                         m.correlations[k].map { .number($0, significant: 4) } ?? .text("degenerate")])
        }
        report.keyValues([
            ("subspace error ‖sin Θ‖_F/√r", .number(m.subspaceError, significant: 4)),
            ("Procrustes error (paper's “up to rotation”)", .number(m.procrustesError, significant: 4)),
            ("largest principal angle (rad)", .number(m.largestAngle, significant: 4)),
            ("λ_{r+1} (reference)", .number(summary.referenceValues.last ?? .nan, significant: 6)),
            ("training", .text("\(summary.epochs) epochs in \(String(format: "%.1f", summary.trainingSeconds)) s (\(summary.stopReason))")),
        ], caption: "Against the exact eigenpairs")
        report.table(header: ["k", "λ_k reference", "λ̂_k SNN (YᵀY)", "Ritz value", "relative error of λ̂", "|⟨û_k, u_k⟩|"], rows: rows,
                     caption: "Eigenvalues; correlations only where the eigenvalue is simple")
        let c = summary.certificate
        report.subsection("A-posteriori certificate (no reference used)")
        report.keyValues([
            ("certified", .text(c.certified ? "yes" : "no — the gap estimate μ_r − ν is not positive")),
            ("Davis–Kahan bound on ‖sin Θ‖_F", c.bound.map { .number($0, significant: 4) } ?? .text("—")),
            ("as a subspace error (/√r)", c.subspaceErrorBound.map { .number($0, significant: 4) } ?? .text("—")),
            ("residual ‖AÛ − Û diag(μ)‖_F", .number(c.residualNorm, significant: 4)),
            ("ν ≥ λ_{r+1} (Lanczos on A deflated by Û)", .number(c.upperBoundNextEigenvalue, significant: 6)),
            ("gap μ_r − ν", .number(c.gap, significant: 4)),
        ])
        if !summary.outOfSample.isEmpty {
            report.subsection("Out of sample: \(fresh?.rows ?? 0) fresh points embedded by the trained network")
            report.table(header: ["comparison", "subspace error"], rows: summary.outOfSample.map { [.text($0.0), .number($0.1, significant: 4)] })
        }
        report.section("Training")
        let epochs = summary.history.map { Double($0.epoch) }
        var loss = Plot(title: "Loss ‖YYᵀ − A_r‖_F²", xAxis: PlotAxis(label: "epoch"), yAxis: PlotAxis(label: "loss", scale: .log10))
        loss.add(PlotSeries(name: "loss", x: epochs, y: summary.history.map(\.loss)))
        var error = Plot(title: "Subspace error against the reference", xAxis: PlotAxis(label: "epoch"),
                         yAxis: PlotAxis(label: "‖sin Θ‖_F/√r", scale: .log10), referenceLines: [.horizontal(0.02, label: "0.02")])
        error.add(PlotSeries(name: "SNN", x: epochs, y: summary.history.map { $0.subspaceError ?? .nan }))
        report.figure(loss, caption: "Training loss (full batch, Adam).")
        report.figure(error, caption: "Distance between span(Y) and the exact top-\(summary.rank) eigenvectors.")
        report.section("Embedding")
        let u = model.recovery!.applied(to: y)
        if summary.rank >= 3 {
            let coordinate = (0..<points.rows).map { points[$0, points.cols - 1] }
            report.figure(ScatterPlot(title: "Eigenvector estimates û₂ vs û₃", x: u.column(1), y: u.column(2),
                                      xAxis: PlotAxis(label: "û₂"), yAxis: PlotAxis(label: "û₃"),
                                      coloring: .values(coordinate, label: "last coordinate of x")),
                          caption: "Training points in the SNN embedding, coloured by their last coordinate.")
        }
        if onSphere {
            for k in 1..<min(summary.rank, 4) {
                report.figure(SpherePlot(title: "û_\(k + 1) on the sphere", points: points, values: u.column(k), valueLabel: "û_\(k + 1)"),
                              caption: "Eigenvector \(k + 1) estimated by the network, painted on S² (northern and southern hemispheres, Lambert equal-area).")
            }
            if let fresh, let freshEmbedding, summary.rank >= 2 {
                report.figure(SpherePlot(title: "û₂ on fresh points", points: fresh, values: freshEmbedding.column(1), valueLabel: "û₂"),
                              caption: "The same network evaluated on \(fresh.rows) new points: the out-of-sample extension.")
            }
        }
        report.section("Timings")
        report.table(header: ["step", "seconds"], rows: summary.timings.map { [.text($0.0), .seconds($0.1)] } + [[.text("total"), .seconds(summary.totalSeconds)]])
        return report.html
    }
}
