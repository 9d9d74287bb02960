import Foundation
import SNNLinalg

extension Sampler {
    /// n points uniform on the unit circle, with their angles θ ∈ [0, 2π) as parameters.
    /// - Complexity: O(n).
    static func circle(n: Int, using rng: inout SeededGenerator) -> Sample {
        var points = Matrix<Double>(rows: n, cols: 2)
        var angles = Matrix<Double>(rows: n, cols: 1)
        for i in 0..<n {
            let theta = rng.uniform(0, 2 * Double.pi)
            angles[i, 0] = theta
            points[i, 0] = cos(theta)
            points[i, 1] = sin(theta)
        }
        return Sample(points: points, parameters: angles)
    }

    /// n points uniform on the unit sphere S^m ⊂ R^(m+1): standard Gaussian vectors divided by their norms
    /// (the Gaussian is rotation invariant, so its direction is uniform).
    /// - Complexity: O(n · m).
    static func sphere(n: Int, dimension m: Int, using rng: inout SeededGenerator) -> Sample {
        let d = m + 1
        var points = Matrix<Double>(rows: n, cols: d)
        points.storage.withUnsafeMutableBufferPointer { p in
            for i in 0..<n {
                var squared = 0.0
                repeat {
                    squared = 0
                    for j in 0..<d {
                        let z = rng.normal()
                        p[i * d + j] = z
                        squared += z * z
                    }
                } while squared == 0 || !squared.isFinite
                // Scale and normalize in two steps so that tiny norms cannot underflow.
                var largest = 0.0
                for j in 0..<d { largest = Swift.max(largest, abs(p[i * d + j])) }
                var norm2 = 0.0
                for j in 0..<d { let v = p[i * d + j] / largest; norm2 += v * v }
                let scale = 1 / (largest * norm2.squareRoot())
                for j in 0..<d { p[i * d + j] *= scale }
            }
        }
        return Sample(points: points)
    }

    /// n points uniform on the flat torus T^m = (S¹)^m ⊂ R^(2m): independent uniform angles, coordinates
    /// `(cos θ₁, sin θ₁, …, cos θ_m, sin θ_m)`; the angles are the parameters.
    /// - Complexity: O(n · m).
    static func flatTorus(n: Int, dimension m: Int, using rng: inout SeededGenerator) -> Sample {
        var points = Matrix<Double>(rows: n, cols: 2 * m)
        var angles = Matrix<Double>(rows: n, cols: m)
        for i in 0..<n {
            for k in 0..<m {
                let theta = rng.uniform(0, 2 * Double.pi)
                angles[i, k] = theta
                points[i, 2 * k] = cos(theta)
                points[i, 2 * k + 1] = sin(theta)
            }
        }
        return Sample(points: points, parameters: angles)
    }
}
