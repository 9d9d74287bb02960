import Foundation
import SpectralNN

/// `snn sample <manifold> -n N … -o OUT`: draws a seeded sample and writes points (and labels, intrinsic
/// coordinates) to NumPy or CSV files.
struct SampleCommand: Command {
    let name = "sample"
    let abstract = "Sample points from a manifold or toy data set and write them to .npy or .csv"

    var positionals: [PositionalSpec] {
        [PositionalSpec("manifold", choices: Manifold.names, help: "The data set to sample")]
    }

    var options: [OptionSpec] {
        [
            OptionSpec(short: "n", .int, valueName: "N", required: true, minimum: 1, help: "Number of points"),
            OptionSpec(long: "dim", .int, valueName: "m", minimum: 1,
                       help: "Intrinsic dimension: S^m for sphere, T^m for flattorus, features for blobs "
                           + "(default: 2; the other data sets have a fixed dimension)"),
            OptionSpec(long: "ambient", .int, valueName: "D", minimum: 1,
                       help: "Embed in R^D: pad with zeros, then apply a seeded random rotation (default: no embedding)"),
            OptionSpec(long: "noise", .double, valueName: "s", default: "0",
                       help: "Standard deviation of Gaussian noise added to every ambient coordinate"),
            OptionSpec(long: "seed", .int, valueName: "S", default: "0", minimum: 0, help: "Random seed"),
            OptionSpec(long: "clusters", .int, valueName: "K", default: "3", minimum: 1, help: "Number of clusters, blobs only"),
            OptionSpec(long: "cluster-std", .double, valueName: "s", default: "1",
                       help: "Standard deviation of each cluster, blobs only"),
            OptionSpec(long: "radii", .doubleList, valueName: "R,r", default: "2,1",
                       help: "Major and minor (tube) radius, 0 < r < R, torus only"),
            OptionSpec(long: "out", short: "o", .string, valueName: "FILE", required: true,
                       help: "Output points, n × D float64 (.npy or .csv)"),
            OptionSpec(long: "labels", .string, valueName: "FILE",
                       help: "Also write the class labels as int64 (.npy or .csv; moons and blobs only)"),
            OptionSpec(long: "parameters", .string, valueName: "FILE",
                       help: "Also write the intrinsic coordinates, float64 (.npy or .csv; circle, torus, flattorus, swissroll, moons)"),
        ]
    }

    var discussion: String {
        """
        DATA SETS:
          circle      unit circle S^1 in R^2, uniform; parameters: angle
          sphere      unit sphere S^m in R^(m+1), uniform (normalized Gaussians)
          torus       standard torus in R^3 (radii R, r from --radii), uniform in area; parameters: (phi, theta)
          flattorus   flat torus T^m in R^(2m), product of unit circles, uniform; parameters: the m angles
          swissroll   scikit-learn's make_swiss_roll (uniform in t, not in area); parameters: (t, height)
          moons       scikit-learn's make_moons, labels 0/1; parameters: half-circle angle
          blobs       scikit-learn's make_blobs, centres uniform in [-10, 10]^m, labels 0..K-1

        EXAMPLES:
          snn sample sphere -n 2000 -o sphere.npy
          snn sample sphere -n 2000 --dim 3 --ambient 10 --noise 0.01 --seed 7 -o s3.npy
          snn sample blobs -n 1000 --clusters 4 -o blobs.csv --labels blobs-labels.npy
        """
    }

    func run(_ arguments: ParsedArguments) throws {
        let clock = Stopwatch()
        let manifold = Manifold(rawValue: arguments.positional("manifold")!)!
        let out = arguments.string("out")!
        _ = try FileKind.require(out, [.npy, .csv], option: "-o/--out", command: name)
        let labelsPath = arguments.string("labels")
        let parametersPath = arguments.string("parameters")
        if let labelsPath {
            _ = try FileKind.require(labelsPath, [.npy, .csv], option: "--labels", command: name)
            if !manifold.hasLabels {
                throw UsageError("--labels: \(manifold) has no labels (only moons and blobs do)", command: name)
            }
        }
        if let parametersPath {
            _ = try FileKind.require(parametersPath, [.npy, .csv], option: "--parameters", command: name)
            if manifold == .sphere || manifold == .blobs {
                throw UsageError("--parameters: \(manifold) has no intrinsic coordinates", command: name)
            }
        }
        for option in ["clusters", "cluster-std"] where arguments.wasGiven(option) && manifold != .blobs {
            throw UsageError("--\(option) applies to blobs only", command: name)
        }
        let radii = arguments.doubleList("radii")!
        if arguments.wasGiven("radii") && manifold != .torus {
            throw UsageError("--radii applies to torus only", command: name)
        }
        if radii.count != 2 {
            throw UsageError("--radii takes two numbers, the major and the minor radius (e.g. 2,1), got \(radii.count)",
                             command: name)
        }
        if arguments.wasGiven("dim") && !manifold.hasVariableDimension && arguments.int("dim") != manifold.defaultDimension {
            throw UsageError("--dim: \(manifold) always has dimension \(manifold.defaultDimension); "
                + "only sphere, flattorus and blobs take --dim", command: name)
        }
        let options = SampleOptions(
            n: arguments.int("n")!, dimension: arguments.int("dim"), ambient: arguments.int("ambient"),
            noise: arguments.double("noise")!, seed: UInt64(arguments.int("seed")!),
            clusters: arguments.int("clusters")!, clusterStandardDeviation: arguments.double("cluster-std")!,
            majorRadius: radii[0], minorRadius: radii[1])

        // Every output folder is checked first, so that a bad --labels path leaves no points file behind.
        for path in [out, arguments.string("labels"), arguments.string("parameters")].compactMap({ $0 }) {
            try TrainCommand.requireWritableFolder(of: path)
        }
        let sampling = Stopwatch()
        let sample: Sample
        do {
            sample = try Sampler.sample(manifold, options)
        } catch let error as SamplerError {
            // Bad combinations of flags are usage errors: the user changes the command line.
            throw UsageError(error.description, command: name)
        }
        let m = options.dimension ?? manifold.defaultDimension
        var what = manifold.title(dimension: m)
        if let d = options.ambient { what += ", embedded in R^\(d)" }
        if options.noise > 0 { what += ", noise \(Console.number(options.noise))" }
        print("sampled \(sample.points.rows) points from \(what) (seed \(options.seed)) in \(sampling.formatted)")

        try PointsFile.write(sample.points, path: out)
        print("wrote \(out): \(sample.points.rows) × \(sample.points.cols) float64")
        if let labelsPath, let labels = sample.labels {
            try LabelsFile.write(labels, path: labelsPath)
            print("wrote \(labelsPath): \(labels.count) int64 labels, \(Set(labels).count) classes")
        }
        if let parametersPath, let parameters = sample.parameters {
            try PointsFile.write(parameters, path: parametersPath)
            print("wrote \(parametersPath): \(parameters.rows) × \(parameters.cols) float64 intrinsic coordinates")
        }
        print("done in \(clock.formatted)")
    }
}

/// Integer class labels as a 1-D int64 `.npy` or a one-column `.csv` with header `label`.
enum LabelsFile {
    static func write(_ labels: [Int], path: String) throws {
        switch FileKind(path: path) {
        case .csv?:
            let text = "label\n" + labels.map(String.init).joined(separator: "\n") + "\n"
            try AtomicFile.write(Array(text.utf8), to: path)   // temporary file in the same folder + rename, like every output
        default:
            try NPY.write(NumpyArray(int64: labels.map(Int64.init), shape: [labels.count]), path: path)
        }
    }
}
