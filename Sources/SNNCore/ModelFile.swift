import Foundation
import SNNLinalg
import SNNData
import SNNGraph
import SNNNeural

/// The `.safetensors` model file (DESIGN §5), readable by the Python `safetensors` package and PyTorch:
///
/// | tensor | shape | meaning |
/// | --- | --- | --- |
/// | `layers.K.weight`, `layers.K.bias` | out × in, out | dense layer K (`nn.Linear` layout), ReLU etc. between layers |
/// | `input.mean`, `input.scale` | d, d | `x' = (x − mean) / scale` |
/// | `eigen.rotation`, `eigen.sigma` | r × r, r | `V`, `diag Σ`: `û(x) = f(x) V Σ^{-1/2}` |
/// | `degree.points`, `degree.values` | n × d, n | training points and degrees (only with the √degree factor) |
///
/// Metadata: `format` = `snn-model`, `snn_version`, `activation`, `widths`, `r`, `objective`, `graph`, `seed`,
/// `output_scale` (`c`), `degree_rule` (`knn:K` or `epsilon:EPS:KERNEL:SELFLOOPS`), `precision`.
/// The model computes `f(x) = c · √(d(x)/d̄) · g_θ(x')` (without the degree factor: `c · g_θ(x')`).
public enum ModelFile {
    public static let format = "snn-model"
    public static let version = "0.1.0"

    /// Tensors and metadata of a model (also the core of a checkpoint).
    public static func contents<T: LinalgScalar>(_ model: SpectralModel<T>, extra: [String: String]) -> (tensors: [SafeTensors.Tensor], metadata: [String: String]) {
        var tensors = model.network.tensors(prefix: "layers")
        tensors.append(SafeTensors.Tensor(name: "input.mean", shape: [model.standardization.mean.count], values: model.standardization.mean))
        tensors.append(SafeTensors.Tensor(name: "input.scale", shape: [model.standardization.scale.count], values: model.standardization.scale))
        if let recovery = model.recovery {
            tensors.append(SafeTensors.Tensor(name: "eigen.rotation", matrix: recovery.rotation))
            tensors.append(SafeTensors.Tensor(name: "eigen.sigma", shape: [recovery.sigma.count], values: recovery.sigma))
        }
        var metadata = extra
        metadata["format"] = format
        metadata["snn_version"] = version
        metadata["activation"] = model.network.activation.rawValue
        metadata["widths"] = model.network.widths.map(String.init).joined(separator: ",")
        metadata["r"] = "\(model.outputCount)"
        metadata["output_scale"] = "\(model.outputScale)"
        metadata["precision"] = T.self == Float.self ? "float32" : "float64"
        if let degree = model.degreeModel {
            tensors.append(SafeTensors.Tensor(name: "degree.points", matrix: degree.points))
            tensors.append(SafeTensors.Tensor(name: "degree.values", shape: [degree.degrees.count], values: degree.degrees))
            switch degree.rule {
            case let .nearestNeighbors(k): metadata["degree_rule"] = "knn:\(k)"
            case let .epsilon(eps, kernel, selfLoops): metadata["degree_rule"] = "epsilon:\(eps):\(kernel.rawValue):\(selfLoops)"
            }
        } else {
            metadata["degree_rule"] = "none"
        }
        return (tensors, metadata)
    }

    /// Writes the model atomically.
    public static func write<T: LinalgScalar>(_ model: SpectralModel<T>, metadata extra: [String: String] = [:], path: String) throws {
        let (tensors, metadata) = contents(model, extra: extra)
        try AtomicFile.write(SafeTensors.encode(tensors: tensors, metadata: metadata), to: path)
    }

    /// Reads a model file written by `write`, checking every tensor it needs.
    /// - Throws: `SNNError.badModelFile` naming the problem (or the decoder's error for a corrupt file).
    public static func read<T: LinalgScalar>(path: String, as: T.Type = T.self) throws -> (model: SpectralModel<T>, metadata: [String: String]) {
        let bytes: [UInt8]
        do { bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw SNNError.badModelFile(path: path, problem: "cannot read the file (\(error.localizedDescription))")
        }
        let tensors: [SafeTensors.Tensor], metadata: [String: String]
        do { (tensors, metadata) = try SafeTensors.decode(bytes) } catch {
            throw SNNError.badModelFile(path: path, problem: "\(error)")
        }
        return (try model(tensors: tensors, metadata: metadata, path: path), metadata)
    }

    static func model<T: LinalgScalar>(tensors: [SafeTensors.Tensor], metadata: [String: String], path: String) throws -> SpectralModel<T> {
        func bad(_ p: String) -> SNNError { .badModelFile(path: path, problem: p) }
        guard metadata["format"] == format || metadata["format"] == TrainingCheckpoint.format else {
            throw bad("its metadata has no \"format\": \"\(format)\" (was it written by snn train?)")
        }
        guard let activation = metadata["activation"].flatMap(Activation.init(rawValue:)) else { throw bad("unknown or missing activation") }
        guard let scale = metadata["output_scale"].flatMap(Double.init), scale > 0, scale.isFinite else { throw bad("missing output_scale") }
        do {
            let network = try MLP<T>(tensors: tensors, prefix: "layers", activation: activation)
            let mean = try SafeTensors.tensor(named: "input.mean", in: tensors).values(as: T.self)
            let spread = try SafeTensors.tensor(named: "input.scale", in: tensors).values(as: T.self)
            guard mean.count == network.inputCount, spread.count == network.inputCount, spread.allSatisfy({ $0 > 0 && $0.isFinite }) else {
                throw bad("input.mean/input.scale do not match the network's \(network.inputCount) inputs or are not positive")
            }
            var degreeModel: DegreeModel? = nil
            let rule = metadata["degree_rule"] ?? "none"
            if rule != "none" {
                let points = try SafeTensors.tensor(named: "degree.points", in: tensors).matrix(as: Double.self)
                let values = try SafeTensors.tensor(named: "degree.values", in: tensors).values(as: Double.self)
                guard points.rows == values.count, points.cols == network.inputCount, points.rows > 0 else {
                    throw bad("degree.points/degree.values have inconsistent shapes")
                }
                let parts = rule.split(separator: ":").map(String.init)
                if parts.count == 2, parts[0] == "knn", let k = Int(parts[1]), k > 0 {
                    degreeModel = DegreeModel(rule: .nearestNeighbors(k: min(k, points.rows)), points: points, degrees: values)
                } else if parts.count == 4, parts[0] == "epsilon", let eps = Double(parts[1]), eps > 0,
                          let kernel = Kernel(rawValue: parts[2]), let loops = Bool(parts[3]) {
                    degreeModel = DegreeModel(rule: .epsilon(eps: eps, kernel: kernel, selfLoops: loops), points: points, degrees: values)
                } else {
                    throw bad("unknown degree_rule \"\(rule)\"")
                }
            }
            var model = SpectralModel(network: network, standardization: InputStandardization(mean: mean, scale: spread),
                                      outputScale: scale, degreeModel: degreeModel)
            if tensors.contains(where: { $0.name == "eigen.rotation" }) {
                let v = try SafeTensors.tensor(named: "eigen.rotation", in: tensors).matrix(as: Double.self)
                let sigma = try SafeTensors.tensor(named: "eigen.sigma", in: tensors).values(as: Double.self)
                let r = network.outputCount
                guard v.rows == r, v.cols == r, sigma.count == r, sigma.allSatisfy({ $0 > 0 && $0.isFinite }) else {
                    throw bad("eigen.rotation/eigen.sigma must be \(r)×\(r) and \(r) positive values")
                }
                model.recovery = EigenRecovery(rotation: v, sigma: sigma)
            }
            return model
        } catch let error as SNNError {
            throw error
        } catch {
            throw bad("\(error)")
        }
    }
}
