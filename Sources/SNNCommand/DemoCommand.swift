import Foundation
import SpectralNN

/// `snn demo`: the default data set (S², n = 2000, seed 0) and its summary; writes the points with `--out`.
struct DemoCommand: Command {
    let name = "demo"
    let abstract = "Sample the default data set (sphere S^2, n = 2000, seed 0) and print its summary"

    /// The default data set of the demo.
    static let manifold = Manifold.sphere
    static let options = SampleOptions(n: 2000, dimension: 2, seed: 0)

    var options: [OptionSpec] {
        [OptionSpec(long: "out", .string, valueName: "DIR",
                    help: "Also write the points to DIR/points.npy (DIR is created if needed; default: write nothing)")]
    }

    func run(_ arguments: ParsedArguments) throws {
        let clock = Stopwatch()
        let directory = arguments.string("out")
        if let directory {
            try Console.makeDirectories(directory)
        }
        let sample = try Sampler.sample(Self.manifold, Self.options)
        let x = sample.points
        print("snn demo: \(Self.manifold.title(dimension: Self.options.dimension!)), seed \(Self.options.seed)")
        print("sampled n = \(x.rows) points in d = \(x.cols) dimensions in \(clock.formatted)")
        for line in ColumnSummary.table(x) { print("  " + line) }
        let norms = (0..<x.rows).map { i in Vector.norm(x.row(i)) }
        print("  mean norm \(Console.number(norms.reduce(0, +) / Double(x.rows)))")
        if let directory {
            let path = (directory as NSString).appendingPathComponent("points.npy")
            try PointsFile.write(x, path: path)
            print("wrote \(path): \(x.rows) × \(x.cols) float64")
        }
        print("done in \(clock.formatted)")
    }
}
