import Foundation
import SNNLinalg
import SNNData

/// The known continuum eigenfunctions spanning the top-r eigenspace of the graph on a uniformly sampled manifold
/// (the Laplace–Beltrami eigenfunctions of its lowest levels), evaluated at sampled points, where r covers
/// whole levels:
/// - sphere S^m: level 0 `{1}` (r = 1), level 1 adds the m + 1 coordinates (r = m + 2: `{1, x, y, z}` on S²),
///   level 2 adds the harmonic quadratics `x_i x_j` (i < j) and `x_i² − x_0²` (r = m + 2 + (m+1)(m+2)/2 − 1: 9 on S²);
/// - circle S¹: Fourier modes `{1, cos θ, sin θ, …, cos Lθ, sin Lθ}` (r = 2L + 1);
/// - flat torus T^m: `{1}`, then `cos θ_k, sin θ_k` (r = 2m + 1), then the products `cos/sin θ_i · cos/sin θ_j`,
///   i < j (r = 2m + 1 + 4·m(m−1)/2).
/// The functions are built from the sample's native coordinates or its intrinsic angles, so an ambient rotation
/// (`SampleOptions.ambient`) does not matter.
public struct ContinuumBasis: Sendable {
    /// A readable name of the span, e.g. `{1, x, y, z}`.
    public var name: String
    /// n × r values, one column per function (not orthonormalized).
    public var values: Matrix<Double>

    /// The basis for `manifold` with r functions at the points of `native` (the sample drawn without ambient
    /// rotation or noise, so its `parameters` and coordinates are intrinsic); nil when r does not end a level or
    /// the manifold's eigenfunctions are not known in closed form (standard torus, swiss roll, toy data).
    /// - Complexity: O(n · r).
    public init?(_ manifold: Manifold, native: Sample, r: Int) {
        let x = native.points
        let n = x.rows
        var columns: [[Double]] = [[Double](repeating: 1, count: n)]
        var names = ["1"]
        switch manifold {
        case .sphere:
            let d = x.cols
            let coordinate = d == 3 ? ["x", "y", "z"] : (0..<d).map { "x\($0 + 1)" }
            if r > 1 {
                for j in 0..<d { columns.append(x.column(j)); names.append(coordinate[j]) }
            }
            if r > 1 + d {
                for i in 0..<d { for j in (i + 1)..<d { columns.append((0..<n).map { x[$0, i] * x[$0, j] }); names.append(coordinate[i] + coordinate[j]) } }
                for j in 1..<d { columns.append((0..<n).map { x[$0, j] * x[$0, j] - x[$0, 0] * x[$0, 0] }); names.append("\(coordinate[j])² − \(coordinate[0])²") }
            }
        case .circle:
            guard let theta = native.parameters?.column(0) else { return nil }
            var level = 1
            while columns.count < r {
                let l = Double(level)
                columns.append(theta.map { cos(l * $0) }); columns.append(theta.map { sin(l * $0) })
                names += [level == 1 ? "cos θ" : "cos \(level)θ", level == 1 ? "sin θ" : "sin \(level)θ"]
                level += 1
            }
        case .flatTorus:
            guard let angles = native.parameters else { return nil }
            let m = angles.cols
            if r > 1 {
                for k in 0..<m {
                    columns.append(angles.column(k).map { cos($0) }); columns.append(angles.column(k).map { sin($0) })
                    names += ["cos θ\(k + 1)", "sin θ\(k + 1)"]
                }
            }
            if r > 1 + 2 * m {
                let trig: [(String, (Double) -> Double)] = [("cos", { cos($0) }), ("sin", { sin($0) })]
                for i in 0..<m { for j in (i + 1)..<m { for (a, f) in trig { for (b, g) in trig {
                    columns.append((0..<n).map { f(angles[$0, i]) * g(angles[$0, j]) })
                    names.append("\(a) θ\(i + 1) \(b) θ\(j + 1)")
                } } } }
            }
        default:
            return nil
        }
        guard columns.count == r else { return nil }
        values = Matrix(rows: n, cols: r) { i, j in columns[j][i] }
        name = r <= 6 ? "{" + names.joined(separator: ", ") + "}" : "{" + names.prefix(4).joined(separator: ", ") + ", … (\(r) functions)}"
    }
}
