import Foundation
import SpectralNN

extension LandscapeCommand {
    /// Radii (relative to ‖Y*‖_F) of the ball around Y* on which λ_min is measured.
    static let ballRadii = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5]

    /// λ_min at `Y* + ρ‖Y*‖_F ξ` for unit horizontal directions ξ at `Y*`: `samples` random ones and, for each
    /// saddle, the horizontal part of the direction from `Y*` towards `Y_S O` (O its optimal rotation), where the
    /// curvature must eventually turn negative. For horizontal ξ and small ρ, `d(Y, Y*) = ρ‖Y*‖_F`; it is measured.
    func ballAroundOptimum(probe: LandscapeProbe, saddles: [StationaryPoint], samples: Int,
                           generator: inout SeededGenerator) throws -> [BallRecord] {
        let y = probe.optimum
        let projector = try HorizontalProjector(at: y)
        var directions: [(String, Matrix<Double>)] = []
        for k in 0..<samples {
            directions.append(("random-\(k + 1)", projector.project(Matrix<Double>(rows: y.rows, cols: y.cols) { _, _ in generator.normal() })))
        }
        for s in saddles where !s.isGlobalMinimum {
            let o = try QuotientDistance(from: y, to: s.point).rotation      // min_O ‖Y* − Y_S O‖
            var toward = Matrix.multiply(s.point, o)
            toward.add(y, scaledBy: -1)
            directions.append(("toward \(s.label)", projector.project(toward)))
        }
        var records: [BallRecord] = []
        for radius in Self.ballRadii {
            for (name, direction) in directions {
                var xi = direction
                xi.scale(by: radius * probe.optimumNorm / xi.frobeniusNorm)
                var point = y
                point.add(xi)
                records.append(BallRecord(radius: radius, direction: name, relativeDistance: try probe.relativeDistance(point),
                                          lambdaMin: try probe.lambdaMin(point)))
            }
        }
        return records
    }

    /// The largest radius ρ such that λ_min > 0 at every sample of every radius ≤ ρ; nil if the smallest fails.
    static func largestPositiveRadius(_ ball: [BallRecord]) -> Double? {
        var best: Double? = nil
        for radius in ballRadii {
            let at = ball.filter { $0.radius == radius }
            guard !at.isEmpty, at.allSatisfy({ $0.lambdaMin > 0 }) else { break }
            best = radius
        }
        return best
    }

    /// A CSV text field in double quotes (labels such as `{1,2,3,5}` contain commas).
    private static func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    private static func csvNumber(_ x: Double) -> String { x.isFinite ? String(format: "%.10g", x) : "nan" }

    private static func json(_ x: Double?) -> Any {
        guard let x, x.isFinite else { return NSNull() }
        return x
    }

    private static func median(_ xs: [Int]) -> Double? {
        guard !xs.isEmpty else { return nil }
        let s = xs.sorted()
        return s.count % 2 == 1 ? Double(s[s.count / 2]) : Double(s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    private static func write(_ text: String, _ path: String) throws {
        try AtomicFile.write(Array(text.utf8), to: path)
    }

    func writeOutputs(out: String, probe: LandscapeProbe, values: [Double], r: Int, p: Int, stationary: [StationaryPoint],
                      runs: [RunRecord], escapes: [EscapeRecord], ball: [BallRecord], positiveRadius: Double?,
                      starLambda: (min: Double, max: Double), settings: DescentSettings, thresholds: RegionThresholds,
                      sigmas: [Double], randomCount: Int, seconds: Double) throws {
        // CSV logs.
        var csv = "run,kind,start,step,loss,gradient_norm,relative_distance,lambda_min,hessian_step,region,step_size\n"
        for run in runs {
            for s in run.trajectory.samples {
                csv += "\(Self.quoted(run.name)),\(run.kind),\(Self.quoted(run.start)),\(s.step),\(Self.csvNumber(s.loss)),\(Self.csvNumber(s.gradientNorm)),"
                    + "\(Self.csvNumber(s.relativeDistance)),\(Self.csvNumber(s.lambdaMin)),\(s.hessianStep),\(s.region.rawValue),"
                    + "\(Self.csvNumber(s.stepSize))\n"
            }
        }
        try Self.write(csv, "\(out)/trajectories.csv")
        var stationaryCSV = "subset,is_minimum,loss,gradient_norm,predicted_index,measured_index,index_is_lower_bound,lambda_min\n"
        for s in stationary {
            stationaryCSV += "\(Self.quoted(s.label)),\(s.isGlobalMinimum),\(Self.csvNumber(s.loss)),\(Self.csvNumber(s.gradientNorm)),"
                + "\(s.predictedIndex),\(s.measuredIndex.map(String.init) ?? ""),\(s.indexIsLowerBound),"
                + "\(Self.csvNumber(s.smallestEigenvalues.first ?? .nan))\n"
        }
        try Self.write(stationaryCSV, "\(out)/stationary.csv")
        var ballCSV = "radius,direction,relative_distance,lambda_min\n"
        for b in ball {
            ballCSV += "\(Self.csvNumber(b.radius)),\(Self.quoted(b.direction)),\(Self.csvNumber(b.relativeDistance)),\(Self.csvNumber(b.lambdaMin))\n"
        }
        try Self.write(ballCSV, "\(out)/ball.csv")

        // Summary.
        let randomRuns = runs.filter { $0.kind == "random" }
        let reached = randomRuns.filter { $0.trajectory.reachedMinimum }.count
        var escapeSummary: [[String: Any]] = []
        for sigma in sigmas {
            let at = escapes.filter { $0.sigma == sigma }
            let steps = at.compactMap(\.escapeStep)
            escapeSummary.append([
                "sigma": sigma, "runs": at.count, "escaped": steps.count,
                "reached_minimum": at.filter(\.reachedMinimum).count,
                "median_escape_step": Self.json(Self.median(steps)), "max_escape_step": Self.json(steps.max().map(Double.init)),
                "per_saddle": at.map { ["subset": $0.subset, "escape_step": Self.json($0.escapeStep.map(Double.init)),
                                        "reached_minimum": $0.reachedMinimum] as [String: Any] },
            ])
        }
        var ballSummary: [[String: Any]] = []
        for radius in Self.ballRadii {
            let at = ball.filter { $0.radius == radius }.map(\.lambdaMin)
            ballSummary.append(["radius": radius, "lambda_min_min": Self.json(at.min()), "lambda_min_max": Self.json(at.max())])
        }
        let stepRule: String
        switch settings.stepRule {
        case let .fixed(h): stepRule = "fixed \(h)"
        case let .armijo(maximum): stepRule = "armijo (max \(maximum))"
        }
        let summary: [String: Any] = [
            "n": probe.optimum.rows, "r": r, "saddle_extra_p": p,
            "eigenvalues": values, "gap": values[r - 1] - values[r],
            "optimum_norm": probe.optimumNorm, "optimal_loss": probe.optimalLoss,
            "hessian_at_optimum": ["lambda_min": starLambda.min, "lambda_max": starLambda.max,
                                   "lambda_min_theory": 4 * (values[r - 1] - values[r])],
            "random_starts": ["count": randomCount, "reached_minimum": reached,
                              "fraction_reaching_minimum": randomCount > 0 ? Double(reached) / Double(randomCount) : NSNull(),
                              "minimum_tolerance": settings.minimumTolerance,
                              "final_relative_distance": randomRuns.map { Self.json($0.trajectory.samples.last!.relativeDistance) },
                              "steps": randomRuns.map { $0.trajectory.samples.count - 1 }],
            "escapes": escapeSummary,
            "ball": ["largest_radius_with_positive_lambda_min": Self.json(positiveRadius), "radii": ballSummary],
            "stationary_points": stationary.map { s -> [String: Any] in
                ["subset": s.label, "is_minimum": s.isGlobalMinimum, "loss": s.loss, "gradient_norm": s.gradientNorm,
                 "predicted_index": s.predictedIndex, "measured_index": s.measuredIndex.map { $0 as Any } ?? NSNull(),
                 "index_is_lower_bound": s.indexIsLowerBound, "lambda_min": Self.json(s.smallestEigenvalues.first)]
            },
            "settings": ["steps": settings.steps, "step_rule": stepRule, "hessian_every": settings.hessianEvery,
                         "gradient_tolerance": settings.gradientTolerance,
                         "near_optimal_distance": thresholds.nearOptimalDistance,
                         "near_saddle_gradient": thresholds.nearSaddleGradient, "sigmas": sigmas],
            "seconds": seconds,
        ]
        let data = try JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys])
        try AtomicFile.write([UInt8](data) + [10], to: "\(out)/summary.json")

        // Figures, then one self-contained HTML report holding them and the summary.
        try writeFigures(out: out, probe: probe, stationary: stationary, runs: runs, sigmas: sigmas)
        try writeReport(out: out, summary: String(decoding: data, as: UTF8.self))
    }

    /// `report.html`: the six figures inline with how to read them, and `summary.json`.
    private func writeReport(out: String, summary: String) throws {
        var report = HTMLReport(title: "snn landscape — the SNN objective ‖YYᵀ − A‖² on the quotient by rotations")
        report.paragraph("Gradient descent on the ambient problem from random starts, from points near Y* and from perturbed saddles Y_S + σZ; regions: near-optimal (close to Y*, Hessian positive on the horizontal space), near-saddle (small gradient, a negative direction), large-gradient (everything else). How to read each figure: docs/landscape.md.")
        let figures: [(String, String)] = [
            ("regions.svg", "Region of every step, one bar per run."),
            ("loss.svg", "Loss gap to the global minimum; dashed lines are the loss levels of the saddles Y_S."),
            ("saddle-escape.svg", "Runs started next to saddles: a plateau at the saddle's level, then escape and convergence."),
            ("gradient.svg", "Gradient norm along each run."),
            ("lambda-min.svg", "Smallest eigenvalue of the Riemannian Hessian on the horizontal space."),
            ("distance.svg", "Quotient distance to Y*, relative to ‖Y*‖_F."),
        ]
        for (file, caption) in figures {
            let svg = try String(contentsOfFile: "\(out)/\(file)", encoding: .utf8)
            report.figure(svg, caption: caption)
        }
        report.section("summary.json")
        report.preformatted(summary)
        try Self.write(report.html, "\(out)/report.html")
    }

    /// Fill colours of the regions in `regions.svg`, in `LandscapeRegion.allCases` order.
    private static let regionColors: [LandscapeRegion: RGBColor] = [
        .nearOptimal: RGBColor(hex: "#2a9d4b"), .nearSaddle: RGBColor(hex: "#c8313a"), .largeGradient: RGBColor(hex: "#2f6db5"),
    ]

    /// A step-indexed line plot of one value per run, 760 × 420 like `regions.svg`; `logY` puts y on a log₁₀ axis
    /// (non-positive values then break the lines). The legend lists as many runs as fit, then "… N more".
    private static func stepPlot(title: String, yLabel: String, runs: [RunRecord], logY: Bool,
                                 references: [ReferenceLine] = [],
                                 points: (RunRecord) -> [(x: Double, y: Double)]) -> Plot {
        // The x axis ends at the last step rather than at the next round tick.
        let lastStep = runs.compactMap { $0.trajectory.samples.last?.step }.max() ?? 0
        var plot = Plot(title: title, xAxis: PlotAxis(label: "step", range: 0...Double(Swift.max(lastStep, 1))),
                        yAxis: PlotAxis(label: yLabel, scale: logY ? .log10 : .linear),
                        referenceLines: references, width: 760, height: 420)
        for run in runs {
            let p = points(run)
            plot.add(PlotSeries(name: run.name, x: p.map(\.x), y: p.map(\.y), lineWidth: 1.3))
        }
        return plot
    }

    /// Dashed lines at the saddles' loss gaps for a log-y `stepPlot` showing the values `plotted`. Levels closer than
    /// about one label height on that axis share one label (on the highest: its subset and "+N more"), so the
    /// labels do not overprint each other.
    private static func levelLines(_ levels: [(gap: Double, labels: [String])], plotted: [Double],
                                   color: RGBColor) -> [ReferenceLine] {
        let shown = levels.filter { $0.gap > 0 && $0.gap.isFinite }.sorted { $0.gap > $1.gap }
        let logs = (plotted + shown.map(\.gap)).filter { $0 > 0 && $0.isFinite }.map { Foundation.log10($0) }
        guard let lo = logs.min(), let hi = logs.max() else { return [] }
        // stepPlot's data area is about 336 px high; the log axis adds ~4 % margins; a label needs ~13 px.
        let decadesPerPixel = Swift.max(hi - lo, 1) * 1.08 / 336
        let minimumGap = 13 * decadesPerPixel
        var lines: [ReferenceLine] = []
        var cluster: [(gap: Double, labels: [String])] = []
        func flush() {
            guard !cluster.isEmpty else { return }
            let subsets = cluster.flatMap(\.labels)
            let more = subsets.count > 1 ? " +\(subsets.count - 1) more" : ""
            for (k, level) in cluster.enumerated() {
                lines.append(.horizontal(level.gap, label: k == 0 ? "ℓ(Y_S) − ℓ*, S = \(subsets[0])\(more)" : "",
                                         color: color))
            }
            cluster.removeAll()
        }
        for level in shown {
            if let top = cluster.first, Foundation.log10(top.gap) - Foundation.log10(level.gap) >= minimumGap { flush() }
            cluster.append(level)
        }
        flush()
        return lines
    }

    private func writeFigures(out: String, probe: LandscapeProbe, stationary: [StationaryPoint], runs: [RunRecord],
                              sigmas: [Double]) throws {
        let optimal = probe.optimalLoss
        let main = runs.filter { $0.kind != "saddle" }
        func perStep(_ value: @escaping (LandscapeSample) -> Double) -> (RunRecord) -> [(x: Double, y: Double)] {
            { run in run.trajectory.samples.map { (Double($0.step), value($0)) } }
        }
        let muted = RGBColor(hex: "#777777")
        let saddleLevels = Dictionary(grouping: stationary.filter { !$0.isGlobalMinimum }) { ($0.loss - optimal) }
            .map { (gap: $0.key, labels: $0.value.map(\.label)) }
        let mainGaps = main.flatMap { $0.trajectory.samples.map { $0.loss - optimal } }
        try Self.write(Self.stepPlot(title: "Loss gap ℓ(Y) − ℓ(Y*) (dashed: saddle levels)", yLabel: "ℓ(Y) − ℓ(Y*)",
                                     runs: main, logY: true,
                                     references: Self.levelLines(saddleLevels, plotted: mainGaps, color: muted),
                                     points: perStep { $0.loss - optimal }).svg() + "\n", "\(out)/loss.svg")
        try Self.write(Self.stepPlot(title: "Gradient norm ‖∇ℓ(Y)‖_F", yLabel: "‖∇ℓ‖_F", runs: main, logY: true,
                                     references: [.horizontal(probe.thresholds.nearSaddleGradient, label: "δ2 (near-saddle)",
                                                              color: muted)],
                                     points: perStep(\.gradientNorm)).svg() + "\n", "\(out)/gradient.svg")
        try Self.write(Self.stepPlot(title: "λ_min of the Riemannian Hessian on H_Y", yLabel: "λ_min", runs: main, logY: false,
                                     references: [.horizontal(0, color: muted)]) { run in
            run.trajectory.samples.filter { $0.hessianStep == $0.step }.map { (Double($0.step), $0.lambdaMin) }
        }.svg() + "\n", "\(out)/lambda-min.svg")
        try Self.write(Self.stepPlot(title: "Quotient distance d(Y, Y*) / ‖Y*‖_F", yLabel: "d(Y, Y*)/‖Y*‖", runs: main,
                                     logY: true,
                                     references: [.horizontal(probe.thresholds.nearOptimalDistance, label: "δ1 (near-optimal)",
                                                              color: muted),
                                                  .horizontal(1e-3, label: "reached Y* (1e-3)", color: muted)],
                                     points: perStep(\.relativeDistance)).svg() + "\n", "\(out)/distance.svg")
        let smallestSigma = sigmas.filter { $0 > 0 }.min()
        let saddleRuns = runs.filter { $0.kind == "saddle" && $0.parameter == smallestSigma }
        let regions = LandscapeRegion.allCases
        let bars = RegionBars(title: "Region per step (green near-optimal, red near-saddle, blue large-gradient)",
                              rows: (main + saddleRuns).map { run in
                                  (label: run.name, categories: run.trajectory.samples.map { regions.firstIndex(of: $0.region)! })
                              },
                              categoryNames: regions.map(\.rawValue), colors: regions.map { Self.regionColors[$0]! })
        try Self.write(bars.svg() + "\n", "\(out)/regions.svg")
        try Self.write(Self.stepPlot(title: "Escape from perturbed saddles (σ = \(smallestSigma.map(Console.number) ?? "none"))",
                                     yLabel: "ℓ(Y) − ℓ(Y*)", runs: saddleRuns, logY: true,
                                     references: Self.levelLines(saddleLevels, plotted: saddleRuns.flatMap { $0.trajectory.samples.map { $0.loss - optimal } },
                                                                  color: muted),
                                     points: perStep { $0.loss - optimal }).svg() + "\n", "\(out)/saddle-escape.svg")
    }
}
