import Foundation
import SpectralNN

/// `snn embed MODEL POINTS -o EMB.npy [--raw]`: eigenvector estimates (or raw outputs) of a trained model for any points.
struct EmbedCommand: Command {
    let name = "embed"
    let abstract = "Embed points with a trained model: eigenvector estimates û(x) = f(x) V Σ^{-1/2} (or f(x) with --raw)"

    var positionals: [PositionalSpec] {
        [PositionalSpec("model", help: "Model file written by snn train (.safetensors)"),
         PositionalSpec("points", help: "Points to embed, m × d (.npy or .csv)")]
    }

    var options: [OptionSpec] {
        [OptionSpec(long: "raw", .flag, help: "Write the network outputs f(x) instead of the eigenvector estimates"),
         OptionSpec(long: "out", short: "o", .string, valueName: "EMB.npy", required: true, help: "Output embedding, m × r float64 (.npy or .csv)")]
    }

    var discussion: String {
        """
        New points get their graph degree from the model's degree rule (the model stores the training points and
        degrees when it carries the √degree factor): the mean degree of their nearest training points for kNN graphs,
        the kernel sum over the training points for ε-graphs.
        """
    }

    func run(_ arguments: ParsedArguments) throws {
        let clock = Stopwatch()
        let out = arguments.string("out")!
        _ = try FileKind.require(out, [.npy, .csv], option: "-o/--out", command: name)
        let (model, _) = try ModelFile.read(path: arguments.positional("model")!, as: Float.self)
        let points = try PointsFile.read(path: arguments.positional("points")!)
        guard points.cols == model.inputCount else {
            throw CommandFailure("the points have \(points.cols) coordinates but the model takes \(model.inputCount); embed points of the training dimension")
        }
        let embedding = arguments.flag("raw") ? model.outputs(points) : try model.embed(points)
        try PointsFile.write(embedding, path: out)
        print("embedded \(points.rows) points into \(embedding.cols) \(arguments.flag("raw") ? "raw outputs f(x)" : "eigenvector estimates") in \(clock.formatted)")
        print("wrote \(out): \(embedding.rows) × \(embedding.cols) float64")
    }
}
